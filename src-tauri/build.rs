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
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .config_path("../tauri.conf.json")
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .expect("tauri-build");
}
