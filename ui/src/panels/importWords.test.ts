import { describe, expect, it } from "vitest";
import type { CrsRefusal, Detection, LayerProblem, ProblemKind } from "../api";
import { crsLabel, detectionText, encodingChoices, formatName, importCrsChoices, problemText } from "./importWords";

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
