// The words for what an import found out (the core's Detection kinds, import/detected.rs), for
// why a layer cannot import as it stands (ProblemKind, import/problem_kind.rs, and CrsRefusal,
// crs/refusal.rs), and for the coordinate systems the import and export dialogs offer, in
// Chinese and in English; also for why a whole file cannot be imported, before its preview or
// after pressing Import (the error report's `problem`: an unknown format, a .zip without a
// Shapefile, a limit, a damaged record), see importErrorText.
// The core sends kinds with values; every sentence the dialogs show is made here, in the UI's
// language, so nothing English leaks into the Chinese dialog (the CLI words the same kinds in
// English: crates/atlas-cli/src/print/import_words.rs).

import { toAtlasError } from "../api";
import type { AxisEvidence, CoordinateAxis, CrsMismatch, CrsRefusal, CrsSource, DbfDamage, Detection, EncodingBasis, GeometryProblem, GeometryStructure, ImportFormat, JsonTrouble, LayerProblem, ProblemKind, ReadCause, ShpDamage, SizedPart, WktMatch } from "../api";
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
      // A problem the core has no kind for (an internal error that asks to be reported): its
      // English message, introduced in the dialog's language.
      return pick(lang, [`(英文原文)${p.message}`, p.message]);
    default:
      return fileProblemText(lang, p);
  }
}

// A parser's or the system's own words (serde_json's, the zip or csv reader's, SQLite's): free
// text in English, quoted inside a sentence in the UI's language.
const quoted = (lang: Lang, detail: string) => pick(lang, [`“${detail}”`, `"${detail}"`]);
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

// What to do about a limit: the dialog cannot raise it (the core's defaults), the CLI can.
const raise = (lang: Lang, flag: string): string => pick(lang, [`如确需导入,请在命令行中用 ${flag} 提高上限`, `raise the limit (${flag} in the CLI) if this is intended`]);
const EXPORT_AGAIN: Words = ["请从 GIS(QGIS、ArcGIS)重新导出该图层", "export the layer again from your GIS (QGIS, ArcGIS)"];

function sizedText(lang: Lang, of: SizedPart, bytes: number | null, limit: number): string {
  const size = bytes == null ? "" : mb(bytes);
  switch (of) {
    case "file":
      return pick(lang, [`文件大小 ${size},超过导入上限 ${mb(limit)}`, `the file is ${size}, over the import limit of ${mb(limit)}`]);
    case "archive":
      return pick(lang, [`压缩包大小 ${size},超过导入上限 ${mb(limit)}`, `the archive is ${size}, over the import limit of ${mb(limit)}`]);
    case "shapefile_files":
      return pick(lang, [`该 Shapefile 的各文件合计 ${size},超过导入上限 ${mb(limit)}`, `the Shapefile's files are ${size} together, over the import limit of ${mb(limit)}`]);
    case "unpacked":
      return pick(lang, [`压缩包中的 Shapefile 解压后超过导入上限 ${mb(limit)}`, `its Shapefiles unpack to more than the import limit of ${mb(limit)}`]);
  }
}

function shpDamageText(lang: Lang, d: ShpDamage): string {
  const declared = (parts: number | null, points: number) =>
    pick(lang, parts == null ? [`${points} 个点`, `${points} point${points === 1 ? "" : "s"}`] : [`${parts} 个部分、${points} 个点`, `${parts} part${parts === 1 ? "" : "s"} and ${points} point${points === 1 ? "" : "s"}`]);
  switch (d.kind) {
    case "no_header":
      return pick(lang, ["文件开头不是 Shapefile 文件头(文件代码 9994)", "it does not start with the Shapefile header (file code 9994)"]);
    case "record_past_end":
      return pick(lang, [`第 ${d.record} 条记录超出了文件末尾`, `record ${d.record} runs past the end of the file`]);
    case "empty_record":
      return pick(lang, [`第 ${d.record} 条记录是空的`, `record ${d.record} is empty`]);
    case "unknown_shape_type":
      return pick(lang, [`第 ${d.record} 条记录的图形类型 ${d.shape_type} 不是 Shapefile 规范定义的类型`, `record ${d.record} has shape type ${d.shape_type}, which Shapefiles do not define`]);
    case "short_point":
      return pick(lang, [`一个点${d.z ? "(含 Z 值)" : ""}需要 ${d.needed} 字节,而记录只有 ${d.held} 字节`, `${d.z ? "a point with its Z value needs" : "a point needs"} ${d.needed} bytes, but the record holds ${d.held} bytes`]);
    case "negative_counts":
      return pick(lang, [`记录声明了 ${declared(d.parts, d.points)}`, `the record declares ${declared(d.parts, d.points)}`]);
    case "counts_past_record":
      return pick(lang, [`记录声明了 ${declared(d.parts, d.points)},需要 ${d.needed} 字节${d.z ? "(含 Z 值)" : ""},但只有 ${d.held} 字节`, `the record declares ${declared(d.parts, d.points)}, which need ${d.needed} bytes${d.z ? " with their Z values" : ""}, but holds ${d.held} bytes`]);
    case "bad_part_start": {
      const last = Math.max(d.points, 1) - 1;
      return pick(lang, [`记录声明了 ${declared(d.parts, d.points)},但第 ${d.part} 部分从第 ${d.start} 个点开始(每部分须在前一部分之后开始,位于第 0 至第 ${last} 个点之间)`, `the record declares ${declared(d.parts, d.points)}, but part ${d.part} starts at point ${d.start} (each part must start after the one before it, from point 0 up to point ${last})`]);
    }
  }
}

function dbfDamageText(lang: Lang, d: DbfDamage): string {
  switch (d.kind) {
    case "too_short":
      return pick(lang, [".dbf 文件太短,不是 dBase 表", "its .dbf is too short to be a dBase table"]);
    case "bad_header":
      return pick(lang, [`.dbf 文件头已损坏(文件头 ${d.header_bytes} 字节,每条记录 ${d.record_bytes} 字节)`, `its .dbf header is damaged (header ${d.header_bytes} bytes, records ${d.record_bytes} bytes)`]);
    case "fields_past_record":
      return pick(lang, [`.dbf 的字段每条记录需要 ${d.needed} 字节,文件头却写着 ${d.record_bytes} 字节`, `its .dbf fields need ${d.needed} bytes per record but its header says ${d.record_bytes}`]);
    case "missing_record":
      return pick(lang, [`.dbf 中没有第 ${d.record} 条记录`, `the .dbf has no record ${d.record}`]);
  }
}

function unreadableText(lang: Lang, cause: ReadCause): string {
  switch (cause.kind) {
    case "not_found":
      return pick(lang, ["文件不存在;请检查路径", "the file is not there; check the path"]);
    case "permission_denied":
      return pick(lang, ["没有读取该文件的权限;请检查文件权限", "the file may not be read (permission denied); check its permissions"]);
    case "other":
      return pick(lang, [`无法读取该文件(系统提示:${quoted(lang, cause.detail)});请确认文件可读`, `the file cannot be read (${cause.detail}); check that it is readable`]);
  }
}

const axisWord = (lang: Lang, a: CoordinateAxis) => pick(lang, a === "longitude" ? ["经度", "longitude"] : ["纬度", "latitude"]);
const list = (lang: Lang, names: string[]) => names.map((n) => quoted(lang, n)).join(pick(lang, ["、", ", "]));

/** Why a file (or a record in it) cannot be read or is refused: the kinds beyond the CRS. */
function fileProblemText(lang: Lang, p: Exclude<ProblemKind, { kind: "crs" | "no_prj" | "undefined_srs" | "multipatch" | "shp_dbf_mismatch" | "outside_crs" | "untyped" }>): string {
  switch (p.kind) {
    case "unknown_format": {
      const ext = p.extension ? pick(lang, [`(扩展名 .${p.extension})`, ` (.${p.extension})`]) : "";
      return pick(lang, [`不是图集能导入的格式${ext};可导入 GeoJSON(.geojson)、GeoPackage(.gpkg)、CSV(.csv)、Shapefile(.shp)或 Shapefile 压缩包(.zip)`, `unknown format${ext}; import GeoJSON (.geojson), GeoPackage (.gpkg), CSV (.csv), a Shapefile (.shp) or zipped Shapefiles (.zip)`]);
    }
    case "unreadable":
      return unreadableText(lang, p.cause);
    case "empty_file":
      return pick(lang, ["文件是空的", "the file is empty"]);
    case "not_utf8":
      return pick(lang, [`文件不是 UTF-8 编码(第一个无效字节在偏移 ${p.offset} 处);请另存为 UTF-8(GBK/GB18030 文件须先转换)`, `the file is not UTF-8 (first bad byte at offset ${p.offset}); save it as UTF-8 (GBK/GB18030 files must be converted)`]);
    case "size_limit":
      return `${sizedText(lang, p.of, p.bytes, p.limit)}${pick(lang, [";", "; "])}${raise(lang, "--max-mb")}`;
    case "rows_over_size_limit":
      return pick(lang, ["已读取的行数据超过导入的大小上限;如文件确实这么大,请在命令行中用 --max-mb 提高上限", "the rows read so far are over the import's size limit; raise the limit (--max-mb in the CLI) if this file is really that large"]);
    case "too_many_entries":
      return pick(lang, [`压缩包中有 ${p.entries} 个条目,超过上限 ${p.limit};请解压后只导入需要的 Shapefile`, `the archive holds ${p.entries} entries, over the limit of ${p.limit}; unpack it and import the Shapefiles you need`]);
    case "not_zip":
      return pick(lang, [`不是可读取的 .zip 压缩包(${quoted(lang, p.detail)})`, `it is not a readable .zip archive (${p.detail})`]);
    case "zip_entry": {
      const entry = p.entry ?? pick(lang, [`第 ${p.index} 个条目`, `entry ${p.index}`]);
      return pick(lang, [`压缩包中的 ${entry} 无法解压(${quoted(lang, p.detail)})`, `${entry} in the archive cannot be unpacked (${p.detail})`]);
    }
    case "no_shapefile_in_zip":
      return pick(lang, ["压缩包中没有 Shapefile(.shp);图集可导入压缩的 Shapefile,GeoJSON、GeoPackage 和 CSV 文件请解压后导入", "the archive holds no Shapefile (.shp); the atlas imports zipped Shapefiles, or GeoJSON, GeoPackage and CSV files unpacked"]);
    case "sidecar_too_large":
      return pick(lang, [`其 .${p.extension} 文件超过 64 KB,不可能是真正的 .${p.extension} 文件`, `its .${p.extension} is over 64 KB: it cannot be a ${p.extension} file`]);
    case "damaged_shp":
      return pick(lang, [`.shp 文件已损坏:${shpDamageText(lang, p.damage)};${EXPORT_AGAIN[0]}`, `the .shp is damaged: ${shpDamageText(lang, p.damage)}; ${EXPORT_AGAIN[1]}`]);
    case "unreadable_shape":
      return pick(lang, [`该图形无法读取(${quoted(lang, p.detail)});${EXPORT_AGAIN[0]}`, `the shape cannot be read (${p.detail}); export the layer again`]);
    case "null_shape":
      return pick(lang, ["图形为空(空图形);请在 GIS 中删除该要素或为它补上几何", "the shape is empty (a null shape); delete the feature or give it a geometry in your GIS"]);
    case "damaged_dbf":
      return `${dbfDamageText(lang, p.damage)}${pick(lang, [`;${EXPORT_AGAIN[0]}`, "; export it again from your GIS"])}`;
    case "unknown_encoding":
      return pick(lang, [`${quoted(lang, p.name)}不是图集认识的编码;请用 UTF-8、GBK、GB18030 或 BIG5`, `"${p.name}" is not an encoding the atlas knows; use UTF-8, GBK, GB18030 or BIG5`]);
    case "non_ascii_number":
      return pick(lang, ["数字或日期字段中含有非 ASCII 字节", "a number or date field holds non-ASCII bytes"]);
    case "not_a_number":
      if (p.row != null) return pick(lang, [`第 ${p.row} 行的${quoted(lang, p.value)}不是数字`, `"${p.value}" in row ${p.row} is not a number`]);
      return pick(lang, [`${quoted(lang, p.value)}不是数字`, `"${p.value}" is not a number`]);
    case "not_a_date":
      return pick(lang, [`${quoted(lang, p.value)}不是日期(应为 YYYYMMDD)`, `"${p.value}" is not a date (YYYYMMDD)`]);
    case "not_geo_package":
      if (p.detail != null) return pick(lang, [`无法作为 GeoPackage 打开(${quoted(lang, p.detail)})`, `cannot open it as a GeoPackage: ${p.detail}`]);
      return pick(lang, ["不是 GeoPackage(没有 gpkg_geometry_columns 表)", "it is not a GeoPackage (no gpkg_geometry_columns table)"]);
    case "gpkg_layer_list":
      return pick(lang, [`无法读取其图层列表(${quoted(lang, p.detail)})`, `its layer list cannot be read: ${p.detail}`]);
    case "no_such_table":
      return pick(lang, [`没有名为${quoted(lang, p.table)}的要素表(视图不导入);现有的表:${list(lang, p.tables)}`, `there is no feature table "${p.table}" (views are not imported); its tables are ${list(lang, p.tables)}`]);
    case "no_feature_tables":
      return pick(lang, ["其中没有要素表", "it has no feature tables"]);
    case "missing_geometry_column":
      return pick(lang, ["gpkg_geometry_columns 中登记的几何列在表中不存在", "gpkg_geometry_columns names a geometry column the table does not have"]);
    case "no_geometry":
      return pick(lang, ["该要素没有几何", "the feature has no geometry"]);
    case "not_geometry_blob":
      return pick(lang, ["几何值不是 GeoPackage 几何数据块", "the geometry is not a GeoPackage blob"]);
    case "bad_geometry_blob":
      return pick(lang, [`几何数据无法解码(${quoted(lang, p.detail)})`, `the geometry cannot be decoded (${p.detail})`]);
    case "no_such_column": {
      const more = p.more ? pick(lang, [`,另有 ${p.more} 列`, ` and ${p.more} more`]) : "";
      return pick(lang, [`没有名为${quoted(lang, p.asked)}的${axisWord(lang, p.axis)}列;现有的列:${list(lang, p.columns)}${more}`, `there is no ${axisWord(lang, p.axis)} column named "${p.asked}"; the columns are ${list(lang, p.columns)}${more}`]);
    }
    case "no_coordinate_column": {
      const label = pick(lang, p.axis === "longitude" ? ["经度列", "Longitude column"] : ["纬度列", "Latitude column"]);
      return pick(lang, [`找不到${axisWord(lang, p.axis)}列(查找了 ${list(lang, p.looked_for)});请在上方“${label}”中填写列名`, `no ${axisWord(lang, p.axis)} column found (looked for ${list(lang, p.looked_for)}); name it in the ${label} box above`]);
    }
    case "csv_header":
      return pick(lang, [`无法读取表头行(${quoted(lang, p.detail)})`, `cannot read the header row: ${p.detail}`]);
    case "csv_row":
      return pick(lang, [`第 ${p.row} 行无法读取(${quoted(lang, p.detail)})`, `row ${p.row} cannot be read: ${p.detail}`]);
    case "too_many_columns":
      if (p.of === "layer") return pick(lang, [`该图层各要素的不同属性超过 ${p.limit} 个;请删去不需要的列(或在命令行中用 --max-columns 提高上限)`, `the layer has more than ${p.limit} distinct properties; remove columns you do not need (or raise --max-columns in the CLI)`]);
      if (p.of === "header") return pick(lang, [`表头有 ${p.columns} 列,超过上限 ${p.limit};请只保留需要的列(或在命令行中用 --max-columns 提高上限)`, `the header has ${p.columns} columns, over the limit of ${p.limit}; keep the columns you need (or raise --max-columns in the CLI)`]);
      return pick(lang, [`该要素有 ${p.columns} 个属性,超过上限 ${p.limit};请删去不需要的列(或在命令行中用 --max-columns 提高上限)`, `it has ${p.columns} properties, over the limit of ${p.limit}; remove columns you do not need (or raise --max-columns in the CLI)`]);
    case "property_bytes":
      return pick(lang, [`其属性共 ${p.bytes} 字节,超过每个要素 ${p.limit} 字节的上限;${raise(lang, "--max-property-kb")}`, `its properties hold ${p.bytes} bytes, over the limit of ${p.limit} per feature; ${raise(lang, "--max-property-kb")}`]);
    case "too_many_parts":
      return pick(lang, [`它有 ${p.parts} 个部分,单个多边形最多有 ${p.holes} 个洞,超过上限 ${p.limit};请拆分为多个要素(或在命令行中用 --max-parts 提高上限)`, `it has ${p.parts} parts and up to ${p.holes} holes in one polygon, over the limit of ${p.limit}; split it into several features (or raise --max-parts in the CLI)`]);
    case "crs_member_unreadable":
      return pick(lang, [`其 crs 成员 ${quoted(lang, p.member)} 没有指明图集能读取的坐标系;如坐标是 WGS84 经纬度请删去该成员,否则${CHOOSE_CRS[0]}`, `its crs member "${p.member}" names no coordinate system the atlas reads; remove it if the coordinates are WGS84 longitude/latitude, or ${CHOOSE_CRS[1]}`]);
    case "crs_name":
      return pick(lang, [`${quoted(lang, p.name)}不是图集能识别的坐标系名称;请写成 EPSG:<代码>,如 ${crsLabel(lang, 4548)}`, `"${p.name}" is not a coordinate system name the atlas reads; write it as EPSG:<code>, e.g. ${crsLabel(lang, 4548)}`]);
    case "crs_member_late":
      return pick(lang, [`其 crs 成员(${p.name})位于要素之后、离文件末尾较远,图集不在那里查找它;请把该成员放在要素之前重新写出文件(${quoted(lang, "ogr2ogr -f GeoJSON -lco RFC7946=NO 新文件.geojson 原文件.geojson")})后再导入`, `its crs member (${p.name}) stands after the features and far from the end of the file, where the atlas does not look for it; write the file again with the member first (ogr2ogr -f GeoJSON -lco RFC7946=NO out.geojson in.geojson) and import that`]);
    case "no_features":
      return pick(lang, ["其中没有任何要素", "it holds no features"]);
    case "json":
      return jsonText(lang, p.trouble, p.line, p.column, p.detail);
    case "not_geojson":
      return pick(lang, [`${NOT_GEOJSON[0]}:${quoted(lang, p.detail)}`, `${NOT_GEOJSON[1]}: ${p.detail}`]);
    case "no_features_array":
      return pick(lang, ["不是 GeoJSON:FeatureCollection 必须有 features 数组", "it is not GeoJSON: a FeatureCollection needs a features array"]);
    case "features_outside_collection":
      return pick(lang, [`含有 features 数组,但 type 不是 FeatureCollection;请把 type 设为${quoted(lang, "FeatureCollection")}`, `it has a features array but is not a FeatureCollection; set "type": "FeatureCollection"`]);
    case "null_geometry":
      return pick(lang, ["该要素的几何为空(null);请为它补上几何,或删去该要素", "it has no geometry (null); give it one or leave it out"]);
    case "not_a_feature":
      if (p.found == null) return pick(lang, ["没有 type,不是 Feature", 'it has no type, so it is not a "Feature"']);
      return pick(lang, [`其 type 为${quoted(lang, p.found)},不是 Feature`, `its type is "${p.found}", not "Feature"`]);
    case "geojson_geometry":
      return structureText(lang, p.structure);
    case "invalid_geometry":
      return geometryProblemText(lang, p.problem);
    case "not_stored":
      return pick(lang, [`无法存储(${quoted(lang, p.detail)})`, `it could not be stored (${p.detail})`]);
  }
}

const NOT_GEOJSON: Words = ["不是 GeoJSON(应为 FeatureCollection、Feature 或几何对象)", "it is not GeoJSON (a FeatureCollection, a Feature or a geometry)"];

/** A GeoJSON file that does not parse: where, and serde_json's words quoted. */
function jsonText(lang: Lang, trouble: JsonTrouble, line: number, column: number, detail: string): string {
  const at = pick(lang, [`(第 ${line} 行第 ${column} 列:${quoted(lang, detail)})`, ` (line ${line}, column ${column}: ${detail})`]);
  switch (trouble) {
    case "syntax":
      return pick(lang, [`不是有效的 JSON${at};请检查文件是否完整,或从 GIS 重新导出`, `it is not valid JSON${at}; check that the file is complete, or export it again from your GIS`]);
    case "too_deep":
      return pick(lang, [`嵌套层数过深,不可能是 GeoJSON${at}`, `it is nested too deeply to be GeoJSON${at}`]);
    case "not_geojson":
      return pick(lang, NOT_GEOJSON) + at;
  }
}

/** What is wrong with a GeoJSON geometry object's structure (type names quoted: the file's words). */
function structureText(lang: Lang, s: GeometryStructure): string {
  switch (s.kind) {
    case "no_type":
      return pick(lang, ["几何对象没有 type;几何应为“Point”、“LineString”、“Polygon”或其“Multi”形式", "it has no type; a geometry is a Point, LineString, Polygon or one of their Multi- forms"]);
    case "unknown_type":
      return pick(lang, [`${quoted(lang, s.name)}不是 GeoJSON 几何类型`, `"${s.name}" is not a GeoJSON geometry type`]);
    case "no_coordinates":
      return pick(lang, [`该${quoted(lang, s.geometry_type)}没有 coordinates`, `the ${s.geometry_type} has no coordinates`]);
    case "short_position":
      return pick(lang, [`有一个位置只有 ${s.numbers} 个数;位置应为 [经度, 纬度]`, `a position has ${s.numbers} number(s); positions are [longitude, latitude]`]);
    case "wrong_nesting":
      return pick(lang, [`其坐标的嵌套层次不符合${quoted(lang, s.geometry_type)}的结构`, `its coordinates are not nested as a ${s.geometry_type}'s are`]);
    case "single_number":
      return pick(lang, [`其坐标只是一个数,而不是${quoted(lang, s.geometry_type)}所需的数组`, `its coordinates are a single number, not a ${s.geometry_type}'s arrays`]);
    case "no_geometries":
      return pick(lang, ["该 GeometryCollection 没有 geometries", "the GeometryCollection has no geometries"]);
  }
}

/** Why the atlas refuses a geometry, with what was found. */
function geometryProblemText(lang: Lang, g: GeometryProblem): string {
  switch (g.kind) {
    case "not_finite":
      return pick(lang, [`坐标 ${g.coordinate} 不是数字`, `coordinate ${g.coordinate} is not a number`]);
    case "out_of_range":
      return pick(lang, [`坐标 [${g.x}, ${g.y}] 超出 WGS84 经纬度范围(经度 −180…180,纬度 −90…90);如果是投影坐标,${CHOOSE_CRS[0]}其坐标系`, `coordinate [${g.x}, ${g.y}] is outside WGS84 (longitude −180…180, latitude −90…90); if it is projected, ${CHOOSE_CRS[1]}`]);
    case "short_ring":
      return pick(lang, [`有一个环只有 ${g.positions} 个位置;多边形的环至少需要 4 个`, `a ring has ${g.positions} positions; a polygon ring needs at least 4`]);
    case "short_line":
      return pick(lang, [`有一条线只有 ${g.positions} 个位置;线至少需要 2 个`, `a line has ${g.positions} positions; it needs at least 2`]);
    case "empty":
      return pick(lang, ["几何为空", "the geometry is empty"]);
    case "collection":
      return pick(lang, ["不支持几何集合(GeometryCollection);请拆分为单独的要素", "geometry collections are not supported; split them into separate features"]);
    case "unrepairable":
      return pick(lang, [`多边形无效且无法修复(${quoted(lang, g.detail)});请在 GIS 中修正后再导入`, `the polygon is invalid and could not be repaired (${g.detail}); fix it in your GIS and import it again`]);
  }
}

/** A layer's blocking problem as the preview shows it: where (the feature, when one is) and why. */
export function problemText(lang: Lang, p: LayerProblem): string {
  const at = p.feature != null ? pick(lang, [`第 ${p.feature} 号要素:`, `feature ${p.feature}: `]) : "";
  return pick(lang, ["无法导入:", "Cannot import: "]) + at + problemKindText(lang, p.what);
}

// A problem's field, when it is a column the user would know: not the part of the file the
// kind's sentence already names.
const PARTS = new Set(["geometry", "prj", "dbf", "crs", "encoding", "type"]);

/** An error from previewing or importing a file, in the UI's language: the file's name, the
 * feature and the field, and what is wrong (the report's `problem` kind); a cancel, a busy atlas
 * or a failure of the atlas itself by the error's kind. */
export function importErrorText(lang: Lang, e: unknown): string {
  const err = toAtlasError(e);
  const name = err.file?.split(/[\\/]/).pop() ?? "";
  if (err.problem) {
    const feature = err.feature != null ? pick(lang, [`第 ${err.feature} 号要素`, `feature ${err.feature}`]) : "";
    const field = err.field && !PARTS.has(err.field) ? pick(lang, [`字段${quoted(lang, err.field)}`, `field "${err.field}"`]) : "";
    const at = [feature, field].filter(Boolean).join(pick(lang, [",", ", "]));
    const where = at ? pick(lang, [`${at}:`, `${at}: `]) : "";
    const head = name ? pick(lang, [`无法导入 ${name}:`, `Cannot import ${name}: `]) : pick(lang, ["无法导入:", "Cannot import: "]);
    return head + where + problemKindText(lang, err.problem);
  }
  switch (err.kind) {
    case "cancelled":
      return pick(lang, ["导入已取消,没有写入任何内容", "The import was cancelled; nothing was written"]);
    case "busy":
      return pick(lang, ["图集正在重置或恢复备份,请等它完成后再导入", "The atlas is being reset or restored; import when it is done"]);
    case "path_not_chosen":
      return pick(lang, ["只能导入在对话框中选择(或拖入窗口)的文件", "Only files chosen in the dialog (or dropped on the window) can be imported"]);
    default:
      // The atlas itself failed (a database error, a stopped job): its own words, quoted.
      return pick(lang, [`导入失败,没有写入任何内容(${quoted(lang, err.message)})`, `The import failed and nothing was written (${err.message})`]);
  }
}

/** The preview's small words. */
export const previewWords = {
  features: (lang: Lang, n: number) => pick(lang, [`${n} 个要素`, n === 1 ? "1 feature" : `${n} features`]),
  samples: (lang: Lang) => pick(lang, ["示例值", "Sample values"]),
  unknownCrs: (lang: Lang) => pick(lang, ["坐标系未知", "CRS unknown"]),
};
