fn main() {
    // Declaring the app's commands generates an `allow-<command>` permission for each, so the
    // capability file can grant exactly these and nothing else.
    let commands = &[
        "atlas_info",
        "plan_catalog",
        "plan_geometry",
        "basemap_geometry",
        "zone_detail",
        "search",
        "district_at",
        "district_report",
        "plan_text",
        "themes",
        "zones_near",
        "export_plan_geojson",
        "reset_to_default",
        "report_startup",
        "tours",
        "tour",
        "create_tour",
        "rename_tour",
        "duplicate_tour",
        "delete_tour",
        "add_stop",
        "update_stop",
        "move_stop",
        "delete_stop",
        "tour_preflight",
        "export_sheet_file",
        "export_handout_file",
        "export_atlas_book_file",
        "cancel_export",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .config_path("../tauri.conf.json")
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri-build");
}
