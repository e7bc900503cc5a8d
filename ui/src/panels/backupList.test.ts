import { describe, expect, it } from "vitest";
import { backupDate, fileSize, newestFirst } from "./backupList";

const b = (file_name: string, created_unix: number) => ({ file_name, kind: "reset" as const, created_unix, created: "", notes: 0, own_features: 0, tours: 0, size_bytes: 0, schema_version: 7 });

describe("backup list", () => {
  it("orders newest first", () => {
    expect(newestFirst([b("a", 10), b("b", 30), b("c", 20)]).map((x) => x.file_name)).toEqual(["b", "c", "a"]);
  });
  it("formats sizes and dates", () => {
    expect(fileSize(512)).toBe("512 B");
    expect(fileSize(20 * 1024)).toBe("20 KB");
    expect(fileSize(12.34 * 1024 * 1024)).toBe("12.3 MB");
    const d = new Date(2026, 10, 30, 4, 5);
    expect(backupDate(d.getTime() / 1000)).toBe("2026-11-30 04:05");
  });
});
