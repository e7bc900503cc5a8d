// Startup benchmark: process start → map ready with every plan layer drawn (the UI's ready
// mark), median of N cold launches, side by side with a bare page in the same shell; and
// memory at rest (PSS summed over the app's process tree). Figures, not assertions.
//   node tests/bench/startup.mjs [launches=7]

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ROOT = resolve(import.meta.dirname, "../..");
const APP = join(ROOT, "target/release/tianjin-atlas");
const LAUNCHES = Number(process.argv[2] ?? 7);

function descendants(pid) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {}
  }
  const out = [pid];
  for (let i = 0; i < out.length; i++) out.push(...(children.get(out[i]) ?? []));
  return out;
}

function pssKiB(pids) {
  let total = 0;
  const per = [];
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      const kib = Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      const name = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
      total += kib;
      per.push(`${name} ${Math.round(kib / 1024)}`);
    } catch {}
  }
  return { total, per };
}

async function launchOnce(page, display, measureMemory) {
  const data = mkdtempSync(join(tmpdir(), "atlas-bench-"));
  const env = { ...process.env, DISPLAY: display, TIANJIN_ATLAS_BENCH: "1", TIANJIN_ATLAS_DATA_DIR: data, XDG_DATA_HOME: join(data, "xdg"), XDG_CACHE_HOME: join(data, "cache") };
  if (page === "bare") env.TIANJIN_ATLAS_PAGE = "bare.html";
  const started = performance.now();
  const child = spawn(APP, [], { env, stdio: ["ignore", "pipe", "ignore"] });
  const readyMs = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${page}: no ready mark in 30 s`)), 30000);
    child.stdout.on("data", (d) => {
      const m = new RegExp(`atlas-ready ${page} ([\\d.]+)`).exec(String(d));
      if (m) {
        clearTimeout(timer);
        ok({ inProcess: Number(m[1]), wall: performance.now() - started });
      }
    });
  });
  let memory = null;
  if (measureMemory) {
    await sleep(3000); // at rest
    memory = pssKiB(descendants(child.pid));
  }
  child.kill("SIGTERM");
  await new Promise((ok) => child.once("exit", ok));
  rmSync(data, { recursive: true, force: true });
  return { ...readyMs, memory };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

if (!existsSync(APP)) throw new Error(`${APP} missing: run scripts/build.sh`);
const displayNo = 77;
const xvfb = spawn("Xvfb", [`:${displayNo}`, "-screen", "0", "1280x800x24", "-nolisten", "tcp"], { stdio: "ignore" });
await sleep(800);
try {
  const results = { atlas: [], bare: [] };
  await launchOnce("atlas", `:${displayNo}`, false); // warm the page cache once, not counted
  for (let i = 0; i < LAUNCHES; i++) {
    // Interleaved, so drift on the machine hits both alike.
    results.bare.push(await launchOnce("bare", `:${displayNo}`, i === LAUNCHES - 1));
    results.atlas.push(await launchOnce("atlas", `:${displayNo}`, i === LAUNCHES - 1));
  }
  console.log(`startup, ${LAUNCHES} launches each (process start → ready mark; wall time includes process spawn)`);
  for (const page of ["atlas", "bare"]) {
    const r = results[page];
    const mem = r.at(-1).memory;
    console.log(
      `${page.padEnd(6)} median ${median(r.map((x) => x.inProcess)).toFixed(0)} ms in-process, ${median(r.map((x) => x.wall)).toFixed(0)} ms wall` +
        `  (min ${Math.min(...r.map((x) => x.wall)).toFixed(0)}, max ${Math.max(...r.map((x) => x.wall)).toFixed(0)})` +
        `  PSS at rest ${(mem.total / 1024).toFixed(0)} MiB [${mem.per.join(", ")}]`,
    );
  }
  const ratio = results.atlas.at(-1).memory.total / results.bare.at(-1).memory.total;
  console.log(`memory atlas / bare page: ${ratio.toFixed(2)}×`);
} finally {
  xvfb.kill("SIGTERM");
}
