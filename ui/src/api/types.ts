// The types the UI exchanges with the shell. Those of atlas-core are generated from the Rust
// types (generated.ts; a Rust test fails when the two differ); the few the shell itself defines
// are written here.

export type * from "./generated";
import type { LocationBasis, NoteTarget } from "./generated";

export type Basis = LocationBasis;
export type NoteKind = NoteTarget;

/** src-tauri/src/commands.rs: what the app says about its file at startup. */
export interface AtlasInfo { path: string; edition: string | null; schema_version: number; elements: number; notice: string | null }

/** One backup of the atlas file (File → Restore from backup…). */
export interface BackupInfo { file_name: string; kind: string; created_unix: number; notes: number; own_features: number; tours: number; size_bytes: number }
