// Small SVG swatches that match the map's drawing of a category and location basis.

import type { Category } from "../api";
import { svg } from "../dom";
import { legendSwatch } from "../drawingRules";
import { symbolSvgPath } from "../map/symbols";

/** `basis`: an element's location basis, or "auto" for the category's own legend swatch (an
 * area or its symbol, with its dash: the core's legend rule, crates/atlas-core/src/style.rs). */
export function swatch(category: Category, basis: string = "auto", size = 18): SVGElement {
  const s = category.style;
  const legend = legendSwatch(category.id);
  const drawAsArea = basis === "boundary" || (basis === "auto" && !!legend?.area);
  const root = svg("svg", { width: size, height: size, viewBox: "0 0 20 20", class: "swatch", "aria-hidden": "true" });
  if (drawAsArea) {
    root.append(svg("rect", { x: 2, y: 4, width: 16, height: 12, rx: 1.5, fill: s.fill, "fill-opacity": Math.max(s.fill_opacity, 0.25), stroke: s.stroke, "stroke-width": 1.6, "stroke-dasharray": legend?.dash.join(" ") ?? "" }));
  } else {
    const schematic = basis === "schematic";
    root.append(
      svg("path", {
        d: symbolSvgPath(s.symbol, 6, 10, 10),
        fill: schematic ? "#ffffff" : s.fill,
        stroke: s.stroke,
        "stroke-width": schematic ? 1.8 : 1.4,
        "stroke-dasharray": schematic ? "2.5 2" : "",
      }),
    );
  }
  return root;
}
