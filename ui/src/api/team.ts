// The bureau's shared atlas (the Team panel): the server this atlas syncs with, a sync, and the
// conflicts with their resolutions. Types generated from atlas-team (generatedTeam.ts).

import { call } from "./call";
import type { Conflict, Keep, SyncReport, TeamStatus } from "./generatedTeam";

export type { Conflict, Keep, PendingKind, SyncReport, TeamStatus } from "./generatedTeam";

export const teamStatus = () => call<TeamStatus>("team_status");
/** Records the address (libpq string or postgresql:// URL); one holding a password is refused. */
export const setTeamServer = (address: string) => call<TeamStatus>("team_set_server", { address });
/** Push and pull; runs in the shell's background, the page stays usable. */
export const teamSync = () => call<SyncReport>("team_sync");
export const teamConflicts = () => call<Conflict[]>("team_conflicts");
export const resolveConflict = (id: number, keep: Keep) => call<Conflict>("team_resolve", { id, keep });
