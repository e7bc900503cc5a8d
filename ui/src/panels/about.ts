// Help → About: what this program is, its version, the plan edition it carries and where every
// part of its data comes from (the same facts as `atlas --version`), all in the UI's language
// (atlas-default/src/about.rs carries each source in both).

import * as api from "../api";
import { h } from "../dom";
import { lang } from "../i18n";
import { markChineseNames } from "../langMarks";
import { modal } from "./modal";

export async function aboutDialog(): Promise<void> {
  const a = await api.about();
  const zh = lang() === "zh";
  const tr = (c: string, e: string) => (zh ? c : e);
  const close = h("button", { type: "button", class: "primary", onclick: () => m.close() }, tr("关闭", "Close"));
  const sources = a.sources.map((s) =>
    zh ? h("li", {}, h("strong", {}, s.what_zh), ":", s.origin_zh, `(${s.licence_zh})`) : h("li", {}, h("strong", {}, ...markChineseNames(s.what)), ": ", ...markChineseNames(s.origin), ` (${s.licence})`),
  );
  const m = modal(
    tr("天津科技创新图集", "Tianjin Innovation Atlas"),
    h("p", {}, `${tr("版本", "Version")} ${a.version}`),
    h("p", { lang: "zh-CN", "data-name": "" }, a.plan_title),
    h("p", {}, `${tr("规划数据版本", "Plan edition")}: ${a.plan_edition}`),
    h("h3", {}, tr("数据来源", "Data sources")),
    h("ul", { class: "about-sources" }, ...sources),
    h("p", {}, tr("代码:MIT 许可", "Code: MIT")),
    h("div", { class: "modal-buttons" }, close),
  );
  m.root.id = "about-dialog";
}
