// The api layer: the only code that talks to Tauri. Callers import from here.

export * from "./types";
export * from "./errors";
export * from "./plan";
export * from "./tours";
export * from "./planner";
export * from "./files";
export * from "./shell";
export * from "./about";
export * from "./basemaps";
export * from "./team";
