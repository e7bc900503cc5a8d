//! Keeping the server small: each desktop reports how far it has pulled at the end of a sync,
//! and the server forgets tombstones every known desktop has pulled and push records their
//! desktop no longer needs (the rules are in schema.sql, `atlas_team.prune`). Runs at the end
//! of every sync, and on demand with `atlas team prune`.

use postgres::Client;

use crate::error::{server_error, Result};
use crate::server::connect::connect;

/// What a prune removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Pruned {
    pub tombstones: i64,
    pub batches: i64,
}

/// Says this desktop has pulled everything up to `pulled` (call only once that pull has
/// committed locally), then prunes. A server prepared before pruning existed (no
/// `atlas_team.prune`) is left as it is until `atlas team init` runs there again.
pub fn report_and_prune(client: &mut Client, replica: uuid::Uuid, pulled: i64) -> Result<Pruned> {
    match client.execute("SELECT atlas_team.report_pulled($1, $2)", &[&replica, &pulled]) {
        Ok(_) => prune_with(client),
        Err(e) if e.code() == Some(&postgres::error::SqlState::UNDEFINED_FUNCTION) => Ok(Pruned::default()),
        Err(e) => Err(server_error("recording how far this desktop has pulled", &e)),
    }
}

fn prune_with(client: &mut Client) -> Result<Pruned> {
    let row = client.query_one("SELECT * FROM atlas_team.prune()", &[]).map_err(|e| server_error("pruning", &e))?;
    Ok(Pruned { tombstones: row.get(0), batches: row.get(1) })
}

/// `atlas team prune`: the same, without a sync.
pub fn prune(address: &str) -> Result<Pruned> {
    prune_with(&mut connect(address)?.client)
}
