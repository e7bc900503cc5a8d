// Generated from atlas-team's Rust types by ts-rs (crates/atlas-team/src/ipc_types.rs). Do not
// edit: change the Rust type and run `UPDATE_IPC_TYPES=1 cargo test -p atlas-team --lib ipc_types`.

export type PendingKind = { kind: string, count: number, };

export type TeamStatus = { 
/**
 * The server address chosen or last synced with (no password is ever stored).
 */
server: string | null, 
/**
 * The login role the server knew this desktop as at the last sync.
 */
role: string | null, 
/**
 * What that role may do: admin, editor or viewer.
 */
team_role: string | null, last_sync_at: string | null, pending: number, 
/**
 * The pending changes by kind (layer, feature, tour, stop, note), kinds with none left out.
 */
pending_by_kind: Array<PendingKind>, open_conflicts: number, replica: string, };

export type Pruned = { tombstones: number, batches: number, };

export type SyncReport = { server: string, 
/**
 * The role the server knows this desktop as.
 */
role: string, 
/**
 * What it may do there: admin, editor or viewer.
 */
team_role: string | null, pushed: number, 
/**
 * Changes of this desktop that lost to another's (each recorded as a conflict).
 */
conflicts_new: number, 
/**
 * Changes the server refused, with its reason; they stay pending.
 */
refused: Array<string>, pulled: number, 
/**
 * Local changes still waiting (the refused ones, and any made during the sync).
 */
pending: number, push_ms: number, pull_ms: number, 
/**
 * Bytes of row content sent and received (JSON), for the figures.
 */
bytes_sent: number, bytes_received: number, 
/**
 * What the server forgot after this pull (tombstones and push records no desktop needs).
 */
pruned: Pruned, };

export type Conflict = { id: number, kind: string, gid: string, 
/**
 * The version that stayed current (None: the row was deleted), who wrote it and when.
 */
kept: Record<string, unknown> | null, kept_by: string | null, kept_at: string | null, 
/**
 * The version that came second (None: a deletion).
 */
other: Record<string, unknown> | null, other_by: string, other_at: string, 
/**
 * open, kept_mine, kept_theirs or kept_both.
 */
status: string, resolved_by: string | null, 
/**
 * The server rev of its last change (record or resolution).
 */
rev: number, };

export type Keep = "mine" | "theirs" | "both";
