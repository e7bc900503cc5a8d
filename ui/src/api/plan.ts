// The plan: catalog, geometry, details, search, the plan text.

import { decodeWire, type WireLayer } from "../wire/layer";
import { call } from "./call";
import type { AtlasInfo, BasemapProps, DistrictRef, DistrictReport, ElementDetail, ElementSummary, PlanCatalog, PlanFeatureProps, ReaderSection, SearchResults } from "./types";

export const atlasInfo = () => call<AtlasInfo>("atlas_info");
export const planCatalog = () => call<PlanCatalog>("plan_catalog");
export const planGeometry = async (): Promise<WireLayer<PlanFeatureProps>> => decodeWire(await call<ArrayBuffer>("plan_geometry"));
export const basemapGeometry = async (): Promise<WireLayer<BasemapProps>> => decodeWire(await call<ArrayBuffer>("basemap_geometry"));
export const elementDetail = (id: string) => call<ElementDetail>("element_detail", { id });
export const search = (query: string, limit = 12) => call<SearchResults>("search", { query, limit });
export const districtAt = (lon: number, lat: number) => call<DistrictRef | null>("district_at", { lon, lat });
export const districtReport = (query: string) => call<DistrictReport>("district_report", { query });
export const planText = () => call<ReaderSection[]>("plan_text");
export const elementsNear = (id: string, radiusM: number) => call<{ element: ElementSummary; distance_m: number }[]>("elements_near", { id, radiusM });
export const reportStartup = (page: string) => call<void>("report_startup", { page });
