// The File menu's flows: exports (the shell asks where), reset and restore. Each says when it
// is done; errors reach the user through the menu dispatch (menu.ts).

import * as api from "../api";
import type { Category, UserLayer } from "../api";
import { t } from "../i18n";
import type { AtlasMap } from "../map/atlasMap";
import { restoreBackupDialog } from "../panels/backups";
import { exportBookDialog, exportDataDialog, exportSheetDialog } from "../panels/exportDialog";

const done = (what: string) => api.notify(`${t("exportDone")}: ${what}`);

/** An own layer out, in the format and CRS chosen in the export dialog. */
export async function exportLayerFlow(l: UserLayer): Promise<void> {
  const path = await exportDataDialog(l);
  if (path) await done(path);
}

/** The plan's elements out (File menu), in the format and CRS chosen in the export dialog. */
export async function exportPlanGeojsonFlow(): Promise<void> {
  const path = await exportDataDialog(null);
  if (path) await done(path);
}

export async function exportGeopackageFlow(): Promise<void> {
  const path = await api.chooseExportPath("gpkg", "tianjin-atlas.gpkg", "GeoPackage");
  if (path) {
    await api.exportGeopackage(path);
    await done(path);
  }
}

export async function exportCsvFlow(): Promise<void> {
  const path = await api.chooseExportPath("csv", "tianjin-plan-zones.csv", "CSV");
  if (path) await done(`${await api.exportZonesCsv(path)} → ${path}`);
}

export async function exportSheetFlow(map: AtlasMap): Promise<void> {
  const path = await exportSheetDialog({ ...map.currentView(), ...map.viewSubject(), highlight: map.selectedId() });
  if (path) await done(path);
}

export async function exportBookFlow(categories: Category[]): Promise<void> {
  const path = await exportBookDialog(categories);
  if (path) await done(path);
}

/** Replaces the atlas file with the plan's default (after a backup) and starts afresh. A
 * running import or export refuses it (kind "busy"): the menu dispatch shows why. */
export async function resetFlow(): Promise<void> {
  if (!(await api.confirm(t("resetConfirm")))) return;
  const backup = await api.resetToDefault();
  await api.notify(`${t("resetDone")} ${backup}`);
  location.reload();
}

export async function restoreFlow(): Promise<void> {
  if (await restoreBackupDialog()) location.reload();
}
