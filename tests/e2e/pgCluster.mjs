// A throwaway PostgreSQL + PostGIS cluster for an end-to-end test, made the way atlas-team's
// own tests make theirs (crates/atlas-team/src/throwaway.rs): initdb and pg_ctl in a folder
// under /tmp that the postgres user can reach (as postgres when we are root: the server refuses
// to run as root), listening only on a unix socket in that folder, trust authentication.
// stop() kills it (pg_ctl stop -m immediate) and removes the folder.

import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";

const isRoot = process.getuid?.() === 0;

function pgBin() {
  for (const v of ["15", "16", "17", "14"]) {
    const dir = `/usr/lib/postgresql/${v}/bin`;
    if (existsSync(join(dir, "initdb"))) return dir;
  }
  throw new Error("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: run scripts/setup.sh --test");
}

function runPg(bin, tool, args) {
  const exe = join(bin, tool);
  return isRoot ? execFileSync("runuser", ["-u", "postgres", "--", exe, ...args], { encoding: "utf8", stdio: "pipe" }) : execFileSync(exe, args, { encoding: "utf8", stdio: "pipe" });
}

export function startCluster() {
  const bin = pgBin();
  const dir = mkdtempSync("/tmp/atlas-e2e-pg-");
  if (isRoot) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  const data = join(dir, "data");
  runPg(bin, "initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const opts = `-c listen_addresses='' -k ${dir} -p 5432 -c fsync=off -c full_page_writes=off`;
  try {
    runPg(bin, "pg_ctl", ["-D", data, "-l", join(dir, "server.log"), "-o", opts, "-w", "-t", "60", "start"]);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  const cluster = {
    dir,
    /** A libpq connection string for `user` on `db`. */
    url: (user, db) => `host=${dir} port=5432 user=${user} dbname=${db}`,
    /** Runs SQL as the superuser; the rows as text, one per line (psql -At). */
    sql: (db, query) => execFileSync("psql", ["-h", dir, "-p", "5432", "-U", "postgres", "-d", db, "-v", "ON_ERROR_STOP=1", "-At", "-c", query], { encoding: "utf8" }).trim(),
    stop: () => {
      try {
        runPg(bin, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return cluster;
}
