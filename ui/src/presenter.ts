// The presenter view: a second window with the current and next stop, speaker notes and a
// clock, following the audience window; its buttons drive the presentation too. It speaks the
// audience window's language (sent with every state), and closes itself when the show ends.

import "./styles.css";
import { onPresenterState, sendPresenterCommand } from "./api";
import { h } from "./dom";
import { lang, setLang, t } from "./i18n";
import { notesInLanguage } from "./presenter/notesLanguage";

/** Notes may be the plan's Chinese words or the presenter's English: each gets its own face. */
const textLang = (text: string) => (/[\u3400-\u9fff]/.test(text) ? "zh-CN" : "en");

const current = h("div", { class: "pv-current", id: "pv-current" });
const notes = h("div", { class: "pv-notes", id: "pv-notes" });
const next = h("div", { class: "pv-next", id: "pv-next" });
const nextLabel = h("div", { class: "pv-label" });
const progress = h("div", { class: "pv-progress", id: "pv-progress" });
const clock = h("div", { class: "pv-clock" });
const elapsed = h("div", { class: "pv-elapsed" });
const send = (command: string) => void sendPresenterCommand(command);
const prevButton = h("button", { type: "button", id: "pv-prev", onclick: () => send("prev") });
const nextButton = h("button", { type: "button", id: "pv-next-button", onclick: () => send("next") });
const endButton = h("button", { type: "button", id: "pv-end", onclick: () => send("exit") });
document.body.classList.add("presenter-view");
document.body.append(
  h(
    "main",
    { class: "pv" },
    h("header", { class: "pv-head" }, progress, h("div", { class: "pv-times" }, clock, elapsed)),
    h("section", { class: "pv-main" }, current, notes),
    h("aside", { class: "pv-side" }, nextLabel, next),
    h("footer", { class: "pv-buttons" }, prevButton, nextButton, endButton),
  ),
);

function relabel(): void {
  document.documentElement.lang = lang() === "zh" ? "zh-CN" : "en";
  document.title = t("presenterTitle");
  // The window's own title bar too (the shell opens it with both languages' words).
  void import("@tauri-apps/api/window").then(({ getCurrentWindow }) => getCurrentWindow().setTitle(t("presenterTitle"))).catch(() => {});
  nextLabel.textContent = t("presenterNextLabel");
  prevButton.textContent = t("presenterPrev");
  nextButton.textContent = t("presenterNext");
  endButton.textContent = t("presenterEnd");
}
relabel();

let startedAt = Date.now();
const pad = (n: number) => String(n).padStart(2, "0");
setInterval(() => {
  const now = new Date();
  clock.textContent = `${pad(now.getHours())}:${pad(now.getMinutes())}`;
  const s = Math.floor((Date.now() - startedAt) / 1000);
  elapsed.textContent = `${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
}, 500);

async function closeSoon(): Promise<void> {
  await new Promise((r) => setTimeout(r, 1500));
  const { getCurrentWindow } = await import("@tauri-apps/api/window");
  await getCurrentWindow().close();
}

void onPresenterState((s) => {
  if (s.lang && s.lang !== lang()) {
    setLang(s.lang);
    relabel();
  }
  if (!s.presenting) {
    current.textContent = t("presenterEnded");
    notes.textContent = "";
    next.textContent = "";
    document.body.dataset.ended = "1";
    void closeSoon();
    return;
  }
  startedAt = s.started_at;
  progress.textContent = `${s.tour} · ${s.index + 1} / ${s.total}`;
  current.textContent = s.current.caption;
  current.lang = lang() === "zh" ? "zh-CN" : "en";
  notes.textContent = notesInLanguage(s.current.notes, lang());
  notes.lang = textLang(s.current.notes);
  // Notes in the other language than the UI's are the plan's own words, quoted.
  if (notes.lang === "zh-CN" && lang() === "en") notes.dataset.planWords = "";
  else delete notes.dataset.planWords;
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
