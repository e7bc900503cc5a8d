//! The import report's detections (atlas_core::import::detected) in English words. The core
//! sends kinds with values; the app words them in its UI language (ui/src/panels/importWords.ts).

use atlas_core::crs::{AxisEvidence, AxisOrder, Crs};
use atlas_core::import::detected::{CrsSource, Detection, EncodingBasis, ImportNote, WktMatch};

fn wkt_match(m: &WktMatch) -> String {
    match m {
        WktMatch::EpsgCode { code } => format!("EPSG code {code} in its WKT"),
        WktMatch::Parameters => "matched by datum and parameters".into(),
    }
}

/// How the CRS was found, as a phrase: "from its .prj (EPSG code 4548 in its WKT)".
pub fn crs_source(source: &CrsSource) -> String {
    match source {
        CrsSource::UserChoice => "as you chose".into(),
        CrsSource::Prj { matched } => format!("from its .prj ({})", wkt_match(matched)),
        CrsSource::GpkgEpsgCode => "from gpkg_spatial_ref_sys (EPSG code)".into(),
        CrsSource::GpkgDefinition { matched } => {
            format!("from gpkg_spatial_ref_sys's definition ({})", wkt_match(matched))
        }
        CrsSource::NoPrjDegrees => {
            "no .prj: the coordinates are within ±180°/±90°, so WGS84 longitude/latitude was assumed".into()
        }
        CrsSource::GeoJsonMember { name } => format!("from the file's crs member ({name:?})"),
        CrsSource::WgsByDefinition => "GeoJSON and CSV coordinates are WGS84 longitude/latitude".into(),
    }
}

fn encoding_basis(encoding: &str, basis: &EncodingBasis) -> String {
    match basis {
        EncodingBasis::UserChoice => format!("{encoding}, as you chose"),
        EncodingBasis::Cpg { name } => format!("{encoding}, as its .cpg says ({name:?})"),
        EncodingBasis::LanguageByte { code } => format!("{encoding}, as the .dbf's language byte 0x{code:02X} says"),
        EncodingBasis::ValidUtf8 => format!("{encoding}: no .cpg or language byte, and the text is valid UTF-8"),
        EncodingBasis::FallbackGb18030 => format!("{encoding}: no .cpg or language byte, and the text is not UTF-8, so it was read as GB18030 (Chinese); check the samples, and choose another encoding if they look wrong"),
        EncodingBasis::AsciiOnly => format!("{encoding}: the text is plain ASCII"),
    }
}

fn axis(crs: Crs, order: AxisOrder, epsg_northing_first: bool, evidence: &AxisEvidence) -> String {
    let why = match *evidence {
        AxisEvidence::LatitudeFirst { x, y } => {
            format!("the first number, {x:.4}, is a latitude: the second, {y:.4}, cannot be one")
        }
        AxisEvidence::LongitudeFirst { x, y } => format!("longitude {x:.4}, latitude {y:.4}"),
        AxisEvidence::WebMercator => "Web Mercator is always x, y".into(),
        AxisEvidence::EastingFirst { x, y } => format!("{x:.0} is an easting of this zone, {y:.0} a northing"),
        AxisEvidence::EastingSecond { x, y } => {
            format!("the first number, {x:.0}, is not an easting of this zone; the second, {y:.0}, is")
        }
        AxisEvidence::NoEasting { x, y } => {
            format!("neither {x:.0} nor {y:.0} looks like an easting of this zone: is the CRS right?")
        }
    };
    let epsg = crs.epsg;
    match order {
        AxisOrder::NorthingFirst => format!("EPSG:{epsg}: coordinates read northing first, as EPSG defines it ({why})"),
        AxisOrder::EastingFirst if epsg_northing_first => format!("EPSG:{epsg}: coordinates read easting first, as GIS files store them, though EPSG defines northing first ({why})"),
        AxisOrder::EastingFirst => format!("EPSG:{epsg}: coordinates read easting first ({why})"),
    }
}

/// One detection in English, without the layer's name.
pub fn detection(d: &Detection) -> String {
    match d {
        Detection::Crs { crs, source } => format!("{}, {}", crs.label(), crs_source(source)),
        Detection::Encoding { encoding, basis } => format!("attributes {}", encoding_basis(encoding, basis)),
        Detection::AxisOrder { crs, order, epsg_northing_first, evidence } => {
            axis(*crs, *order, *epsg_northing_first, evidence)
        }
        Detection::Cgcs2000AsWgs84 { crs } => format!("EPSG:{}: {}", crs.epsg, atlas_core::crs::CGCS2000_AS_WGS84),
        Detection::NoDbf => "no .dbf beside the .shp, so the features come without attributes".into(),
        Detection::MemoFieldsEmpty => "memo fields (kept in a .dbt) come in empty".into(),
        Detection::ValuesDropped { z, .. } => {
            format!("its {} values were dropped (the atlas is 2D)", if *z { "Z and M" } else { "M" })
        }
        Detection::DeletedRecordsLeftOut { count } => {
            format!("{count} records marked deleted in the .dbf were left out")
        }
    }
}

/// "parcels: EPSG:4548 (CGCS2000 / 3-degree Gauss-Kruger CM 117E), from its .prj (…)"
pub fn note(n: &ImportNote) -> String {
    format!("{}: {}", n.layer, detection(&n.detection))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detections_read_as_english_sentences() {
        let gk = Crs::from_epsg(4548).unwrap();
        let crs = ImportNote::new(
            "parcels",
            Detection::Crs { crs: gk, source: CrsSource::Prj { matched: WktMatch::Parameters } },
        );
        assert_eq!(note(&crs), "parcels: EPSG:4548 (CGCS2000 / 3-degree Gauss-Kruger CM 117E), from its .prj (matched by datum and parameters)");
        let gbk = Detection::Encoding { encoding: "GB18030".into(), basis: EncodingBasis::Cpg { name: "936".into() } };
        assert_eq!(detection(&gbk), "attributes GB18030, as its .cpg says (\"936\")");
        let axis = Detection::AxisOrder {
            crs: gk,
            order: AxisOrder::EastingFirst,
            epsg_northing_first: true,
            evidence: AxisEvidence::EastingFirst { x: 517000.0, y: 4330000.0 },
        };
        assert!(detection(&axis).contains(
            "easting first, as GIS files store them, though EPSG defines northing first (517000 is an easting"
        ));
    }
}
