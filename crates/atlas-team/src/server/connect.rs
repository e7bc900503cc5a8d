//! Reaching the bureau's server. The address is what libpq accepts — a connection string
//! (`host=/var/run/postgresql dbname=bureau user=ana`) or a URL (`postgresql://ana@db/bureau`);
//! a host that is a folder is a unix socket. Passwords come from `PGPASSWORD` or `~/.pgpass`
//! (`PGPASSFILE`) as libpq finds them, never from the atlas file: the atlas records only the
//! address, so a copied or e-mailed atlas carries no secret.

use std::str::FromStr;

use postgres::config::Host;
use postgres::{Client, Config, NoTls};

use crate::error::{Result, TeamError};

/// A connected client and who the server says we are.
pub struct Server {
    pub client: Client,
    /// The address as given (for messages; it never holds a password we add).
    pub address: String,
    /// `session_user`: the role the server knows us as.
    pub role: String,
    /// What that role may do in the shared atlas: admin, editor or viewer (the strongest of the
    /// `atlas_*` groups it belongs to); None on a server not prepared by `atlas team init`.
    pub team_role: Option<String>,
}

/// The address without any password in it, for messages and the atlas file.
pub fn redact(address: &str) -> String {
    let redacted_kv = address
        .split_whitespace()
        .map(|part| if part.to_ascii_lowercase().starts_with("password=") { "password=…" } else { part })
        .collect::<Vec<_>>()
        .join(" ");
    // postgresql://user:secret@host → postgresql://user:…@host
    match (redacted_kv.find("://"), redacted_kv.find('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &redacted_kv[scheme + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!("{}{}:…{}", &redacted_kv[..scheme + 3], &userinfo[..colon], &redacted_kv[at..]),
                None => redacted_kv,
            }
        }
        _ => redacted_kv,
    }
}

/// Parses an address as libpq would, refusing what is not one.
pub fn parse(address: &str) -> Result<Config> {
    Config::from_str(address).map_err(|e| {
        TeamError::Invalid(format!(
            "{:?} is not a PostgreSQL address ({e}); use `host=… dbname=… user=…` or postgresql://user@host/dbname",
            redact(address)
        ))
    })
}

pub fn connect(address: &str) -> Result<Server> {
    let shown = redact(address);
    let mut config = parse(address)?;
    if config.get_user().is_none() {
        let user = std::env::var("PGUSER").or_else(|_| std::env::var("USER")).unwrap_or_else(|_| "postgres".into());
        config.user(&user);
    }
    if config.get_hosts().is_empty() {
        config.host(&std::env::var("PGHOST").unwrap_or_else(|_| "/var/run/postgresql".into()));
    }
    if config.get_dbname().is_none() {
        if let Ok(db) = std::env::var("PGDATABASE") {
            config.dbname(&db);
        }
    }
    if config.get_password().is_none() {
        if let Some(password) = password_for(&config) {
            config.password(password);
        }
    }
    config.connect_timeout(std::time::Duration::from_secs(10));
    config.application_name("tianjin-atlas");
    let mut client =
        config.connect(NoTls).map_err(|e| TeamError::Unreachable { server: shown.clone(), detail: reason(&e) })?;
    let role: String = client
        .query_one("SELECT session_user::text", &[])
        .map_err(|e| TeamError::Unreachable { server: shown.clone(), detail: reason(&e) })?
        .get(0);
    // CASE, not AND: pg_has_role fails on a group that does not exist (an uninitialised server).
    let team_role: Option<String> = client
        .query_opt(
            "SELECT r FROM unnest(ARRAY['admin', 'editor', 'viewer']) WITH ORDINALITY AS t(r, o)
             WHERE CASE WHEN to_regrole('atlas_' || r) IS NULL THEN false
                        ELSE pg_has_role(to_regrole('atlas_' || r)::oid, 'MEMBER') END
             ORDER BY o LIMIT 1",
            &[],
        )
        .map_err(|e| TeamError::Unreachable { server: shown.clone(), detail: reason(&e) })?
        .map(|row| row.get(0));
    Ok(Server { client, address: shown, role, team_role })
}

/// The server's message when it gave one (e.g. "password authentication failed"), else the
/// transport's.
fn reason(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.message().to_owned(),
        None => {
            let mut text = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                text = format!("{text}: {s}");
                source = s.source();
            }
            text
        }
    }
}

/// `PGPASSWORD`, else the first matching line of `~/.pgpass` (or `PGPASSFILE`):
/// host:port:database:user:password, `*` matching anything; a unix socket matches `localhost`.
fn password_for(config: &Config) -> Option<Vec<u8>> {
    if let Ok(p) = std::env::var("PGPASSWORD") {
        return Some(p.into_bytes());
    }
    let file = std::env::var("PGPASSFILE")
        .map(std::path::PathBuf::from)
        .ok()
        .or_else(|| std::env::var("HOME").ok().map(|h| std::path::Path::new(&h).join(".pgpass")))?;
    let text = std::fs::read_to_string(file).ok()?;
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        _ => "localhost".to_owned(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432).to_string();
    let user = config.get_user().unwrap_or_default().to_owned();
    let db = config.get_dbname().unwrap_or(&user).to_owned();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| pgpass_line(l))
        .find(|f| [&host, &port, &db, &user].iter().zip(&f[..4]).all(|(want, field)| field == "*" || field == *want))
        .map(|f| f[4].clone().into_bytes())
}

/// Splits a .pgpass line on unescaped colons (`\:` and `\\` are escapes).
fn pgpass_line(line: &str) -> Option<Vec<String>> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => fields.last_mut()?.push(chars.next()?),
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut()?.push(c),
        }
    }
    (fields.len() == 5).then_some(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_shown() {
        assert_eq!(redact("host=db password=secret user=a"), "host=db password=… user=a");
        assert_eq!(redact("postgresql://ana:secret@db/bureau"), "postgresql://ana:…@db/bureau");
        assert_eq!(redact("postgresql://ana@db/bureau"), "postgresql://ana@db/bureau");
    }

    #[test]
    fn pgpass_lines_split_on_unescaped_colons() {
        assert_eq!(pgpass_line("db:5432:*:ana:a\\:b").unwrap(), vec!["db", "5432", "*", "ana", "a:b"]);
        assert!(pgpass_line("too:few").is_none());
    }
}
