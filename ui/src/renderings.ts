// Our English renderings of the plan's sentences and focus fields (data/plan/renderings_en.toml,
// the file the core's handouts use, bundled here at build time). English mode shows them under
// the plan's Chinese, always marked as the atlas team's wording, never as a translation.

import text from "../../data/plan/renderings_en.toml?raw";
import { parseRenderings } from "./renderingsParse";

const renderings = parseRenderings(text);

/** Our English for a quoted plan sentence or focus field, if we have written one. */
export function englishRendering(zh: string): string | null {
  return renderings.get(zh) ?? null;
}
