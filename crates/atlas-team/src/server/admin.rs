//! What a bureau admin does from a desktop: make a role a viewer, editor or admin, and let a
//! role edit a shared layer (a district office its district's layers). The server checks that
//! the caller is an admin (role membership with ADMIN OPTION; `grant_layer` checks itself).

use crate::error::{server_error, Result, TeamError};
use crate::server::connect::connect;

/// The three group roles `atlas team init` creates.
pub const ROLES: [&str; 3] = ["viewer", "editor", "admin"];

/// Makes `member` (an existing login role) a viewer, editor or admin of the shared atlas.
pub fn set_member(address: &str, member: &str, role: &str) -> Result<()> {
    if !ROLES.contains(&role) {
        return Err(TeamError::Invalid(format!("no team role {role:?}: use viewer, editor or admin")));
    }
    let mut server = connect(address)?;
    let sql = format!("GRANT atlas_{role} TO {}", quote_ident(member));
    server.client.batch_execute(&sql).map_err(|e| server_error(&format!("making {member} {role}"), &e))
}

/// Lets `member` edit the features of a shared layer (`allow = false` takes it back).
/// `layer` is the layer's name or id as the server lists it.
pub fn grant_layer(address: &str, layer: &str, member: &str, allow: bool) -> Result<()> {
    let mut server = connect(address)?;
    let rows = server
        .client
        .query("SELECT gid FROM atlas_team.layers WHERE gid::text = $1 OR name = $1 OR table_name = $1", &[&layer])
        .map_err(|e| server_error("looking the layer up", &e))?;
    let gid: uuid::Uuid = match rows.as_slice() {
        [one] => one.get(0),
        [] => return Err(TeamError::Invalid(format!("no shared layer {layer:?}; `atlas team layers` lists them"))),
        _ => return Err(TeamError::Invalid(format!("{layer:?} names several shared layers: give its id"))),
    };
    server
        .client
        .execute("SELECT atlas_team.grant_layer($1, $2::text::name, $3)", &[&gid, &member, &allow])
        .map(|_| ())
        .map_err(|e| server_error(&format!("granting layer {layer:?} to {member}"), &e))
}

/// One shared layer as the server lists it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SharedLayer {
    pub id: String,
    pub name: String,
    pub table: String,
    pub created_by: String,
    pub editors: Vec<String>,
}

pub fn shared_layers(address: &str) -> Result<Vec<SharedLayer>> {
    let mut server = connect(address)?;
    let rows = server
        .client
        .query(
            "SELECT l.gid::text, l.name, l.table_name, l.created_by::text,
                    coalesce(array_agg(e.role::text ORDER BY e.role) FILTER (WHERE e.role IS NOT NULL), '{}')
             FROM atlas_team.layers l LEFT JOIN atlas_team.layer_editors e ON e.layer_gid = l.gid
             GROUP BY l.gid ORDER BY l.name",
            &[],
        )
        .map_err(|e| server_error("listing shared layers", &e))?;
    Ok(rows
        .iter()
        .map(|r| SharedLayer { id: r.get(0), name: r.get(1), table: r.get(2), created_by: r.get(3), editors: r.get(4) })
        .collect())
}

/// A role name quoted for SQL (`"dist_a"`), so any name the DBA chose works and none injects.
pub fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
