// The presenter view: a second window with the current and next stop, speaker notes and a
// clock, following the audience window; its buttons drive the presentation too.

import "./styles.css";
import { onPresenterState, sendPresenterCommand } from "./api";
import { h } from "./dom";

const current = h("div", { class: "pv-current", id: "pv-current" });
const other = h("div", { class: "pv-other" });
const notes = h("div", { class: "pv-notes", id: "pv-notes", lang: "zh-CN" });
const next = h("div", { class: "pv-next", id: "pv-next" });
const progress = h("div", { class: "pv-progress", id: "pv-progress" });
const clock = h("div", { class: "pv-clock" });
const elapsed = h("div", { class: "pv-elapsed" });
const send = (command: string) => void sendPresenterCommand(command);
document.body.classList.add("presenter-view");
document.body.append(
  h(
    "main",
    { class: "pv" },
    h("header", { class: "pv-head" }, progress, h("div", { class: "pv-times" }, clock, elapsed)),
    h("section", { class: "pv-main" }, current, other, notes),
    h("aside", { class: "pv-side" }, h("div", { class: "pv-label" }, "下一站 Next"), next),
    h(
      "footer",
      { class: "pv-buttons" },
      h("button", { type: "button", onclick: () => send("prev") }, "◀ 上一站"),
      h("button", { type: "button", onclick: () => send("next") }, "下一站 ▶"),
      h("button", { type: "button", onclick: () => send("exit") }, "结束 Esc"),
    ),
  ),
);

let startedAt = Date.now();
const pad = (n: number) => String(n).padStart(2, "0");
setInterval(() => {
  const now = new Date();
  clock.textContent = `${pad(now.getHours())}:${pad(now.getMinutes())}`;
  const s = Math.floor((Date.now() - startedAt) / 1000);
  elapsed.textContent = `${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
}, 500);

void onPresenterState((s) => {
  if (!s.presenting) {
    current.textContent = "演示已结束 · The presentation has ended";
    notes.textContent = "";
    next.textContent = "";
    return;
  }
  startedAt = s.started_at;
  progress.textContent = `${s.tour} · ${s.index + 1} / ${s.total}`;
  current.textContent = s.current.caption;
  other.textContent = s.current.caption_other;
  notes.textContent = s.current.notes;
  next.textContent = s.next ? s.next.caption : "—";
  document.body.dataset.stop = String(s.index + 1);
});

document.addEventListener("keydown", (e) => {
  if (["ArrowRight", "PageDown", " "].includes(e.key)) send("next");
  if (["ArrowLeft", "PageUp"].includes(e.key)) send("prev");
  if (e.key === "Escape") send("exit");
});
// Ask the audience window for the current state (it re-broadcasts on any command).
send("sync");
