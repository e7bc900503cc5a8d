// Help → About: what this program is, its version, the plan edition it carries and where every
// part of its data comes from (the same facts as `atlas --version`).

import * as api from "../api";
import { h } from "../dom";
import { modal } from "./modal";

export async function aboutDialog(): Promise<void> {
  const a = await api.about();
  const close = h("button", { type: "button", class: "primary", onclick: () => m.close() }, "关闭 Close");
  const m = modal(
    "天津科技创新图集 Tianjin Innovation Atlas",
    h("p", {}, `版本 Version ${a.version}`),
    h("p", {}, `${a.plan_title}`, h("br", {}), `规划数据版本 Plan edition: ${a.plan_edition}`),
    h("h3", {}, "数据来源 Data sources"),
    h("ul", { class: "about-sources" }, ...a.sources.map((s) => h("li", {}, h("strong", {}, s.what), `: ${s.origin} (${s.licence})`))),
    h("p", {}, "代码 Code: MIT"),
    h("div", { class: "modal-buttons" }, close),
  );
  m.root.id = "about-dialog";
}
