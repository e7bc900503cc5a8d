// Presenting a tour: pre-flight, then the audience view (and the presenter view window, which
// the shell opens).

import * as api from "../api";
import type { ElementSummary, Tour } from "../api";
import { t } from "../i18n";
import type { AtlasMap } from "../map/atlasMap";
import { Presentation } from "../presenter/presentation";

export class Presenting {
  private presentation: Presentation | null = null;

  constructor(private map: AtlasMap, private categories: string[], private elements: Map<string, ElementSummary>, private beforeStart: () => void) {}

  get active(): boolean {
    return this.presentation !== null;
  }

  async present(tour: Tour, presenterView: boolean): Promise<void> {
    if (this.presentation || tour.stops.length === 0) return;
    const problems = await api.tourPreflight(tour.id);
    if (problems.length && !(await api.confirm(problems.map((p) => (p.stop ? `${t("stop")} ${p.stop}: ${p.message}` : p.message)).join("\n")))) return;
    this.beforeStart();
    this.presentation = new Presentation(this.map, tour, this.categories, this.elements, () => (this.presentation = null));
    await this.presentation.start(presenterView);
  }
}
