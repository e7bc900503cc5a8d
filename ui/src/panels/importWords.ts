// The words for what an import found out (the core's Detection kinds, import/detected.rs), for
// why a layer cannot import as it stands (ProblemKind, import/problem_kind.rs, and CrsRefusal,
// crs/refusal.rs), and for the coordinate systems the import and export dialogs offer, in
// Chinese and in English.
// The core sends kinds with values; every sentence the dialogs show is made here, in the UI's
// language, so nothing English leaks into the Chinese dialog (the CLI words the same kinds in
// English: crates/atlas-cli/src/print/import_words.rs).

import type { AxisEvidence, CrsMismatch, CrsRefusal, CrsSource, Detection, EncodingBasis, ImportFormat, LayerProblem, ProblemKind, WktMatch } from "../api";
import type { Lang } from "../i18n";

type Words = [zh: string, en: string];
const pick = (lang: Lang, w: Words) => (lang === "zh" ? w[0] : w[1]);

/** The coordinate systems offered by name, with the Tianjin ones first. */
const CRS_WORDS: Record<number, Words> = {
  4548: ["CGCS2000 3度带高斯-克吕格 中央经线117°E(天津常用)", "CGCS2000 3° Gauss-Krüger CM 117°E (Tianjin's usual)"],
  4527: ["CGCS2000 3度带高斯-克吕格 第39带(带号)", "CGCS2000 3° Gauss-Krüger zone 39 (zone prefix)"],
  4490: ["CGCS2000 经纬度", "CGCS2000 longitude/latitude"],
  4326: ["WGS 84 经纬度", "WGS 84 longitude/latitude"],
  3857: ["Web 墨卡托", "Web Mercator"],
  32650: ["WGS 84 / UTM 50N", "WGS 84 / UTM zone 50N"],
};

/** A CRS by its EPSG code, in the UI's language; `epsgName` (EPSG's own English name) for the
 * ones not in the table, with its Gauss–Krüger words put into Chinese. */
export function crsLabel(lang: Lang, epsg: number, epsgName = ""): string {
  const known = CRS_WORDS[epsg];
  if (known) return `EPSG:${epsg} ${pick(lang, known)}`;
  if (lang === "en" || !epsgName) return `EPSG:${epsg} ${epsgName}`.trim();
  const zh = epsgName
    .replace(/ \/ (\d)-degree Gauss-Kruger /, " $1度带高斯-克吕格 ")
    .replace(/CM (\d+)E/, "中央经线$1°E")
    .replace(/zone (\d+)/, "第$1带");
  return `EPSG:${epsg} ${zh}`;
}

/** The import dialog's CRS choices: "detect" first, then the usual ones. */
export function importCrsChoices(lang: Lang): [string, string][] {
  return [["", pick(lang, ["自动识别(.prj、GeoPackage、GeoJSON 的 crs)", "Detect (.prj, GeoPackage, GeoJSON crs)"])], ...[4548, 4527, 4490, 4326, 3857, 32650].map((c): [string, string] => [String(c), crsLabel(lang, c)])];
}

/** The CRSs an export can be written in (the shell accepts exactly these). */
export const EXPORT_CRS = [4326, 4490, 4548, 4527] as const;

export function encodingChoices(lang: Lang): [string, string][] {
  return [["", pick(lang, ["自动识别(.cpg、DBF)", "Detect (.cpg, DBF)"])], ["UTF-8", "UTF-8"], ["GBK", "GBK / CP936"], ["GB18030", "GB18030"], ["BIG5", "Big5"]];
}

export function datumChoices(lang: Lang): [string, string][] {
  return [
    ["wgs84", pick(lang, ["WGS84(GPS、OpenStreetMap、天地图)", "WGS84 (GPS, OpenStreetMap, Tianditu)"])],
    ["gcj02", pick(lang, ["GCJ-02(高德、腾讯)", "GCJ-02 (AMap, Tencent)"])],
    ["bd09", pick(lang, ["BD-09(百度)", "BD-09 (Baidu)"])],
  ];
}

export function formatName(lang: Lang, f: ImportFormat): string {
  const words: Record<ImportFormat, Words> = {
    shapefile: ["Shapefile", "Shapefile"],
    zipped_shapefiles: ["Shapefile 压缩包(.zip)", "zipped Shapefiles (.zip)"],
    geopackage: ["GeoPackage", "GeoPackage"],
    geojson: ["GeoJSON", "GeoJSON"],
    csv: ["CSV", "CSV"],
  };
  return pick(lang, words[f]);
}

function wktMatch(lang: Lang, m: WktMatch): string {
  return m.kind === "epsg_code" ? pick(lang, [`WKT 中的 EPSG 代码 ${m.code}`, `EPSG code ${m.code} in its WKT`]) : pick(lang, ["按基准面和投影参数匹配", "matched by datum and parameters"]);
}

/** How the CRS was found, as a phrase. */
export function crsSourceText(lang: Lang, s: CrsSource): string {
  switch (s.kind) {
    case "user_choice":
      return pick(lang, ["按您的选择", "as you chose"]);
    case "prj":
      return pick(lang, [`据 .prj 文件,${wktMatch(lang, s.matched)}`, `from its .prj (${wktMatch(lang, s.matched)})`]);
    case "gpkg_epsg_code":
      return pick(lang, ["据 GeoPackage 的 gpkg_spatial_ref_sys(EPSG 代码)", "from the GeoPackage's gpkg_spatial_ref_sys (EPSG code)"]);
    case "gpkg_definition":
      return pick(lang, [`据 gpkg_spatial_ref_sys 的定义,${wktMatch(lang, s.matched)}`, `from gpkg_spatial_ref_sys's definition (${wktMatch(lang, s.matched)})`]);
    case "no_prj_degrees":
      return pick(lang, ["没有 .prj:坐标都在 ±180°/±90° 以内,按 WGS84 经纬度处理", "no .prj: the coordinates are within ±180°/±90°, so WGS84 longitude/latitude was assumed"]);
    case "geojson_member":
      return pick(lang, [`据文件的 crs 成员(${s.name})`, `from the file's crs member (${s.name})`]);
    case "wgs_by_definition":
      return pick(lang, ["GeoJSON 和 CSV 的坐标按定义是 WGS84 经纬度", "GeoJSON and CSV coordinates are WGS84 longitude/latitude by definition"]);
  }
}

function encodingText(lang: Lang, encoding: string, b: EncodingBasis): string {
  switch (b.kind) {
    case "user_choice":
      return pick(lang, [`${encoding},按您的选择`, `${encoding}, as you chose`]);
    case "cpg":
      return pick(lang, [`${encoding},据 .cpg 文件(“${b.name}”)`, `${encoding}, as its .cpg says ("${b.name}")`]);
    case "language_byte": {
      const code = `0x${b.code.toString(16).toUpperCase().padStart(2, "0")}`;
      return pick(lang, [`${encoding},据 .dbf 的语言标识字节 ${code}`, `${encoding}, as the .dbf's language byte ${code} says`]);
    }
    case "valid_utf8":
      return pick(lang, [`${encoding}:没有 .cpg 和语言标识字节,文本是有效的 UTF-8`, `${encoding}: no .cpg or language byte, and the text is valid UTF-8`]);
    case "fallback_gb18030":
      return pick(lang, [`${encoding}:没有 .cpg 和语言标识字节,文本不是 UTF-8,已按 GB18030(中文)读取;请看示例值,如有乱码请另选编码`, `${encoding}: no .cpg or language byte, and the text is not UTF-8, so it was read as GB18030 (Chinese); check the samples, and choose another encoding if they look wrong`]);
    case "ascii_only":
      return pick(lang, [`${encoding}:文本只含 ASCII 字符`, `${encoding}: the text is plain ASCII`]);
  }
}

const n0 = (v: number) => v.toFixed(0);
const n4 = (v: number) => v.toFixed(4);

function evidenceText(lang: Lang, e: AxisEvidence): string {
  switch (e.kind) {
    case "latitude_first":
      return pick(lang, [`第一个数 ${n4(e.x)} 是纬度,第二个数 ${n4(e.y)} 不可能是纬度`, `the first number, ${n4(e.x)}, is a latitude: the second, ${n4(e.y)}, cannot be one`]);
    case "longitude_first":
      return pick(lang, [`经度 ${n4(e.x)},纬度 ${n4(e.y)}`, `longitude ${n4(e.x)}, latitude ${n4(e.y)}`]);
    case "web_mercator":
      return pick(lang, ["Web 墨卡托总是 x, y", "Web Mercator is always x, y"]);
    case "easting_first":
      return pick(lang, [`${n0(e.x)} 是本带的东坐标,${n0(e.y)} 是北坐标`, `${n0(e.x)} is an easting of this zone, ${n0(e.y)} a northing`]);
    case "easting_second":
      return pick(lang, [`第一个数 ${n0(e.x)} 不是本带的东坐标,第二个数 ${n0(e.y)} 是`, `the first number, ${n0(e.x)}, is not an easting of this zone; the second, ${n0(e.y)}, is`]);
    case "no_easting":
      return pick(lang, [`${n0(e.x)} 和 ${n0(e.y)} 都不像本带的东坐标:坐标系对吗?`, `neither ${n0(e.x)} nor ${n0(e.y)} looks like an easting of this zone: is the CRS right?`]);
  }
}

/** One detection as a sentence in the UI's language. */
export function detectionText(lang: Lang, d: Detection): string {
  switch (d.kind) {
    case "crs":
      return `${crsLabel(lang, d.crs.epsg)}${pick(lang, [",", ", "])}${crsSourceText(lang, d.source)}`;
    case "encoding":
      return pick(lang, ["属性编码 ", "attributes "]) + encodingText(lang, d.encoding, d.basis);
    case "axis_order": {
      const why = evidenceText(lang, d.evidence);
      const epsg = `EPSG:${d.crs.epsg}`;
      if (d.order === "northing_first") return pick(lang, [`${epsg}:坐标按北坐标在前读取,与 EPSG 的定义一致(${why})`, `${epsg}: coordinates read northing first, as EPSG defines it (${why})`]);
      if (d.epsg_northing_first) return pick(lang, [`${epsg}:坐标按东坐标在前读取(GIS 文件通常如此存放),而 EPSG 定义为北坐标在前(${why})`, `${epsg}: coordinates read easting first, as GIS files store them, though EPSG defines northing first (${why})`]);
      return pick(lang, [`${epsg}:坐标按东坐标在前读取(${why})`, `${epsg}: coordinates read easting first (${why})`]);
    }
    case "cgcs2000_as_wgs84":
      return pick(lang, [`EPSG:${d.crs.epsg}:CGCS2000 按 WGS84 处理(两者相差数厘米,低于地图精度)`, `EPSG:${d.crs.epsg}: CGCS2000 taken as WGS84 (they differ by a few cm, below map scale)`]);
    case "no_dbf":
      return pick(lang, [".shp 旁没有 .dbf:要素不带属性", "no .dbf beside the .shp, so the features come without attributes"]);
    case "memo_fields_empty":
      return pick(lang, ["备注字段(存于 .dbt)导入为空", "memo fields (kept in a .dbt) come in empty"]);
    case "values_dropped":
      return d.z ? pick(lang, ["Z 值和 M 值已舍去(图集是二维的)", "Z and M values dropped (the atlas is 2D)"]) : pick(lang, ["M 值已舍去(图集是二维的)", "M values dropped (the atlas is 2D)"]);
    case "deleted_records_left_out":
      return pick(lang, [`.dbf 中标为删除的 ${d.count} 条记录未导入`, `${d.count} records marked deleted in the .dbf were left out`]);
  }
}

const SUPPORTED: Words = [
  "图集支持 WGS84(EPSG:4326)、CGCS2000(EPSG:4490)及其高斯-克吕格投影带(EPSG:4491–4554)、Web 墨卡托(EPSG:3857)和 UTM 49N–51N(EPSG:32649–32651);请在 GIS 中将文件转换到其中之一(如 ogr2ogr -t_srs EPSG:4490)后再导入",
  "the atlas reads WGS84 (EPSG:4326), CGCS2000 (EPSG:4490) and its Gauss-Kruger zones (EPSG:4491-4554), Web Mercator (EPSG:3857) and UTM 49N-51N (EPSG:32649-32651); reproject the file to one of them in your GIS (e.g. ogr2ogr -t_srs EPSG:4490)",
];

function mismatchText(lang: Lang, m: CrsMismatch): string {
  switch (m.kind) {
    case "datum":
      return pick(lang, [`基准面“${m.datum}”`, `datum "${m.datum}"`]);
    case "projection":
      return pick(lang, [`投影 ${m.method}`, `projection ${m.method}`]);
    case "unit":
      return pick(lang, [`长度单位不是米,而是 ${m.metres} 米`, `its unit is not the metre but ${m.metres} m`]);
    case "transverse_mercator":
      return pick(lang, [
        `横轴墨卡托,中央经线 ${m.central_meridian}°,东偏移 ${m.false_easting} 米,比例因子 ${m.scale},基准面“${m.datum}”`,
        `Transverse Mercator, central meridian ${m.central_meridian}, false easting ${m.false_easting}, scale ${m.scale}, datum "${m.datum}"`,
      ]);
  }
}

/** Why a CRS is refused, with what was found and what to do. */
export function crsRefusalText(lang: Lang, r: CrsRefusal): string {
  switch (r.kind) {
    case "legacy": {
      const found = pick(lang, r.code != null ? [`EPSG:${r.code}(${r.name})`, `EPSG:${r.code} (${r.name})`] : [`“${r.name}”`, `"${r.name}"`]);
      return pick(lang, [
        `${found} 是北京1954 / 西安1980 坐标系:没有公开的官方参数可将它转换到 CGCS2000 或 WGS84,图集不猜测(误差可达约 100 米)就无法定位它;请在 GIS 中用本单位的转换参数将其转换到 CGCS2000(EPSG:4490,天津也可用高斯-克吕格 EPSG:4527/4548)后再导入`,
        `${found} is a Beijing 1954 / Xian 1980 system: no official parameters from it to CGCS2000 or WGS84 are published, so the atlas cannot place it without a guess of up to ~100 m; reproject it in your GIS with your bureau's own transformation parameters to CGCS2000 (EPSG:4490, or Gauss-Kruger EPSG:4527/4548 for Tianjin) and import that`,
      ]);
    }
    case "unsupported_code":
      return pick(lang, [`EPSG:${r.code} 不是图集支持的坐标系;${SUPPORTED[0]}`, `EPSG:${r.code} is not a coordinate system the atlas supports; ${SUPPORTED[1]}`]);
    case "unsupported":
      return pick(lang, [`其坐标系“${r.name}”不是图集支持的(${mismatchText(lang, r.mismatch)});${SUPPORTED[0]}`, `its CRS "${r.name}" is not one the atlas supports (${mismatchText(lang, r.mismatch)}); ${SUPPORTED[1]}`]);
    case "unreadable_wkt":
      // The parser's detail is technical English (a byte offset, a character): the Chinese
      // sentence says what to do instead.
      return pick(lang, ["其 WKT 坐标系定义无法解析;请从 GIS 重新导出", `its WKT cannot be read (${r.detail})`]);
    case "not_horizontal":
      return pick(lang, [`其 WKT(${r.keyword})不是地理或投影坐标系`, `its WKT (${r.keyword}) is not a geographic or projected CRS`]);
  }
}

// The dialog's CRS list is labelled by i18n's importCrs ("坐标参照系", "Coordinate system"):
// not "坐标系", which labels the datum choice.
const CHOOSE_CRS: Words = ["请在上方“坐标参照系”中选择", "choose it in the Coordinate system list above"];

/** Why a layer cannot import as it stands, with what was found and what to do. */
export function problemKindText(lang: Lang, p: ProblemKind): string {
  switch (p.kind) {
    case "crs": {
      const r = crsRefusalText(lang, p.refusal);
      if (p.named_in === "user_choice") return r;
      return r + pick(lang, [`;如果您知道正确的坐标系,也可${CHOOSE_CRS[0].slice(1)}`, `; or, if you know the right one, ${CHOOSE_CRS[1]}`]);
    }
    case "no_prj":
      return pick(lang, [`没有 .prj 文件,坐标也不是经纬度,因此坐标系未知;${CHOOSE_CRS[0]}(例如 ${crsLabel(lang, 4548)})`, `it has no .prj and its coordinates are not longitude/latitude, so its coordinate system is unknown; ${CHOOSE_CRS[1]} (e.g. ${crsLabel(lang, 4548)})`]);
    case "undefined_srs":
      return pick(lang, [`其空间参考系(${p.organization}:${p.code})未定义;${CHOOSE_CRS[0]}`, `its spatial reference system (${p.organization}:${p.code}) is undefined; ${CHOOSE_CRS[1]}`]);
    case "multipatch":
      return pick(lang, ["含多面体(multipatch,三维表面)要素,二维地图无法显示;请在 GIS 中导出为多边形(ArcGIS:Multipatch Footprint)后再导入", "it holds multipatch shapes (3D surfaces), which a 2D map cannot show; export it as polygons (in ArcGIS: Multipatch Footprint) and import that"]);
    case "shp_dbf_mismatch":
      return pick(lang, [`.shp 有 ${p.shapes} 个图形,.dbf 却有 ${p.records} 条记录:两个文件不属于同一图层(请重新导出该图层)`, `its .shp holds ${p.shapes} shapes but its .dbf ${p.records} records; the two files do not belong together (export the layer again)`]);
    case "outside_crs":
      return pick(lang, [`坐标 (${p.x}, ${p.y}) 在 ${crsLabel(lang, p.crs.epsg)} 中无效;请检查文件的坐标系,或选择正确的坐标系`, `the coordinates (${p.x}, ${p.y}) are not valid in ${crsLabel(lang, p.crs.epsg)}; check the file's CRS, or choose the right one`]);
    case "untyped":
      // A problem the core has no kind for yet (a damaged file, a parser's detail): its
      // English message, introduced in the dialog's language.
      return pick(lang, [`(英文原文)${p.message}`, p.message]);
  }
}

/** A layer's blocking problem as the preview shows it: where (the feature, when one is) and why. */
export function problemText(lang: Lang, p: LayerProblem): string {
  const at = p.feature != null ? pick(lang, [`第 ${p.feature} 号要素:`, `feature ${p.feature}: `]) : "";
  return pick(lang, ["无法导入:", "Cannot import: "]) + at + problemKindText(lang, p.what);
}

/** The preview's small words. */
export const previewWords = {
  features: (lang: Lang, n: number) => pick(lang, [`${n} 个要素`, n === 1 ? "1 feature" : `${n} features`]),
  samples: (lang: Lang) => pick(lang, ["示例值", "Sample values"]),
  unknownCrs: (lang: Lang) => pick(lang, ["坐标系未知", "CRS unknown"]),
};
