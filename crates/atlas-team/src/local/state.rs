//! This desktop's sync state: its replica id, the server it syncs with, the last rev it pulled,
//! when it last synced, and a push in flight (see sync.rs). Key/value rows in `team_state`.

use rusqlite::{Connection, OptionalExtension};

pub fn get(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM team_state WHERE key = ?1", [key], |r| r.get(0)).optional()
}

pub fn set(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute("INSERT INTO team_state VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2", [key, value])?;
    Ok(())
}

pub fn clear(conn: &Connection, key: &str) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM team_state WHERE key = ?1", [key])?;
    Ok(())
}

/// This desktop's id, made on first use: conflicts name the replica a losing change came from.
pub fn replica(conn: &Connection) -> rusqlite::Result<uuid::Uuid> {
    if let Some(r) = get(conn, "replica")?.and_then(|s| uuid::Uuid::parse_str(&s).ok()) {
        return Ok(r);
    }
    let r = uuid::Uuid::new_v4();
    set(conn, "replica", &r.to_string())?;
    Ok(r)
}

pub fn last_rev(conn: &Connection) -> rusqlite::Result<i64> {
    Ok(get(conn, "last_rev")?.and_then(|s| s.parse().ok()).unwrap_or(0))
}
