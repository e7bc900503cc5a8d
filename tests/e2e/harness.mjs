// Starts what an end-to-end test needs and stops it afterwards: a virtual X server, tauri-driver
// (which runs WebKitWebDriver), and a WebDriver session on the real release binary with a fresh
// data folder. Screenshots go to test-output/e2e/.

import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import net from "node:net";
import { remote } from "webdriverio";
import { after, before } from "node:test";

export const ROOT = resolve(import.meta.dirname, "../..");
export const APP = join(ROOT, "target/release/tianjin-atlas");
export const OUT = join(ROOT, "test-output/e2e");

async function portFree(port) {
  return new Promise((ok) => {
    const s = net.createServer().once("error", () => ok(false)).once("listening", () => s.close(() => ok(true))).listen(port, "127.0.0.1");
  });
}

async function waitForPort(port, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const open = await new Promise((ok) => {
      const c = net.connect(port, "127.0.0.1").once("connect", () => (c.destroy(), ok(true))).once("error", () => ok(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`nothing listened on ${port} within ${ms} ms`);
}

function freeDisplay() {
  for (let n = 90; n < 140; n++) if (!existsSync(`/tmp/.X${n}-lock`)) return n;
  throw new Error("no free X display number");
}

/** Starts Xvfb + tauri-driver + a session. Returns { browser, dataDir, stop }.
 * tauri-driver now and then fails to reach WebKitWebDriver on its first try ("tcp connect
 * error", about one launch in fifty here): the whole start is retried twice before failing. */
export async function launch(options = {}) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launchOnce(options);
    } catch (e) {
      if (attempt >= 3 || !String(e).includes("WebDriver session failed")) throw e;
      console.error(`launch attempt ${attempt} failed, retrying: ${String(e).split("\n")[0]}`);
      for (let i = 0; i < 50 && !((await portFree(4444)) && (await portFree(4445))); i++) await sleep(100);
    }
  }
}

async function launchOnce({ width = 1280, height = 800, dataDir } = {}) {
  if (!existsSync(APP)) throw new Error(`${APP} is missing: run scripts/build.sh first`);
  mkdirSync(OUT, { recursive: true });
  const display = freeDisplay();
  const xvfb = spawn("Xvfb", [`:${display}`, "-screen", "0", `${width}x${height}x24`, "-nolisten", "tcp"], { stdio: "ignore" });
  for (let i = 0; i < 50 && !existsSync(`/tmp/.X11-unix/X${display}`); i++) await sleep(100);
  if (!(await portFree(4444)) || !(await portFree(4445))) throw new Error("ports 4444/4445 are taken: is another tauri-driver running?");
  const data = dataDir ?? mkdtempSync(join(tmpdir(), "atlas-e2e-"));
  // A private home for the run: the atlas file, and WebKit's own storage (language choice etc.).
  const env = {
    ...process.env,
    DISPLAY: `:${display}`,
    TIANJIN_ATLAS_DATA_DIR: data,
    XDG_DATA_HOME: join(data, "xdg-data"),
    XDG_CONFIG_HOME: join(data, "xdg-config"),
    XDG_CACHE_HOME: join(data, "xdg-cache"),
    GDK_BACKEND: "x11",
  };
  const driverLog = [];
  const driver = spawn("tauri-driver", ["--port", "4444", "--native-port", "4445"], { env, stdio: ["ignore", "pipe", "pipe"] });
  driver.stdout.on("data", (d) => driverLog.push(String(d)));
  driver.stderr.on("data", (d) => driverLog.push(String(d)));
  await waitForPort(4444, 10000);
  let browser;
  try {
    browser = await remote({
      hostname: "127.0.0.1",
      port: 4444,
      logLevel: "error",
      connectionRetryCount: 0,
      capabilities: { browserName: "wry", "wdio:enforceWebDriverClassic": true, "tauri:options": { application: APP } },
    });
  } catch (e) {
    driver.kill("SIGTERM");
    xvfb.kill("SIGTERM");
    throw new Error(`WebDriver session failed: ${e}\n${driverLog.join("")}`);
  }
  browser.atlasDisplay = `:${display}`;
  const stop = async () => {
    try {
      await browser.deleteSession();
    } catch {}
    // SIGTERM, not SIGKILL: SIGKILL leaves WebKitWebDriver holding port 4445.
    driver.kill("SIGTERM");
    await sleep(300);
    xvfb.kill("SIGTERM");
    for (let i = 0; i < 30 && !(await portFree(4445)); i++) await sleep(100);
  };
  return { browser, dataDir: data, stop, driverLog };
}

/** One app for the enclosing describe block: launched and ready before its tests, stopped
 * after them. `options` may be a function, called at launch (e.g. for a data folder made in an
 * earlier `before`); `onReady(app)` is told the app once it is ready. Returns a holder whose
 * `.app` is the launched app. */
export function useApp(options = {}, onReady = () => {}) {
  const holder = { app: null };
  before(async () => {
    holder.app = await launch(typeof options === "function" ? options() : options);
    await waitReady(holder.app.browser);
    onReady(holder.app);
  });
  after(async () => {
    await holder.app?.stop();
  });
  return holder;
}

/** Waits until the atlas has drawn every layer (body[data-ready]). */
export async function waitReady(browser, ms = 20000) {
  await browser.waitUntil(async () => (await browser.execute(() => document.body.dataset.ready || document.body.dataset.error || "")) !== "", { timeout: ms, interval: 50 });
  const error = await browser.execute(() => document.body.dataset.error || "");
  if (error) throw new Error(`the app failed to start: ${error}`);
}

/** Two animation frames, then a screenshot of the whole X screen (window, GTK menu bar and
 * all, as a user sees it), saved as test-output/e2e/<name>.png. WebDriver's own screenshot is
 * not used: in WebKitGTK's non-composited mode it hangs for 120 s until something repaints. */
export async function shot(browser, name) {
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  const path = join(OUT, `${name}.png`);
  execFileSync("import", ["-display", browser.atlasDisplay, "-window", "root", path]);
  return path;
}

/** Clicks at container coordinates inside #map (canvas features have no DOM element). */
export async function clickMapAt(browser, x, y) {
  await browser.execute(
    (x, y) => {
      const map = document.getElementById("map");
      const r = map.getBoundingClientRect();
      const target = document.elementFromPoint(r.left + x, r.top + y);
      for (const type of ["mousedown", "mouseup", "click"]) {
        target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, clientX: r.left + x, clientY: r.top + y, button: 0 }));
      }
    },
    x,
    y,
  );
}

/** Calls a Tauri command from inside the page, as script running there would; resolves to
 * { ok, value } or { ok: false, failure } with the error as the shell sent it ({kind, message}).
 * Not "error": WebKitWebDriver would take a result with that key for its own error. */
export async function pageInvoke(browser, command, args) {
  return browser.executeAsync((command, args, done) => {
    window.__TAURI_INTERNALS__.invoke(command, args).then((value) => done({ ok: true, value }), (failure) => done({ ok: false, failure }));
  }, command, args);
}

export function gdalAvailable() {
  try {
    execFileSync("ogrinfo", ["--version"]);
    return true;
  } catch {
    return false;
  }
}
