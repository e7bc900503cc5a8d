//! The TypeScript mirror of every type the UI receives or sends, generated from the Rust types
//! with ts-rs and checked in at `ui/src/api/generated.ts`. The test fails when the checked-in
//! file differs from what the types generate, so a change on either side fails until the other
//! follows: change the Rust type, run `UPDATE_IPC_TYPES=1 cargo test -p atlas-core --lib
//! ipc_types`, then fix what `tsc` says in the UI.
//!
//! Test-only (ts-rs is a dev-dependency and the derives are `cfg_attr(test, …)`): nothing of it
//! is in the library or the app.

use std::path::PathBuf;

use ts_rs::{Config, TS};

use crate::basemap_tiles::{SavedBasemap, TileFormat};
use crate::crs::{AxisEvidence, AxisOrder, Crs, CrsMismatch, CrsRefusal};
use crate::files::backups::{BackupEntry, BackupKind};
use crate::files::info::AtlasInfo;
use crate::gcj02::Datum;
use crate::import::detected::{CrsSource, Detection, EncodingBasis, ImportFormat, ImportNote, WktMatch};
use crate::import::fields::{FieldDef, FieldKind};
use crate::import::preview::{ImportPreview, LayerPreview, LayerProblem};
use crate::import::problem_kind::{
    ColumnsOf, CoordinateAxis, CrsNamedIn, DbfDamage, GeometryProblem, GeometryStructure, JsonTrouble, ProblemKind,
    ReadCause, ShpDamage, SizedPart,
};
use crate::import::{ImportOptions, ImportReport};
use crate::plan::category::{Category, CategoryStyle};
use crate::plan::element::{LocationBasis, NameKind, QuoteKind};
use crate::plan::text::{ParagraphKind, SectionHead, SectionKind, Seed};
use crate::plan::theme::ThemeKind;
use crate::plan::tours::NamedView;
use crate::query::catalog::{DistrictEntry, PlanCatalog, Theme};
use crate::query::detail::{ElementDetail, Quote, ThemeRef};
use crate::query::display::{BasemapProps, PlanFeatureProps};
use crate::query::districts::{DistrictRef, DistrictReport};
use crate::query::reader::{ReaderParagraph, ReaderSection, SectionHeader};
use crate::query::search::{ElementHit, FeatureHit, NamedHit, ParagraphHit, SearchResults, ThemeHit};
use crate::render::grouping::{SymbolGroup, ZoomGroups};
use crate::render::jobs::{BookKind, SheetJob, SheetSubject};
use crate::render::{Lang, PageFormat};
use crate::store::atlas::ElementSummary;
use crate::style::{BasemapStyle, DrawStyle, LabelPlacement, LabelStyle, LegendSwatch, MapStyle};
use crate::user::features::{FeatureAttributes, UserFeature, UserLayer};
use crate::user::notes::{Note, NoteTarget};
use crate::user::tours::{PreflightProblem, StopContent, Tour, TourStop, TourSummary};

const HEADER: &str = "\
// Generated from atlas-core's Rust types by ts-rs (crates/atlas-core/src/ipc_types.rs). Do not
// edit: change the Rust type and run `UPDATE_IPC_TYPES=1 cargo test -p atlas-core --lib ipc_types`.
// `cargo test` fails while this file and the Rust types differ.

/** A GeoJSON geometry object (RFC 7946), as the geojson crate writes it. */
export type GeoJsonGeometry = { type: string; coordinates: unknown };
";

/// Every declaration, in a fixed order (related types together).
fn declarations() -> String {
    // i64 ids and counts stay far below 2^53: JavaScript numbers, not bigints.
    let cfg = Config::new().with_large_int("number");
    let decls = [
        // The plan
        Category::decl(&cfg),
        CategoryStyle::decl(&cfg),
        LocationBasis::decl(&cfg),
        NameKind::decl(&cfg),
        QuoteKind::decl(&cfg),
        Seed::decl(&cfg),
        ThemeKind::decl(&cfg),
        SectionKind::decl(&cfg),
        ParagraphKind::decl(&cfg),
        ElementSummary::decl(&cfg),
        DistrictRef::decl(&cfg),
        DistrictEntry::decl(&cfg),
        DistrictReport::decl(&cfg),
        Quote::decl(&cfg),
        Theme::decl(&cfg),
        ThemeRef::decl(&cfg),
        PlanCatalog::decl(&cfg),
        ElementDetail::decl(&cfg),
        ElementHit::decl(&cfg),
        ThemeHit::decl(&cfg),
        ParagraphHit::decl(&cfg),
        FeatureHit::decl(&cfg),
        NamedHit::decl(&cfg),
        SearchResults::decl(&cfg),
        SectionHead::decl(&cfg),
        SectionHeader::decl(&cfg),
        ReaderParagraph::decl(&cfg),
        ReaderSection::decl(&cfg),
        // Drawing
        BasemapProps::decl(&cfg),
        BasemapStyle::decl(&cfg),
        DrawStyle::decl(&cfg),
        LabelPlacement::decl(&cfg),
        LabelStyle::decl(&cfg),
        LegendSwatch::decl(&cfg),
        MapStyle::decl(&cfg),
        PlanFeatureProps::decl(&cfg),
        SymbolGroup::decl(&cfg),
        ZoomGroups::decl(&cfg),
        // Tours and exports
        TourSummary::decl(&cfg),
        TourStop::decl(&cfg),
        Tour::decl(&cfg),
        StopContent::decl(&cfg),
        PreflightProblem::decl(&cfg),
        Lang::decl(&cfg),
        PageFormat::decl(&cfg),
        NamedView::decl(&cfg),
        SheetSubject::decl(&cfg),
        SheetJob::decl(&cfg),
        BookKind::decl(&cfg),
        // Raster basemaps
        TileFormat::decl(&cfg),
        SavedBasemap::decl(&cfg),
        // The planner's own work
        NoteTarget::decl(&cfg),
        Note::decl(&cfg),
        FieldKind::decl(&cfg),
        FieldDef::decl(&cfg),
        UserLayer::decl(&cfg),
        FeatureAttributes::decl(&cfg),
        UserFeature::decl(&cfg),
        Datum::decl(&cfg),
        ImportOptions::decl(&cfg),
        // What an import detected, as kinds the UI words (import/detected.rs)
        Crs::decl(&cfg),
        ImportFormat::decl(&cfg),
        WktMatch::decl(&cfg),
        CrsSource::decl(&cfg),
        EncodingBasis::decl(&cfg),
        AxisOrder::decl(&cfg),
        AxisEvidence::decl(&cfg),
        Detection::decl(&cfg),
        ImportNote::decl(&cfg),
        // Why a layer cannot import as it stands (import/problem_kind.rs, crs/refusal.rs)
        CrsMismatch::decl(&cfg),
        CrsRefusal::decl(&cfg),
        CrsNamedIn::decl(&cfg),
        SizedPart::decl(&cfg),
        ReadCause::decl(&cfg),
        CoordinateAxis::decl(&cfg),
        ShpDamage::decl(&cfg),
        DbfDamage::decl(&cfg),
        ColumnsOf::decl(&cfg),
        JsonTrouble::decl(&cfg),
        GeometryStructure::decl(&cfg),
        GeometryProblem::decl(&cfg),
        ProblemKind::decl(&cfg),
        LayerProblem::decl(&cfg),
        LayerPreview::decl(&cfg),
        ImportPreview::decl(&cfg),
        ImportReport::decl(&cfg),
        // The file
        AtlasInfo::decl(&cfg),
        BackupKind::decl(&cfg),
        BackupEntry::decl(&cfg),
    ];
    let mut out = String::from(HEADER);
    for d in decls {
        out.push('\n');
        out.push_str("export ");
        out.push_str(&d);
        out.push('\n');
    }
    out
}

fn checked_in() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/generated.ts")
}

#[test]
fn ipc_types_match_the_checked_in_typescript() {
    let generated = declarations();
    let path = checked_in();
    if std::env::var_os("UPDATE_IPC_TYPES").is_some() {
        std::fs::write(&path, &generated).expect("write ui/src/api/generated.ts");
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    if on_disk != generated {
        let first = on_disk
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| on_disk.lines().count().min(generated.lines().count()));
        panic!(
            "ui/src/api/generated.ts differs from the Rust types (first at line {}):\n  file:      {}\n  generated: {}\n\
             Run `UPDATE_IPC_TYPES=1 cargo test -p atlas-core --lib ipc_types`, then make the UI follow (npx tsc -p ui).",
            first + 1,
            on_disk.lines().nth(first).unwrap_or("<end of file>"),
            generated.lines().nth(first).unwrap_or("<end of file>"),
        );
    }
}
