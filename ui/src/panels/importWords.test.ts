import { describe, expect, it } from "vitest";
import type { Detection } from "../api";
import { crsLabel, detectionText, encodingChoices, formatName, importCrsChoices } from "./importWords";

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
