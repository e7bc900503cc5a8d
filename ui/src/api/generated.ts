// Generated from atlas-core's Rust types by ts-rs (crates/atlas-core/src/ipc_types.rs). Do not
// edit: change the Rust type and run `UPDATE_IPC_TYPES=1 cargo test -p atlas-core --lib ipc_types`.
// `cargo test` fails while this file and the Rust types differ.

/** A GeoJSON geometry object (RFC 7946), as the geojson crate writes it. */
export type GeoJsonGeometry = { type: string; coordinates: unknown };

export type Category = { id: string, name_zh: string, name_en: string, description_zh: string, description_en: string, 
/**
 * Drawing order, bottom to top.
 */
order: number, style: CategoryStyle, };

export type CategoryStyle = { stroke: string, fill: string, fill_opacity: number, weight: number, 
/**
 * Marker shape for point geometries: circle, square, diamond, triangle, star, hexagon.
 */
symbol: string, };

export type LocationBasis = "boundary" | "site" | "schematic" | "unlocated";

export type NameKind = "plan" | "label";

export type QuoteKind = "plan" | "box" | "news";

export type Seed = "000" | "002";

export type ThemeKind = "key_field" | "livelihood";

export type SectionKind = "notice" | "preface" | "chapter" | "section" | "subsection" | "box" | "digest";

export type ParagraphKind = "body" | "heading";

export type ElementSummary = { id: string, name_zh: string, name_en: string, category: string, location_basis: LocationBasis, districts: Array<string>, 
/**
 * Where to put the label / fly to: the point itself, or a point inside the area.
 */
label: [number, number], 
/**
 * [min_lon, min_lat, max_lon, max_lat]
 */
bbox: [number, number, number, number], };

export type DistrictRef = { adcode: string, name_zh: string, name_en: string, };

export type DistrictEntry = { district: DistrictRef, 
/**
 * A point inside the district for its label.
 */
label: [number, number], 
/**
 * [min_lon, min_lat, max_lon, max_lat]
 */
bbox: [number, number, number, number], element_count: number, };

export type DistrictReport = { district: DistrictRef, elements: Array<ElementSummary>, 
/**
 * (category id, count), in the categories' drawing order.
 */
counts_by_category: Array<[string, number]>, 
/**
 * [min_lon, min_lat, max_lon, max_lat] of the district.
 */
bbox: [number, number, number, number], };

export type Quote = { text: string, 
/**
 * The plan (000) or the news summary carrying the plan's boxes (002).
 */
seed: Seed, 
/**
 * The plan's own text (000), a box's content (carried by 002), or 002's summary of a
 * subsection the excerpt elides (not the plan's own words).
 */
kind: QuoteKind, section_id: string, 
/**
 * Chapter › section › subsection titles, outermost first (filled after the row is read).
 */
section_path: Array<string>, 
/**
 * The paragraph within the section; `None` when the quote is the section heading.
 */
paragraph_ord: number | null, };

export type Theme = { id: string, name_zh: string, name_en: string, kind: ThemeKind, keywords: Array<string>, 
/**
 * Filled from the theme's links after the row is read.
 */
element_ids: Array<string>, quotes: Array<Quote>, };

export type ThemeRef = { id: string, name_zh: string, name_en: string, kind: ThemeKind, };

export type PlanCatalog = { title: string, edition: string, categories: Array<Category>, elements: Array<ElementSummary>, themes: Array<Theme>, districts: Array<DistrictEntry>, 
/**
 * Categories whose legend is an area (see [`crate::style::AREA_CATEGORIES`]).
 */
area_categories: Array<string>, 
/**
 * The map's background and legend swatches, decided in [`crate::style`].
 */
map_style: MapStyle, 
/**
 * Ids of the elements listed under 全市 / 未定位: the plan (and the sources the team can
 * name) place them nowhere, so they are never drawn or counted in a district.
 */
unlocated: Array<string>, 
/**
 * Ids of the elements whose Chinese name is our descriptive label, not the plan's
 * (shown as 〔示意名称〕 / "descriptive name").
 */
label_names: Array<string>, 
/**
 * Which crowded symbols the screen map draws as one grouped symbol, by zoom: the rule
 * the printed maps follow too ([`crate::render::grouping`]).
 */
symbol_groups: Array<ZoomGroups>, };

export type ElementDetail = { summary: ElementSummary, category_name_zh: string, category_name_en: string, 
/**
 * Where the location came from (English).
 */
location_source: string, 
/**
 * The same in Chinese, our wording (None only in an atlas built before schema 9's data).
 */
location_source_zh: string | null, 
/**
 * For a site: the public source that places it (the plan gives no sites).
 */
source_name: string | null, uncertainty_km: number | null, 
/**
 * False for elements listed under 全市 / 未定位 (basis "unlocated"): not in any district.
 */
located: boolean, 
/**
 * The plan's own words, or our descriptive name.
 */
name_kind: NameKind, 
/**
 * A later official name from public sources, never the plan's.
 */
later_name_zh: string | null, later_name_en: string | null, districts: Array<DistrictRef>, 
/**
 * The first host the plan names.
 */
host: ElementSummary | null, 
/**
 * Every host the plan names, in its order (細胞谷 has two).
 */
hosts: Array<ElementSummary>, host_text: string | null, host_en: string | null, hosted: Array<ElementSummary>, 
/**
 * Institutions this element relies on, as the plan names them.
 */
relies_on: Array<ElementSummary>, 
/**
 * Zones and platforms that rely on this one (the reverse link).
 */
relied_on_by: Array<ElementSummary>, anchors: Array<string>, anchors_en: Array<string>, focus: Array<string>, 
/**
 * What is uncertain about the element (English).
 */
note: string | null, 
/**
 * The same in Chinese, our wording.
 */
note_zh: string | null, themes: Array<ThemeRef>, quotes: Array<Quote>, 
/**
 * Elements sharing a theme or a district, most shared first.
 */
related: Array<ElementSummary>, };

export type ElementHit = { element: ElementSummary, score: number, 
/**
 * Which field matched: name_zh, name_en, details.
 */
matched: string, 
/**
 * "plan" or "label" (our descriptive name, shown as 〔示意名称〕).
 */
name_kind: string, };

export type ThemeHit = { id: string, name_zh: string, name_en: string, score: number, };

export type ParagraphHit = { section_id: string, section_title: string, paragraph_ord: number, 
/**
 * The paragraph around the first match, with the match itself.
 */
snippet: string, text: string, occurrences: number, 
/**
 * Whose words: "plan" (000), "box" (a box's content via 002), "news" (002's summary of an
 * elided subsection) or "digest" (the news summary's own introduction).
 */
text_kind: string, };

export type FeatureHit = { id: number, layer_id: string, name: string, };

export type NamedHit = { id: string, name_zh: string, name_en: string, score: number, };

export type SearchResults = { query: string, elements: Array<ElementHit>, themes: Array<ThemeHit>, paragraphs: Array<ParagraphHit>, 
/**
 * The user's notes containing the query.
 */
notes: Array<Note>, 
/**
 * The user's own features whose names contain it.
 */
features: Array<FeatureHit>, districts: Array<NamedHit>, categories: Array<NamedHit>, tours: Array<NamedHit>, 
/**
 * The user's own layers.
 */
layers: Array<NamedHit>, };

export type SectionHead = { 
/**
 * Stable id: "c6" chapter, "c6.2" section, "c6.2.1" subsection, "box3", "preface", "notice", "digest".
 */
id: string, parent: string | null, kind: SectionKind, 
/**
 * The heading as the text has it, e.g. "第六章 强化以京津冀为引领的开放协同创新".
 */
title_zh: string, title_en: string | null, seed: Seed, 
/**
 * True where 000 marks the subsection "(略)" (elided by the publisher).
 */
elided_in_plan: boolean, 
/**
 * What the reader says about the section's text (e.g. that it is partial), from text.toml.
 */
note_zh: string | null, note_en: string | null, };

export type SectionHeader = { 
/**
 * 0 for chapters and front matter, 1 for sections, 2 for subsections and boxes (worked out
 * from the parents after the rows are read).
 */
depth: number, 
/**
 * Stable id: "c6" chapter, "c6.2" section, "c6.2.1" subsection, "box3", "preface", "notice", "digest".
 */
id: string, parent: string | null, kind: SectionKind, 
/**
 * The heading as the text has it, e.g. "第六章 强化以京津冀为引领的开放协同创新".
 */
title_zh: string, title_en: string | null, seed: Seed, 
/**
 * True where 000 marks the subsection "(略)" (elided by the publisher).
 */
elided_in_plan: boolean, 
/**
 * What the reader says about the section's text (e.g. that it is partial), from text.toml.
 */
note_zh: string | null, note_en: string | null, };

export type ReaderParagraph = { ord: number, kind: ParagraphKind, seed: Seed, text: string, 
/**
 * Whose words: "plan" (000), "box" (a box's content via 002), "news" (002's summary of an
 * elided subsection, not the plan's own text) or "digest" (the news summary's introduction).
 */
text_kind: string, 
/**
 * Ids of elements this paragraph names or quotes (a space-separated list in the row).
 */
mentions: Array<string>, };

export type ReaderSection = { header: SectionHeader, paragraphs: Array<ReaderParagraph>, };

export type BasemapProps = { layer: string, adcode: string, name_zh: string, name_en: string, level: string, 
/**
 * How to draw it (see [`crate::style::basemap_style`]).
 */
style: BasemapStyle, 
/**
 * Districts, provinces and prefectures are named on the map.
 */
label: LabelStyle | null, };

export type BasemapStyle = { 
/**
 * `None`: outline only.
 */
fill: string | null, fill_opacity: number, stroke: string, weight: number, };

export type DrawStyle = { stroke: string, weight: number, 
/**
 * Dash pattern in pixels (points on paper); empty for solid.
 */
dash: Array<number>, filled: boolean, fill: string, fill_opacity: number, 
/**
 * Marker shape, for points and for `symbol_at_label`.
 */
symbol: string, 
/**
 * Points: drawn hollow (schematic locations).
 */
hollow: boolean, 
/**
 * Areas in symbol categories also get their symbol at the label point, so the legend's
 * symbol stays true (a landmark zone that is a whole district is still a diamond).
 */
symbol_at_label: boolean, };

export type LabelPlacement = "beside" | "centred";

export type LabelStyle = { text_zh: string | null, text_en: string | null, priority: number, placement: LabelPlacement, };

export type LegendSwatch = { category: string, area: boolean, 
/**
 * Dash of the swatch's outline in pixels; empty for solid. The corridor is a band along a
 * route, dashed to say its edge is not a boundary.
 */
dash: Array<number>, };

export type MapStyle = { sea: string, legend: Array<LegendSwatch>, };

export type PlanFeatureProps = { element_id: string, role: string, category: string, location_basis: LocationBasis, 
/**
 * How to draw it (see [`crate::style`]).
 */
style: DrawStyle, 
/**
 * For areas drawn with their category's symbol at the label point: the symbol's style.
 */
label_style: DrawStyle | null, 
/**
 * The name drawn with it, if any (see [`crate::style::feature_label`]).
 */
label: LabelStyle | null, 
/**
 * The plan assigns the element to the whole of Tianjin.
 */
city_wide: boolean, };

export type SymbolGroup = { 
/**
 * Element ids, in the plan's order.
 */
members: Array<string>, 
/**
 * [lon, lat] of the members' centroid: where the grouped symbol is drawn, and said to be.
 */
centroid: [number, number], 
/**
 * [min_lon, min_lat, max_lon, max_lat] of the members: what a click zooms to.
 */
bbox: [number, number, number, number], };

export type ZoomGroups = { zoom: number, 
/**
 * The symbols' radius on screen at this zoom, in pixels (smaller when zoomed out).
 */
symbol_radius: number, groups: Array<SymbolGroup>, };

export type TourSummary = { id: string, name_zh: string, name_en: string, origin: string, stop_count: number, };

export type TourStop = { 
/**
 * Stable id of the stop (its row id).
 */
id: number, element_id: string | null, 
/**
 * [min_lon, min_lat, max_lon, max_lat] for a saved view.
 */
view: [number, number, number, number] | null, 
/**
 * Categories shown at this stop; empty means all.
 */
layers: Array<string>, caption_zh: string, caption_en: string, notes: string, };

export type Tour = { id: string, name_zh: string, name_en: string, origin: string, stops: Array<TourStop>, };

export type StopContent = { element_id: string | null, view: [number, number, number, number] | null, layers: Array<string>, caption_zh: string, caption_en: string, notes: string, };

export type PreflightProblem = { 
/**
 * 1-based stop number, or 0 for the tour itself.
 */
stop: number, message: string, };

export type Lang = "zh" | "en";

export type PageFormat = "a4-portrait" | "a4-landscape" | "slide";

export type NamedView = "tianjin" | "region";

export type SheetSubject = { "kind": "bbox", "value": [number, number, number, number] } | { "kind": "element", "value": string } | { "kind": "district", "value": string } | { "kind": "named", "value": NamedView };

export type SheetJob = { subject: SheetSubject, format: PageFormat, lang: Lang, title: string | null, 
/**
 * Only these categories; all when `None`.
 */
layers: Array<string> | null, 
/**
 * An element to highlight, e.g. the one selected in the app.
 */
highlight: string | null, };

export type BookKind = { "kind": "elements", "value": string | null } | { "kind": "districts" } | { "kind": "district_brief", "value": string };

export type TileFormat = "mbtiles" | "gpkg";

export type SavedBasemap = { id: number, path: string, format: TileFormat, name: string, attribution: string, min_zoom: number, max_zoom: number, 
/**
 * [min_lon, min_lat, max_lon, max_lat], when the tile set says.
 */
bounds: [number, number, number, number] | null, 
/**
 * 0 (invisible) to 1 (opaque).
 */
opacity: number, visible: boolean, 
/**
 * False when the file is no longer where it was added from (moved, on an unplugged disk).
 */
available: boolean, };

export type NoteTarget = "element" | "district" | "paragraph" | "feature";

export type Note = { id: number, target_kind: NoteTarget, target_id: string, text: string, created_at: string, updated_at: string, };

export type FieldKind = "text" | "integer" | "real" | "date" | "date_time" | "boolean";

export type FieldDef = { name: string, kind: FieldKind, };

export type UserLayer = { id: string, name: string, 
/**
 * Where it came from: "drawn", or the imported file's name.
 */
source: string, created_at: string, 
/**
 * The GeoPackage table that holds its features (what GDAL and QGIS call the layer).
 */
table_name: string, 
/**
 * Its GeoPackage geometry type: POINT, MULTIPOLYGON, …, or GEOMETRY when mixed.
 */
geometry_type: string, 
/**
 * The source's fields, typed, in column order (the app's own columns not included).
 */
fields: Array<FieldDef>, feature_count: number, 
/**
 * [min_lon, min_lat, max_lon, max_lat] of its features, if any.
 */
bbox: [number, number, number, number] | null, 
/**
 * The colour it is drawn in (`#rrggbb`): the palette's by default, the user's choice after.
 */
colour: string, };

export type FeatureAttributes = { name_zh: string, name_en: string, category: string, description: string, };

export type UserFeature = { 
/**
 * The layer's number (high 32 bits) and the row's fid in its table (low 32 bits): see
 * `crate::user::layer_table::feature_id`.
 */
id: number, layer_id: string, attributes: FeatureAttributes, properties: Record<string, unknown>, 
/**
 * GeoJSON geometry, WGS84.
 */
geometry: GeoJsonGeometry, created_at: string, updated_at: string, };

export type Datum = "wgs84" | "gcj02" | "bd09";

export type ImportOptions = { 
/**
 * Name of the new layer; the file's name if absent (GeoPackage: each layer's own name).
 */
layer_name: string | null, 
/**
 * The datum the file's coordinates are in.
 */
datum: Datum, 
/**
 * CSV: the longitude and latitude columns; found by name if absent.
 */
lon_column: string | null, lat_column: string | null, 
/**
 * GeoPackage: which feature tables to import; all if absent.
 */
gpkg_layers: Array<string> | null, 
/**
 * The EPSG code of the file's coordinates, when the user names it: overrides what the
 * file says (.prj, gpkg_spatial_ref_sys, GeoJSON `crs`). See [`crate::crs`].
 */
source_epsg: number | null, 
/**
 * Shapefile attributes: the encoding the user chose (UTF-8, GBK, GB18030, BIG5…),
 * overriding the .cpg and detection. See [`encoding`].
 */
encoding: string | null, };

export type Crs = { epsg: number, };

export type ImportFormat = "shapefile" | "zipped_shapefiles" | "geopackage" | "geojson" | "csv";

export type WktMatch = { "kind": "epsg_code", code: number, } | { "kind": "parameters" };

export type CrsSource = { "kind": "user_choice" } | { "kind": "prj", matched: WktMatch, } | { "kind": "gpkg_epsg_code" } | { "kind": "gpkg_definition", matched: WktMatch, } | { "kind": "no_prj_degrees" } | { "kind": "geojson_member", name: string, } | { "kind": "wgs_by_definition" };

export type EncodingBasis = { "kind": "user_choice" } | { "kind": "cpg", name: string, } | { "kind": "language_byte", code: number, } | { "kind": "valid_utf8" } | { "kind": "fallback_gb18030" } | { "kind": "ascii_only" };

export type AxisOrder = "easting_first" | "northing_first";

export type AxisEvidence = { "kind": "latitude_first", x: number, y: number, } | { "kind": "longitude_first", x: number, y: number, } | { "kind": "web_mercator" } | { "kind": "easting_first", x: number, y: number, } | { "kind": "easting_second", x: number, y: number, } | { "kind": "no_easting", x: number, y: number, };

export type Detection = { "kind": "crs", crs: Crs, source: CrsSource, } | { "kind": "encoding", encoding: string, basis: EncodingBasis, } | { "kind": "axis_order", crs: Crs, order: AxisOrder, epsg_northing_first: boolean, evidence: AxisEvidence, } | { "kind": "cgcs2000_as_wgs84", crs: Crs, } | { "kind": "no_dbf" } | { "kind": "memo_fields_empty" } | { "kind": "values_dropped", z: boolean, m: boolean, } | { "kind": "deleted_records_left_out", count: number, };

export type ImportNote = { 
/**
 * The layer's name in the file (the Shapefile's stem, the GeoPackage table, the file's stem).
 */
layer: string, detection: Detection, };

export type CrsMismatch = { "kind": "datum", datum: string, } | { "kind": "projection", method: string, } | { "kind": "unit", metres: number, } | { "kind": "transverse_mercator", central_meridian: number, false_easting: number, scale: number, datum: string, };

export type CrsRefusal = { "kind": "legacy", code: number | null, name: string, } | { "kind": "unsupported_code", code: number, } | { "kind": "unsupported", name: string, mismatch: CrsMismatch, } | { "kind": "unreadable_wkt", detail: string, } | { "kind": "not_horizontal", keyword: string, };

export type CrsNamedIn = "prj" | "gpkg_srs" | "geojson_member" | "user_choice";

export type SizedPart = "file" | "archive" | "shapefile_files" | "unpacked";

export type ReadCause = { "kind": "not_found" } | { "kind": "permission_denied" } | { "kind": "other", detail: string, };

export type CoordinateAxis = "longitude" | "latitude";

export type ShpDamage = { "kind": "no_header" } | { "kind": "record_past_end", record: number, } | { "kind": "empty_record", record: number, } | { "kind": "unknown_shape_type", record: number, shape_type: number, } | { "kind": "short_point", z: boolean, needed: number, held: number, } | { "kind": "negative_counts", parts: number | null, points: number, } | { "kind": "counts_past_record", parts: number | null, points: number, needed: number, held: number, z: boolean, } | { "kind": "bad_part_start", parts: number | null, points: number, part: number, start: number, };

export type DbfDamage = { "kind": "too_short" } | { "kind": "bad_header", header_bytes: number, record_bytes: number, } | { "kind": "fields_past_record", needed: number, record_bytes: number, } | { "kind": "missing_record", record: number, };

export type ColumnsOf = "header" | "feature" | "layer";

export type JsonTrouble = "syntax" | "too_deep" | "not_geojson";

export type GeometryStructure = { "kind": "no_type" } | { "kind": "unknown_type", name: string, } | { "kind": "no_coordinates", geometry_type: string, } | { "kind": "short_position", numbers: number, } | { "kind": "wrong_nesting", geometry_type: string, } | { "kind": "single_number", geometry_type: string, } | { "kind": "no_geometries" };

export type GeometryProblem = { "kind": "not_finite", coordinate: string, } | { "kind": "out_of_range", x: number, y: number, } | { "kind": "short_ring", positions: number, } | { "kind": "short_line", positions: number, } | { "kind": "empty" } | { "kind": "collection" } | { "kind": "unrepairable", detail: string, };

export type ProblemKind = { "kind": "crs", named_in: CrsNamedIn, refusal: CrsRefusal, } | { "kind": "no_prj" } | { "kind": "undefined_srs", organization: string, code: number, } | { "kind": "multipatch" } | { "kind": "shp_dbf_mismatch", shapes: number, records: number, } | { "kind": "outside_crs", x: number, y: number, crs: Crs, } | { "kind": "unknown_format", extension: string | null, } | { "kind": "unreadable", cause: ReadCause, } | { "kind": "empty_file" } | { "kind": "not_utf8", offset: number, } | { "kind": "size_limit", of: SizedPart, bytes: number | null, limit: number, } | { "kind": "rows_over_size_limit" } | { "kind": "too_many_entries", entries: number, limit: number, } | { "kind": "not_zip", detail: string, } | { "kind": "zip_entry", entry: string | null, index: number, detail: string, } | { "kind": "no_shapefile_in_zip" } | { "kind": "sidecar_too_large", extension: string, } | { "kind": "damaged_shp", damage: ShpDamage, } | { "kind": "unreadable_shape", detail: string, } | { "kind": "null_shape" } | { "kind": "damaged_dbf", damage: DbfDamage, } | { "kind": "unknown_encoding", name: string, } | { "kind": "non_ascii_number" } | { "kind": "not_a_number", value: string, row: number | null, } | { "kind": "not_a_date", value: string, } | { "kind": "not_geo_package", detail: string | null, } | { "kind": "gpkg_layer_list", detail: string, } | { "kind": "no_such_table", table: string, tables: Array<string>, } | { "kind": "no_feature_tables" } | { "kind": "missing_geometry_column" } | { "kind": "no_geometry" } | { "kind": "not_geometry_blob" } | { "kind": "bad_geometry_blob", detail: string, } | { "kind": "no_such_column", axis: CoordinateAxis, asked: string, columns: Array<string>, more: number, } | { "kind": "no_coordinate_column", axis: CoordinateAxis, looked_for: Array<string>, } | { "kind": "csv_header", detail: string, } | { "kind": "csv_row", row: number, detail: string, } | { "kind": "too_many_columns", columns: number, limit: number, of: ColumnsOf, } | { "kind": "property_bytes", bytes: number, limit: number, } | { "kind": "too_many_parts", parts: number, holes: number, limit: number, } | { "kind": "crs_member_unreadable", member: string, } | { "kind": "crs_name", name: string, } | { "kind": "crs_member_late", name: string, } | { "kind": "no_features" } | { "kind": "json", trouble: JsonTrouble, line: number, column: number, detail: string, } | { "kind": "not_geojson", detail: string, } | { "kind": "no_features_array" } | { "kind": "features_outside_collection" } | { "kind": "null_geometry" } | { "kind": "not_a_feature", found: string | null, } | { "kind": "geojson_geometry", structure: GeometryStructure, } | { "kind": "invalid_geometry", problem: GeometryProblem, } | { "kind": "not_stored", detail: string, } | { "kind": "untyped", message: string, };

export type LayerProblem = { 
/**
 * The file, or "archive.zip › dir/parcels.shp" for a Shapefile in a .zip.
 */
file: string, layer: string, 
/**
 * The feature's index in the layer, from 0, when one feature is the problem.
 */
feature: number | null, 
/**
 * The field, or the part of the file ("prj", "dbf", "geometry", the table's name…).
 */
field: string | null, 
/**
 * What is wrong, with what was found, and (by its kind) what to do.
 */
what: ProblemKind, };

export type LayerPreview = { name: string, 
/**
 * None when it cannot be decided (see `problem`).
 */
crs: Crs | null, 
/**
 * EPSG's name of the CRS, e.g. "CGCS2000 / 3-degree Gauss-Kruger CM 117E" (a proper
 * name, shown as it is in both languages).
 */
crs_name: string, 
/**
 * How the CRS was found: the `.prj`, the user's choice…
 */
crs_source: CrsSource | null, 
/**
 * Shapefiles: the encoding and how it was decided (a [`Detection::Encoding`]).
 */
encoding: Detection | null, 
/**
 * Assumptions about the coordinates: axis order, CGCS2000 taken as WGS84.
 */
assumptions: Array<Detection>, features: number, fields: Array<FieldDef>, 
/**
 * Decoded text values, non-ASCII first (mojibake shows here).
 */
samples: Array<string>, 
/**
 * The first features as GeoJSON Feature objects in WGS84.
 */
first_features: Array<unknown>, 
/**
 * Other notes (Z dropped, no .dbf…).
 */
notes: Array<Detection>, 
/**
 * Why this layer would not import as it stands, and what to do (the dialog offers the
 * CRS and encoding choices that fix the usual ones).
 */
problem: LayerProblem | null, };

export type ImportPreview = { file: string, format: ImportFormat, layers: Array<LayerPreview>, };

export type ImportReport = { file: string, layers: Array<string>, features: number, 
/**
 * (feature index, what was repaired)
 */
repaired: Array<[number, string]>, bytes: number, seconds: number, 
/**
 * What was detected or assumed, per layer: CRS and how it was found, axis order, the
 * CGCS2000 = WGS84 assumption, attribute encoding, dropped Z/M values.
 */
notes: Array<ImportNote>, 
/**
 * A few decoded attribute values, so that mojibake is seen.
 */
samples: Array<string>, };

export type AtlasInfo = { path: string, edition: string | null, schema_version: number, elements: number, 
/**
 * Shown once: e.g. an unreadable atlas was set aside at startup.
 */
notice: string | null, 
/**
 * Set while nothing can be saved (the file was made by a newer version).
 */
read_only_reason: string | null, };

export type BackupKind = "reset" | "restore" | "migration" | "plan_edition" | "unreadable";

export type BackupEntry = { file_name: string, kind: BackupKind, created_unix: number, created: string, size_bytes: number, 
/**
 * What the user's tables held (None where the file cannot tell: an unreadable or very old one).
 */
notes: number | null, own_features: number | null, tours: number | null, schema_version: number | null, };
