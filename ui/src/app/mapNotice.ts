// A short message over the map that goes away by itself (e.g. how many features an import
// brought): it does not block like a message box, and screen readers hear it (aria-live).

const SHOWN_MS = 6000;
let timer: number | undefined;

export function mapNotice(text: string): void {
  let el = document.getElementById("map-notice");
  if (!el) {
    el = document.createElement("div");
    el.id = "map-notice";
    el.setAttribute("role", "status");
    el.setAttribute("aria-live", "polite");
    document.body.append(el);
  }
  el.textContent = text;
  el.hidden = false;
  window.clearTimeout(timer);
  timer = window.setTimeout(() => el && (el.hidden = true), SHOWN_MS);
}
