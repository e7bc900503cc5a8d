// The Team panel: the bureau's shared atlas. Which server this atlas syncs with (an address
// only: the password stays in PGPASSWORD or ~/.pgpass), who the server knows us as, when we
// last synced, what is waiting to go up, a Sync button that runs in the shell's background,
// and the conflicts with keep mine / theirs / both. Everything here goes through ui/src/api.

import * as api from "../api";
import type { Conflict, Keep, SyncReport, TeamStatus } from "../api";
import { h } from "../dom";
import { lang } from "../i18n";
import { tt, ttOr } from "./teamText";

/** What outlives a re-render (a language switch, the tab shown again): the running sync and
 * the last outcome (drawn again at each render, so it follows the language). */
const state: { syncing: Promise<unknown> | null; outcome: (() => HTMLElement) | null; host: HTMLElement | null; afterSync: () => void } = {
  syncing: null,
  outcome: null,
  host: null,
  afterSync: () => {},
};

/** Draws the panel into `host`; `afterSync` is told when rows may have arrived (to redraw own
 * layers and notes). */
export async function renderTeamPanel(host: HTMLElement, afterSync: () => void): Promise<void> {
  state.host = host;
  state.afterSync = afterSync;
  let status: TeamStatus | null = null;
  let conflicts: Conflict[] = [];
  let failure: string | null = null;
  try {
    // One after the other: each opens the atlas file for its own short transaction.
    status = await api.teamStatus();
    conflicts = await api.teamConflicts();
  } catch (e) {
    failure = api.errorText(e);
  }
  if (state.host !== host) return;
  host.replaceChildren(
    h(
      "section",
      { class: "team-panel", "data-testid": "team-panel" },
      h("h3", {}, tt("title")),
      h("p", { class: "hint" }, tt("intro")),
      serverForm(status),
      status ? facts(status) : null,
      failure ? h("p", { class: "error", id: "team-error" }, failure) : null,
      syncRow(),
      conflictList(conflicts),
    ),
  );
}

function rerender(): void {
  if (state.host?.isConnected) void renderTeamPanel(state.host, state.afterSync);
}

function serverForm(status: TeamStatus | null): HTMLElement {
  const input = h("input", { type: "text", id: "team-server", value: status?.server ?? "", placeholder: tt("serverPlaceholder"), spellcheck: "false", autocomplete: "off" });
  const said = h("small", { class: "team-server-said", role: "status" });
  const save = async () => {
    try {
      await api.setTeamServer(input.value);
      state.outcome = () => h("p", { class: "hint" }, tt("serverSaved"));
      rerender();
    } catch (e) {
      said.classList.add("error");
      said.textContent = api.errorText(e);
    }
  };
  input.addEventListener("keydown", (e) => {
    if (e.key === "Enter") void save();
  });
  return h(
    "div",
    { class: "team-server" },
    h("label", { for: "team-server" }, tt("server")),
    input,
    h("button", { type: "button", id: "team-server-save", onclick: () => void save() }, tt("serverSave")),
    h("small", { class: "hint" }, tt("passwordHint")),
    said,
  );
}

function when(iso: string | null): string {
  if (!iso) return tt("never");
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang() === "zh" ? "zh-CN" : "en-GB");
}

function facts(s: TeamStatus): HTMLElement {
  const who = s.role ? `${s.role} · ${s.team_role ? ttOr("role_", s.team_role) : tt("role_none")}` : tt("notYet");
  const pending = s.pending === 0 ? tt("none") : s.pending_by_kind.map((k) => `${ttOr("kind_", k.kind)} ${k.count}`).join(" · ");
  const row = (label: string, value: string, id: string, extra: Record<string, string> = {}) => [h("dt", {}, label), h("dd", { id, ...extra }, value)];
  return h(
    "dl",
    { class: "team-facts" },
    ...row(tt("server"), s.server ?? tt("noServer"), "team-server-shown"),
    ...row(tt("whoAmI"), who, "team-who", { "data-role": s.team_role ?? "" }),
    ...row(tt("lastSync"), when(s.last_sync_at), "team-last-sync"),
    ...row(tt("pending"), pending, "team-pending", { "data-count": String(s.pending) }),
  );
}

function syncRow(): HTMLElement {
  const button = h("button", { type: "button", id: "team-sync", class: "primary", disabled: state.syncing !== null }, tt("sync"));
  button.addEventListener("click", () => void startSync());
  const running = state.syncing ? h("p", { class: "hint", id: "team-syncing", role: "status" }, tt("syncing")) : null;
  return h("div", { class: "team-sync" }, button, running, state.syncing ? null : (state.outcome?.() ?? null));
}

async function startSync(): Promise<void> {
  if (state.syncing) return;
  state.syncing = api.teamSync();
  rerender();
  try {
    const report = await (state.syncing as Promise<SyncReport>);
    state.outcome = () => outcome(report);
    state.afterSync();
  } catch (e) {
    state.outcome = () => h("div", { class: "team-outcome", id: "team-outcome", "data-ok": "false" }, h("p", { class: "error" }, tt("syncFailed")), h("p", { class: "error server-words" }, api.errorText(e)));
  } finally {
    state.syncing = null;
    rerender();
  }
}

function outcome(r: SyncReport): HTMLElement {
  const counts = `${tt("synced")}: ${tt("pushed")} ${r.pushed} · ${tt("pulled")} ${r.pulled} · ${tt("newConflicts")} ${r.conflicts_new}`;
  return h(
    "div",
    { class: "team-outcome", id: "team-outcome", "data-ok": String(r.refused.length === 0) },
    h("p", { class: "hint" }, counts),
    r.refused.length ? h("p", { class: "error" }, tt("refused")) : null,
    r.refused.length ? h("ul", { class: "error server-words" }, ...r.refused.map((why) => h("li", {}, why))) : null,
  );
}

/** A version in a line: its text or name, else "(changed)", or "(deleted)". */
function summary(v: Record<string, unknown> | null): string {
  if (!v) return tt("deletedVersion");
  const keys = lang() === "zh" ? ["text", "name_zh", "caption_zh", "name", "name_en"] : ["text", "name_en", "caption_en", "name", "name_zh"];
  const found = keys.map((k) => v[k]).find((x): x is string => typeof x === "string" && x.trim() !== "");
  return found ?? tt("changedVersion");
}

function conflictList(list: Conflict[]): HTMLElement {
  const items = list.map((c) => {
    const version = (label: string, v: Record<string, unknown> | null, by: string | null, at: string | null, cls: string) =>
      h("div", { class: `team-version ${cls}` }, h("strong", {}, label), h("q", {}, summary(v)), h("small", {}, `${tt("by")} ${by ?? "?"} · ${when(at)}`));
    const keep = (k: Keep, label: string) => h("button", { type: "button", "data-keep": k, onclick: () => void resolve(c.id, k) }, label);
    return h(
      "li",
      { "data-conflict": String(c.id), "data-status": c.status },
      h("div", { class: "team-conflict-head" }, `#${c.id} · ${ttOr("kind_", c.kind)} · ${ttOr("status_", c.status)}`),
      version(tt("current"), c.kept, c.kept_by, c.kept_at, "kept"),
      version(tt("otherVersion"), c.other, c.other_by, c.other_at, "other"),
      c.status === "open" ? h("div", { class: "team-keep" }, keep("mine", tt("keepMine")), keep("theirs", tt("keepTheirs")), keep("both", tt("keepBoth"))) : null,
    );
  });
  return h(
    "section",
    { class: "team-conflicts" },
    h("h4", {}, `${tt("conflicts")} (${list.filter((c) => c.status === "open").length})`),
    list.some((c) => c.status === "open") ? h("small", { class: "hint" }, tt("keepHint")) : null,
    items.length ? h("ul", { class: "plain", id: "team-conflict-list" }, ...items) : h("p", { class: "hint" }, tt("noConflicts")),
  );
}

async function resolve(id: number, keep: Keep): Promise<void> {
  try {
    await api.resolveConflict(id, keep);
    state.outcome = () => h("p", { class: "hint" }, tt("resolvedSync"));
    state.afterSync();
  } catch (e) {
    state.outcome = () => h("p", { class: "error" }, api.errorText(e));
  }
  rerender();
}
