//! `atlas team …`, `atlas sync` and `atlas conflicts`: the bureau's shared atlas on PostgreSQL +
//! PostGIS (crates/atlas-team). The server address is a libpq connection string or a
//! postgresql:// URL; passwords come from PGPASSWORD or ~/.pgpass and are never stored.

use std::path::PathBuf;

use atlas_core::{AtlasError, Result};
use atlas_team::conflicts::{self, Keep};

use super::Context;
use crate::print;

/// The --db file (team work always names one: the embedded atlas cannot sync).
fn atlas_path(cx: &Context, what: &str) -> Result<PathBuf> {
    cx.db.clone().ok_or_else(|| {
        AtlasError::Invalid(format!(
            "name the atlas to {what} with --db FILE (the app's is ~/.local/share/cn.tianjin.innovation-atlas/atlas.gpkg)"
        ))
    })
}

/// --server, else the server this atlas last synced with.
fn server_for(cx: &Context, server: Option<String>) -> Result<String> {
    if let Some(s) = server {
        return Ok(s);
    }
    let path = atlas_path(cx, "sync")?;
    atlas_team::status::status(&path)?.server.ok_or_else(|| {
        AtlasError::Invalid(
            "name the team server with --server 'host=… dbname=… user=…' (or a postgresql:// URL)".into(),
        )
    })
}

/// `atlas team init --server URL`
pub fn init(cx: &Context, server: &str) -> Result<()> {
    let r = atlas_team::server::init::init(server)?;
    let text = format!(
        "{} {} on {} (database {}, PostGIS {}, as {}): schema atlas_team, roles atlas_viewer / atlas_editor / atlas_admin",
        if r.created { "prepared" } else { "checked" },
        "the shared atlas",
        r.server,
        r.database,
        r.postgis_version,
        r.role
    );
    print::value(&r, &text, cx.json);
    Ok(())
}

/// `atlas --db FILE sync [--server URL]`
pub fn sync(cx: &Context, server: Option<String>) -> Result<()> {
    let path = atlas_path(cx, "sync")?;
    let server = server_for(cx, server)?;
    let r = atlas_team::sync::sync(&path, &server)?;
    let mut text = format!(
        "synced with {} as {}: {} pushed, {} pulled, {} new conflict(s), {} pending",
        r.server, r.role, r.pushed, r.pulled, r.conflicts_new, r.pending
    );
    for why in &r.refused {
        text.push_str(&format!("\n  refused: {why}"));
    }
    if r.conflicts_new > 0 {
        text.push_str("\n  `atlas --db FILE conflicts` lists them");
    }
    print::value(&r, &text, cx.json);
    if !r.refused.is_empty() {
        return Err(AtlasError::Invalid(format!(
            "the server refused {} change(s); they stay pending (see above)",
            r.refused.len()
        )));
    }
    Ok(())
}

/// `atlas --db FILE team status`
pub fn status(cx: &Context) -> Result<()> {
    let s = atlas_team::status::status(&atlas_path(cx, "show the team status of")?)?;
    let text = format!(
        "server: {}\nas: {} ({})\nlast sync: {}\npending local changes: {}\nopen conflicts: {}",
        s.server.as_deref().unwrap_or("(never synced)"),
        s.role.as_deref().unwrap_or("-"),
        s.team_role.as_deref().unwrap_or("no team role"),
        s.last_sync_at.as_deref().unwrap_or("never"),
        s.pending,
        s.open_conflicts
    );
    print::value(&s, &text, cx.json);
    Ok(())
}

/// `atlas --db FILE conflicts [--all]`
pub fn list(cx: &Context, all: bool) -> Result<()> {
    let list = conflicts::list(&atlas_path(cx, "list the conflicts of")?, !all)?;
    let lines: Vec<String> = list
        .iter()
        .map(|c| {
            format!(
                "#{} {} {} [{}]\n  current: {} — {} {}\n  other:   {} — {} {}",
                c.id,
                c.kind,
                &c.gid[..8.min(c.gid.len())],
                c.status,
                summary(c.kept.as_ref()),
                c.kept_by.as_deref().unwrap_or("?"),
                c.kept_at.as_deref().unwrap_or(""),
                summary(c.other.as_ref()),
                c.other_by,
                c.other_at
            )
        })
        .collect();
    let text = if lines.is_empty() { "no open conflicts".to_owned() } else { lines.join("\n") };
    print::value(&list, &text, cx.json);
    Ok(())
}

/// A version in a line: its text or name, or "(deleted)".
fn summary(v: Option<&serde_json::Value>) -> String {
    let Some(v) = v else { return "(deleted)".into() };
    ["text", "name_zh", "caption_zh", "name"]
        .iter()
        .find_map(|k| v.get(*k).and_then(|x| x.as_str()).filter(|s| !s.is_empty()))
        .map(|s| format!("{s:?}"))
        .unwrap_or_else(|| "(changed)".into())
}

/// `atlas --db FILE conflicts resolve ID --keep mine|theirs|both`
pub fn resolve(cx: &Context, id: i64, keep: Keep) -> Result<()> {
    let c = conflicts::resolve(&atlas_path(cx, "resolve a conflict in")?, id, keep)?;
    print::value(&c, &format!("conflict #{} resolved ({}); the next sync shares it", c.id, c.status), cx.json);
    Ok(())
}

/// `atlas team member ROLE --role viewer|editor|admin --server URL`
pub fn member(cx: &Context, server: Option<String>, member: &str, role: &str) -> Result<()> {
    let server = server_for(cx, server)?;
    atlas_team::server::admin::set_member(&server, member, role)?;
    print::value(&(member, role), &format!("{member} is now a team {role}"), cx.json);
    Ok(())
}

/// `atlas team grant --layer NAME --to ROLE [--revoke] --server URL`
pub fn grant(cx: &Context, server: Option<String>, layer: &str, to: &str, revoke: bool) -> Result<()> {
    let server = server_for(cx, server)?;
    atlas_team::server::admin::grant_layer(&server, layer, to, !revoke)?;
    let text = if revoke { format!("{to} may no longer edit {layer:?}") } else { format!("{to} may edit {layer:?}") };
    print::value(&(layer, to, !revoke), &text, cx.json);
    Ok(())
}

/// `atlas team layers --server URL`
pub fn layers(cx: &Context, server: Option<String>) -> Result<()> {
    let server = server_for(cx, server)?;
    let layers = atlas_team::server::admin::shared_layers(&server)?;
    let lines: Vec<String> = layers
        .iter()
        .map(|l| {
            format!(
                "{}  {}  atlas_team.{}  shared by {}; editors: {}",
                &l.id[..8],
                l.name,
                l.table,
                l.created_by,
                l.editors.join(", ")
            )
        })
        .collect();
    print::value(&layers, &lines.join("\n"), cx.json);
    Ok(())
}

/// `atlas team prune --server URL`
pub fn prune(cx: &Context, server: Option<String>) -> Result<()> {
    let p = atlas_team::server::prune::prune(&server_for(cx, server)?)?;
    let text = format!("pruned {} tombstone(s) and {} push record(s) no desktop needs", p.tombstones, p.batches);
    print::value(&p, &text, cx.json);
    Ok(())
}
