// The types the UI exchanges with the shell. Those of atlas-core are generated from the Rust
// types (generated.ts; a Rust test fails when the two differ); the few the shell itself defines
// are written here.

export type * from "./generated";
import type { BackupEntry, LocationBasis, NoteTarget } from "./generated";

export type Basis = LocationBasis;
export type NoteKind = NoteTarget;

/** One backup of the atlas file (File → Restore from backup…). */
export type BackupInfo = BackupEntry;
