// A modal dialog frame in the page (title, body); closed by whoever opened it.

import { h } from "../dom";

export function modal(title: string, ...body: Node[]): { root: HTMLElement; close: () => void } {
  const root = h("div", { class: "modal-backdrop", role: "dialog", "aria-modal": "true" }, h("div", { class: "modal" }, h("h2", {}, title), ...body));
  document.body.append(root);
  return { root, close: () => root.remove() };
}
