import { describe, expect, it } from "vitest";
import type { CrsRefusal, Detection, GeometryProblem, GeometryStructure, LayerProblem, ProblemKind } from "../api";
import { AtlasError } from "../api";
import { crsLabel, detectionText, encodingChoices, formatName, importCrsChoices, importErrorText, problemText } from "./importWords";

const gk = { epsg: 4548 };
const every: Detection[] = [
  { kind: "crs", crs: gk, source: { kind: "prj", matched: { kind: "epsg_code", code: 4548 } } },
  { kind: "crs", crs: gk, source: { kind: "geojson_member", name: "urn:ogc:def:crs:EPSG::4548" } },
  { kind: "crs", crs: { epsg: 4326 }, source: { kind: "no_prj_degrees" } },
  { kind: "encoding", encoding: "GB18030", basis: { kind: "cpg", name: "936" } },
  { kind: "encoding", encoding: "GB18030", basis: { kind: "language_byte", code: 0x4d } },
  { kind: "encoding", encoding: "GB18030", basis: { kind: "fallback_gb18030" } },
  { kind: "axis_order", crs: gk, order: "easting_first", epsg_northing_first: true, evidence: { kind: "easting_first", x: 517000, y: 4330000 } },
  { kind: "axis_order", crs: gk, order: "northing_first", epsg_northing_first: true, evidence: { kind: "easting_second", x: 4330000, y: 517000 } },
  { kind: "cgcs2000_as_wgs84", crs: gk },
  { kind: "no_dbf" },
  { kind: "memo_fields_empty" },
  { kind: "values_dropped", z: true, m: true },
  { kind: "deleted_records_left_out", count: 3 },
];

// English words that must not appear in the Chinese dialog (proper names like GB18030, EPSG,
// .prj, CGCS2000 and WGS 84 may).
const ENGLISH = /\b(as|from|its|the|read|first|dropped|records|attributes|no|and|chose|says|easting|northing)\b/i;

// Every kind a layer's blocking problem comes as, with values as the core sends them.
const refusals: CrsRefusal[] = [
  { kind: "legacy", code: null, name: "Beijing_1954_3_Degree_GK_CM_117E" },
  { kind: "legacy", code: 2436, name: "Beijing 1954 / 3-degree Gauss-Kruger CM 117E" },
  { kind: "unsupported_code", code: 27700 },
  { kind: "unsupported", name: "British_National_Grid", mismatch: { kind: "transverse_mercator", central_meridian: -2, false_easting: 400000, scale: 0.9996012717, datum: "D_OSGB_1936" } },
  { kind: "unsupported", name: "x", mismatch: { kind: "projection", method: "lambertconformalconic" } },
  { kind: "unsupported", name: "NAD83", mismatch: { kind: "datum", datum: "North_American_Datum_1983" } },
  { kind: "unsupported", name: "GK feet", mismatch: { kind: "unit", metres: 0.3048 } },
  { kind: "unreadable_wkt", detail: "a quoted name is not closed" },
  { kind: "not_horizontal", keyword: "VERT_CS" },
];
const problems: ProblemKind[] = [
  ...refusals.map((refusal): ProblemKind => ({ kind: "crs", named_in: "prj", refusal })),
  { kind: "crs", named_in: "gpkg_srs", refusal: refusals[1] },
  { kind: "crs", named_in: "user_choice", refusal: refusals[2] },
  { kind: "no_prj" },
  { kind: "undefined_srs", organization: "NONE", code: -1 },
  { kind: "multipatch" },
  { kind: "shp_dbf_mismatch", shapes: 2, records: 1 },
  { kind: "outside_crs", x: 517000, y: 4330000, crs: { epsg: 4527 } },
];
const at = (what: ProblemKind, feature: number | null = null): LayerProblem => ({ file: "/data/parcels.shp", layer: "parcels", feature, field: "prj", what });

describe("a layer's blocking problem", () => {
  it("reads in Chinese with no English words, and in English with no Chinese, for every kind", () => {
    // Beside the detections' list: words of the refusals' English.
    const english = new RegExp(`${ENGLISH.source}|\\b(is|not|it|or|your|unknown|system|reproject|import|cannot|choose)\\b`, "i");
    for (const what of problems) {
      const zh = problemText("zh", at(what, 3));
      const en = problemText("en", at(what, 3));
      expect(zh, JSON.stringify(what)).not.toMatch(english);
      expect(zh).toMatch(/^无法导入:第 3 号要素:[\u4e00-\u9fff“EPSG.]/);
      expect(en, JSON.stringify(what)).not.toMatch(/[\u4e00-\u9fff]/);
      expect(en).toMatch(/^Cannot import: feature 3: /);
    }
  });
  it("says what was found and what to do", () => {
    expect(problemText("zh", at(problems[0]))).toContain("“Beijing_1954_3_Degree_GK_CM_117E” 是北京1954 / 西安1980 坐标系");
    expect(problemText("zh", at(problems[0]))).toContain("也可在上方“坐标参照系”中选择");
    expect(problemText("zh", at(problems[9]))).toContain("EPSG:2436(Beijing 1954 / 3-degree Gauss-Kruger CM 117E)");
    expect(problemText("zh", at(problems[10]))).toMatch(/^无法导入:EPSG:27700 不是图集支持的坐标系;.*ogr2ogr -t_srs EPSG:4490/);
    expect(problemText("zh", at(problems[10]))).not.toContain("上方");
    expect(problemText("zh", at(problems[3]))).toContain("中央经线 -2°,东偏移 400000 米");
    expect(problemText("en", at(problems[11]))).toContain("EPSG:4548 CGCS2000 3° Gauss-Krüger CM 117°E");
    expect(problemText("zh", at(problems[11]))).toContain("没有 .prj 文件");
    expect(problemText("zh", at(problems[14]))).toContain(".shp 有 2 个图形,.dbf 却有 1 条记录");
    expect(problemText("en", at(problems[15]))).toContain("(517000, 4330000) are not valid in EPSG:4527");
  });
  it("shows a problem without a kind in the core's English, introduced in Chinese", () => {
    const what: ProblemKind = { kind: "untyped", message: "the .shp is damaged: record 3 is empty; export it again from your GIS" };
    expect(problemText("zh", at(what))).toBe(`无法导入:(英文原文)${what.message}`);
    expect(problemText("en", at(what))).toBe(`Cannot import: ${what.message}`);
  });
});

describe("import detections", () => {
  it("read in Chinese with no English words, and in English with no Chinese", () => {
    for (const d of every) {
      const zh = detectionText("zh", d);
      const en = detectionText("en", d);
      expect(zh, JSON.stringify(d)).not.toMatch(ENGLISH);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en, JSON.stringify(d)).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
  it("carry their values", () => {
    expect(detectionText("zh", every[3])).toBe("属性编码 GB18030,据 .cpg 文件(“936”)");
    expect(detectionText("en", every[4])).toContain("language byte 0x4D");
    expect(detectionText("zh", every[6])).toContain("517000 是本带的东坐标");
    expect(detectionText("en", every[12])).toBe("3 records marked deleted in the .dbf were left out");
  });
  it("offer the selects in one language at a time", () => {
    for (const [, label] of [...importCrsChoices("en"), ...encodingChoices("en")]) expect(label).not.toMatch(/[\u4e00-\u9fff]/);
    expect(importCrsChoices("zh")[0][1]).toMatch(/^自动识别/);
    expect(importCrsChoices("zh")[0][1]).not.toMatch(/detect/i);
    expect(formatName("zh", "zipped_shapefiles")).toBe("Shapefile 压缩包(.zip)");
  });
  it("put EPSG's Gauss-Krüger names into Chinese", () => {
    expect(crsLabel("zh", 4528, "CGCS2000 / 3-degree Gauss-Kruger zone 40")).toBe("EPSG:4528 CGCS2000 3度带高斯-克吕格 第40带");
    expect(crsLabel("zh", 4549, "CGCS2000 / 3-degree Gauss-Kruger CM 120E")).toBe("EPSG:4549 CGCS2000 3度带高斯-克吕格 中央经线120°E");
    expect(crsLabel("en", 4549, "CGCS2000 / 3-degree Gauss-Kruger CM 120E")).toBe("EPSG:4549 CGCS2000 / 3-degree Gauss-Kruger CM 120E");
  });
});

// A GeoJSON geometry object's structure, and a refused geometry: every kind, as the core sends it.
const structures: GeometryStructure[] = [
  { kind: "no_type" },
  { kind: "unknown_type", name: "Circle" },
  { kind: "no_coordinates", geometry_type: "Polygon" },
  { kind: "short_position", numbers: 1 },
  { kind: "wrong_nesting", geometry_type: "Polygon" },
  { kind: "single_number", geometry_type: "Point" },
  { kind: "no_geometries" },
];
const geometryProblems: GeometryProblem[] = [
  { kind: "not_finite", coordinate: "[NaN, 39.1]" },
  { kind: "out_of_range", x: 517000, y: 4330000 },
  { kind: "short_ring", positions: 3 },
  { kind: "short_line", positions: 1 },
  { kind: "empty" },
  { kind: "collection" },
  { kind: "unrepairable", detail: "nothing is left after repair" },
];
// Fail to compile when a kind has no example above.
const structureKinds: Record<GeometryStructure["kind"], true> = Object.fromEntries(structures.map((s) => [s.kind, true])) as Record<GeometryStructure["kind"], true>;
const geometryKinds: Record<GeometryProblem["kind"], true> = Object.fromEntries(geometryProblems.map((g) => [g.kind, true])) as Record<GeometryProblem["kind"], true>;

// Every kind a whole file's or a record's problem comes as (before the preview, in it, or after
// pressing Import), with values as the core sends them; parsers' details are English.
const fileProblems: ProblemKind[] = [
  { kind: "unknown_format", extension: "docx" },
  { kind: "unknown_format", extension: null },
  { kind: "unreadable", cause: { kind: "not_found" } },
  { kind: "unreadable", cause: { kind: "permission_denied" } },
  { kind: "unreadable", cause: { kind: "other", detail: "Input/output error (os error 5)" } },
  { kind: "empty_file" },
  { kind: "not_utf8", offset: 20 },
  { kind: "size_limit", of: "file", bytes: 600_000_000, limit: 536_870_912 },
  { kind: "size_limit", of: "archive", bytes: 600_000_000, limit: 536_870_912 },
  { kind: "size_limit", of: "shapefile_files", bytes: 600_000_000, limit: 536_870_912 },
  { kind: "size_limit", of: "unpacked", bytes: null, limit: 536_870_912 },
  { kind: "rows_over_size_limit" },
  { kind: "too_many_entries", entries: 20000, limit: 10000 },
  { kind: "not_zip", detail: "invalid Zip archive: Could not find EOCD" },
  { kind: "zip_entry", entry: "parcels.shp", index: 2, detail: "invalid checksum" },
  { kind: "zip_entry", entry: null, index: 2, detail: "invalid checksum" },
  { kind: "no_shapefile_in_zip" },
  { kind: "sidecar_too_large", extension: "prj" },
  { kind: "damaged_shp", damage: { kind: "no_header" } },
  { kind: "damaged_shp", damage: { kind: "record_past_end", record: 3 } },
  { kind: "damaged_shp", damage: { kind: "empty_record", record: 3 } },
  { kind: "damaged_shp", damage: { kind: "unknown_shape_type", record: 3, shape_type: 7 } },
  { kind: "damaged_shp", damage: { kind: "short_point", z: true, needed: 28, held: 20 } },
  { kind: "damaged_shp", damage: { kind: "negative_counts", parts: -1, points: 4 } },
  { kind: "damaged_shp", damage: { kind: "counts_past_record", parts: 1, points: 5, needed: 124, held: 60, z: false } },
  { kind: "damaged_shp", damage: { kind: "bad_part_start", parts: null, points: 4, part: 1, start: 9 } },
  { kind: "unreadable_shape", detail: "Invalid shape type" },
  { kind: "null_shape" },
  { kind: "damaged_dbf", damage: { kind: "too_short" } },
  { kind: "damaged_dbf", damage: { kind: "bad_header", header_bytes: 12, record_bytes: 0 } },
  { kind: "damaged_dbf", damage: { kind: "fields_past_record", needed: 40, record_bytes: 20 } },
  { kind: "damaged_dbf", damage: { kind: "missing_record", record: 9 } },
  { kind: "unknown_encoding", name: "latin-9" },
  { kind: "non_ascii_number" },
  { kind: "not_a_number", value: "abc", row: 3 },
  { kind: "not_a_number", value: "abc", row: null },
  { kind: "not_a_date", value: "2021-13" },
  { kind: "not_geo_package", detail: "file is not a database" },
  { kind: "not_geo_package", detail: null },
  { kind: "gpkg_layer_list", detail: "no such column: srs_id" },
  { kind: "no_such_table", table: "roads", tables: ["parcels", "sites"] },
  { kind: "no_feature_tables" },
  { kind: "missing_geometry_column" },
  { kind: "no_geometry" },
  { kind: "not_geometry_blob" },
  { kind: "bad_geometry_blob", detail: "blob: bad magic" },
  { kind: "no_such_column", axis: "latitude", asked: "y", columns: ["lon", "name"], more: 2 },
  { kind: "no_coordinate_column", axis: "longitude", looked_for: ["lon", "经度"] },
  { kind: "csv_header", detail: "CSV parse error" },
  { kind: "csv_row", row: 5, detail: "found record with 2 fields, but the previous record has 3 fields" },
  { kind: "too_many_columns", columns: 1200, limit: 1000, of: "header" },
  { kind: "too_many_columns", columns: 1200, limit: 1000, of: "feature" },
  { kind: "too_many_columns", columns: 1001, limit: 1000, of: "layer" },
  { kind: "property_bytes", bytes: 2_000_000, limit: 1_048_576 },
  { kind: "too_many_parts", parts: 20000, holes: 3, limit: 10000 },
  { kind: "crs_member_unreadable", member: '{"type":"link"}' },
  { kind: "crs_name", name: "EPSG:abc" },
  { kind: "crs_member_late", name: "EPSG:4548" },
  { kind: "no_features" },
  { kind: "crs", named_in: "geojson_member", refusal: refusals[1] },
  // GeoJSON's own troubles, with serde_json's words.
  { kind: "json", trouble: "syntax", line: 2, column: 35, detail: "trailing comma at line 2 column 35" },
  { kind: "json", trouble: "too_deep", line: 1, column: 129, detail: "recursion limit exceeded at line 1 column 129" },
  { kind: "json", trouble: "not_geojson", line: 1, column: 9, detail: "invalid type: string \"x\", expected a GeoJSON object at line 1 column 9" },
  { kind: "not_geojson", detail: "invalid type: null, expected a GeoJSON feature object" },
  { kind: "no_features_array" },
  { kind: "features_outside_collection" },
  { kind: "null_geometry" },
  { kind: "not_a_feature", found: "Point" },
  { kind: "not_a_feature", found: null },
  ...structures.map((structure): ProblemKind => ({ kind: "geojson_geometry", structure })),
  ...geometryProblems.map((problem): ProblemKind => ({ kind: "invalid_geometry", problem })),
  { kind: "not_stored", detail: "database error: disk I/O error" },
];

// Fails to compile when a kind has no example above.
const covered: Record<ProblemKind["kind"], true> = Object.fromEntries([...problems, ...fileProblems, { kind: "untyped" }].map((p) => [p.kind, true])) as Record<ProblemKind["kind"], true>;
const KINDS: ProblemKind["kind"][] = ["crs", "no_prj", "undefined_srs", "multipatch", "shp_dbf_mismatch", "outside_crs", "unknown_format", "unreadable", "empty_file", "not_utf8", "size_limit", "rows_over_size_limit", "too_many_entries", "not_zip", "zip_entry", "no_shapefile_in_zip", "sidecar_too_large", "damaged_shp", "unreadable_shape", "null_shape", "damaged_dbf", "unknown_encoding", "non_ascii_number", "not_a_number", "not_a_date", "not_geo_package", "gpkg_layer_list", "no_such_table", "no_feature_tables", "missing_geometry_column", "no_geometry", "not_geometry_blob", "bad_geometry_blob", "no_such_column", "no_coordinate_column", "csv_header", "csv_row", "too_many_columns", "property_bytes", "too_many_parts", "crs_member_unreadable", "crs_name", "crs_member_late", "no_features", "json", "not_geojson", "no_features_array", "features_outside_collection", "null_geometry", "not_a_feature", "geojson_geometry", "invalid_geometry", "not_stored", "untyped"];

// The Chinese sentence around a quoted detail (a parser's English, a file's value) is checked;
// the quote itself is the file's or the parser's.
const unquoted = (zh: string) => zh.replace(/“[^”]*”/g, "“”");

const reportOf = (problem: ProblemKind, at: { feature?: number; field?: string } = {}) =>
  new AtlasError({ kind: "import", message: "English one-line message", file: "/home/planner/data/规划地块.zip", problem, ...at });

describe("a whole file's problem (before the preview, or after pressing Import)", () => {
  it("has an example of every kind", () => {
    expect(Object.keys(covered).sort()).toEqual([...KINDS].sort());
    expect(Object.keys(structureKinds)).toHaveLength(7);
    expect(Object.keys(geometryKinds)).toHaveLength(7);
  });
  it("reads in Chinese with no English words outside quoted details, and in English with no Chinese, for every kind", () => {
    const english = new RegExp(`${ENGLISH.source}|\\b(is|not|it|or|your|unknown|system|reproject|import|cannot|choose|file|archive|limit|over|raise|record|damaged|column|row|header|found|entries|bytes|part|point|shape|empty)\\b`, "i");
    for (const what of fileProblems) {
      const zh = importErrorText("zh", reportOf(what, { feature: 3, field: "面积" }));
      const en = importErrorText("en", reportOf(what, { feature: 3, field: "area" }));
      expect(unquoted(zh), JSON.stringify(what)).not.toMatch(english);
      expect(zh).toMatch(/^无法导入 规划地块\.zip:第 3 号要素,字段“面积”:/);
      // Column names looked for (经度) are the file's words, quoted.
      expect(en.replace("规划地块", "").replace(/"[^"]*"/g, '""'), JSON.stringify(what)).not.toMatch(/[\u4e00-\u9fff]/);
      expect(en).toMatch(/^Cannot import 规划地块\.zip: feature 3, field "area": /);
      // The same kinds in a layer's preview.
      expect(unquoted(problemText("zh", at(what))), JSON.stringify(what)).not.toMatch(english);
    }
  });
  it("names the file and says what was found and what to do", () => {
    expect(importErrorText("zh", reportOf(fileProblems[0]))).toBe("无法导入 规划地块.zip:不是图集能导入的格式(扩展名 .docx);可导入 GeoJSON(.geojson)、GeoPackage(.gpkg)、CSV(.csv)、Shapefile(.shp)或 Shapefile 压缩包(.zip)");
    expect(importErrorText("zh", reportOf({ kind: "no_shapefile_in_zip" }))).toContain("压缩包中没有 Shapefile(.shp)");
    expect(importErrorText("zh", reportOf(fileProblems[7]))).toContain("文件大小 600 MB,超过导入上限 537 MB;如确需导入,请在命令行中用 --max-mb 提高上限");
    expect(importErrorText("zh", reportOf(fileProblems[24]))).toContain("记录声明了 1 个部分、5 个点,需要 124 字节,但只有 60 字节");
    expect(importErrorText("en", reportOf(fileProblems[24]))).toContain("the record declares 1 part and 5 points, which need 124 bytes, but holds 60 bytes");
    expect(importErrorText("zh", reportOf(fileProblems[34], { feature: 1, field: "lat" }))).toBe("无法导入 规划地块.zip:第 1 号要素,字段“lat”:第 3 行的“abc”不是数字");
    expect(importErrorText("zh", reportOf(fileProblems[13]))).toContain("不是可读取的 .zip 压缩包(“invalid Zip archive: Could not find EOCD”)");
    // The part of the file a kind's sentence names is not repeated as a field.
    expect(importErrorText("en", reportOf({ kind: "null_shape" }, { feature: 0, field: "geometry" }))).toBe("Cannot import 规划地块.zip: feature 0: the shape is empty (a null shape); delete the feature or give it a geometry in your GIS");
  });
  it("words GeoJSON's troubles and refused geometries with what was found", () => {
    const json = fileProblems.find((p) => p.kind === "json")!;
    expect(importErrorText("zh", reportOf(json))).toBe("无法导入 规划地块.zip:不是有效的 JSON(第 2 行第 35 列:“trailing comma at line 2 column 35”);请检查文件是否完整,或从 GIS 重新导出");
    expect(importErrorText("en", reportOf(json))).toBe("Cannot import 规划地块.zip: it is not valid JSON (line 2, column 35: trailing comma at line 2 column 35); check that the file is complete, or export it again from your GIS");
    expect(importErrorText("zh", reportOf({ kind: "null_geometry" }, { feature: 5, field: "geometry" }))).toBe("无法导入 规划地块.zip:第 5 号要素:该要素的几何为空(null);请为它补上几何,或删去该要素");
    const ring: ProblemKind = { kind: "invalid_geometry", problem: { kind: "short_ring", positions: 3 } };
    expect(importErrorText("zh", reportOf(ring, { feature: 0, field: "geometry" }))).toBe("无法导入 规划地块.zip:第 0 号要素:有一个环只有 3 个位置;多边形的环至少需要 4 个");
    expect(importErrorText("en", reportOf(ring, { feature: 0, field: "geometry" }))).toBe("Cannot import 规划地块.zip: feature 0: a ring has 3 positions; a polygon ring needs at least 4");
    const nesting: ProblemKind = { kind: "geojson_geometry", structure: { kind: "wrong_nesting", geometry_type: "Polygon" } };
    expect(importErrorText("zh", reportOf(nesting))).toContain("其坐标的嵌套层次不符合“Polygon”的结构");
    expect(importErrorText("en", reportOf({ kind: "not_a_feature", found: "Point" }))).toContain('its type is "Point", not "Feature"');
    expect(importErrorText("zh", reportOf({ kind: "too_many_columns", columns: 3, limit: 2, of: "layer" }))).toContain("该图层各要素的不同属性超过 2 个");
  });
  it("words errors that are not about the file by their kind, never in English alone", () => {
    const busy = new AtlasError({ kind: "busy", message: "cannot start the import of a.zip while restore a backup is running" });
    expect(importErrorText("zh", busy)).toBe("图集正在重置或恢复备份,请等它完成后再导入");
    const failed = new AtlasError({ kind: "internal", message: "database error: disk I/O error" });
    expect(importErrorText("zh", failed)).toBe("导入失败,没有写入任何内容(“database error: disk I/O error”)");
    expect(importErrorText("en", failed)).toBe("The import failed and nothing was written (database error: disk I/O error)");
  });
});
