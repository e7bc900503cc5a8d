//! GeoJSON's legacy `crs` member (the 2008 specification, dropped by RFC 7946 but still written
//! by GDAL with `-lco RFC7946=NO`, by QGIS and by this atlas's own `--crs` exports):
//! `"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4548"}}` (or
//! `"EPSG:4548"`, or the older `{"type": "EPSG", "properties": {"code": 4548}}`).
//!
//! The importer streams the features as it parses them, so the CRS must be known before the
//! first feature. The member is looked for where writers put it, without parsing the file:
//! among the top-level members before `"features"` (GDAL, QGIS), else among those after the
//! features array at the end of the file (the geojson crate, so our own exports). After the
//! read, [`check_member`] makes sure the member the parser saw is the one found here; one that
//! was missed fails the import instead of leaving the layer silently in the wrong place.

use std::path::Path;

use serde_json::Value;

use super::detected::{CrsSource, Detection};
use super::problem_kind::{CrsNamedIn, ProblemKind};
use super::{typed_problem, ImportOptions, ImportReport, LayerWriter};
use crate::crs::Crs;
use crate::error::Result;

/// How far from the end of the file a trailing `crs` member is looked for.
const TAIL: usize = 64 * 1024;

/// A CRS other than WGS84 that a file's `crs` member declares, and the name it gives.
#[derive(Debug, Clone, PartialEq)]
pub struct DeclaredCrs {
    pub crs: Crs,
    pub name: String,
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && bytes[at].is_ascii_whitespace() {
        at += 1;
    }
    at
}

/// One JSON value starting at `at` (after spaces), and where it ends.
fn value_at<T: serde::de::DeserializeOwned>(bytes: &[u8], at: usize) -> Option<(T, usize)> {
    let at = skip_space(bytes, at);
    let mut values = serde_json::Deserializer::from_slice(bytes.get(at..)?).into_iter::<T>();
    let value = values.next()?.ok()?;
    Some((value, at + values.byte_offset()))
}

/// `"key": value` at `at`, and where it ends.
fn member_at(bytes: &[u8], at: usize) -> Option<(String, Value, usize)> {
    let (key, at) = value_at::<String>(bytes, at)?;
    let at = skip_space(bytes, at);
    (bytes.get(at) == Some(&b':')).then_some(())?;
    let (value, at) = value_at::<Value>(bytes, at + 1)?;
    Some((key, value, at))
}

/// The `crs` member among the top-level members before `"features"`.
fn before_features(bytes: &[u8]) -> Option<Value> {
    let start = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let mut at = skip_space(bytes, start);
    (bytes.get(at) == Some(&b'{')).then_some(())?;
    at += 1;
    loop {
        at = skip_space(bytes, at);
        if bytes.get(at) != Some(&b'"') {
            return None;
        }
        let (key, _) = value_at::<String>(bytes, at)?;
        if key == "features" {
            return None;
        }
        let (key, value, end) = member_at(bytes, at)?;
        if key == "crs" {
            return Some(value);
        }
        at = skip_space(bytes, end);
        (bytes.get(at) == Some(&b',')).then_some(())?;
        at += 1;
    }
}

/// True when from `at` on there are only `, "key": value` members and the object's closing
/// brace, then the end of the file: i.e. `at` is inside the top-level object, not in a feature.
fn only_top_level_members_follow(bytes: &[u8], mut at: usize) -> bool {
    loop {
        at = skip_space(bytes, at);
        match bytes.get(at) {
            Some(b'}') => return skip_space(bytes, at + 1) == bytes.len(),
            Some(b',') => match member_at(bytes, at + 1) {
                Some((_, _, end)) => at = end,
                None => return false,
            },
            _ => return false,
        }
    }
}

/// The `crs` member among the top-level members after the features array, at the file's end.
fn after_features(bytes: &[u8]) -> Option<Value> {
    const NEEDLE: &[u8] = b"\"crs\"";
    let from = bytes.len().saturating_sub(TAIL);
    let tail = &bytes[from..];
    let mut end = tail.len();
    while let Some(i) = tail[..end].windows(NEEDLE.len()).rposition(|w| w == NEEDLE) {
        end = i;
        let at = from + i;
        // A top-level member follows the features array's `],` (or another member's value).
        let before = bytes[..at].iter().rev().find(|b| !b.is_ascii_whitespace());
        if before != Some(&b',') {
            continue;
        }
        if let Some((key, value, after)) = member_at(bytes, at) {
            if key == "crs" && only_top_level_members_follow(bytes, after) {
                return Some(value);
            }
        }
    }
    None
}

/// The `crs` member where writers put it: before the features, else at the end.
fn find_member(bytes: &[u8]) -> Option<Value> {
    before_features(bytes).or_else(|| after_features(bytes))
}

/// What a `crs` member names: None for WGS84, the CRS for a supported one, an error saying
/// what to do for anything else (Beijing 1954, an unknown system, a member it cannot read).
fn parse_member(path: &Path, member: &Value) -> Result<Option<DeclaredCrs>> {
    let name = match member.pointer("/properties/name").and_then(Value::as_str) {
        Some(name) => name.to_owned(),
        None => match member.pointer("/properties/code").and_then(Value::as_u64) {
            Some(code) if member.get("type").and_then(Value::as_str) == Some("EPSG") => format!("EPSG:{code}"),
            _ => {
                let kind = ProblemKind::CrsMemberUnreadable { member: super::excerpt(&member.to_string()) };
                return Err(typed_problem(path, None, Some("crs"), kind));
            }
        },
    };
    let crs = Crs::parse(&name).map_err(|_| typed_problem(path, None, Some("crs"), refused_name(&name)))?;
    Ok((crs != Crs::WGS84).then_some(DeclaredCrs { crs, name }))
}

/// Why a name `Crs::parse` refused is refused: an EPSG code the atlas does not support (or
/// a Beijing 1954 one), or no CRS name at all.
fn refused_name(name: &str) -> ProblemKind {
    let code = name.rsplit([':', '/']).next().unwrap_or("").to_ascii_lowercase();
    match code.trim_start_matches("epsg").parse::<u32>().map(Crs::try_epsg) {
        Ok(Err(refusal)) => ProblemKind::Crs { named_in: CrsNamedIn::GeojsonMember, refusal },
        _ => ProblemKind::CrsName { name: super::excerpt(name) },
    }
}

/// The CRS a GeoJSON file's `crs` member declares, if it is not WGS84.
pub fn declared(path: &Path, bytes: &[u8]) -> Result<Option<DeclaredCrs>> {
    find_member(bytes).map_or(Ok(None), |m| parse_member(path, &m))
}

/// Before the features are read: the file's declared CRS becomes the layer's, unless the user
/// named one (which wins, as it does over a `.prj`).
pub(crate) fn apply_declared(
    path: &Path,
    bytes: &[u8],
    options: &ImportOptions,
    writer: &mut LayerWriter<'_>,
    report: &mut ImportReport,
) -> Result<()> {
    if options.source_epsg.is_some() {
        return Ok(());
    }
    if let Some(d) = declared(path, bytes)? {
        writer.note(Detection::Crs { crs: d.crs, source: CrsSource::GeoJsonMember { name: d.name } }, report);
        writer.set_source_crs(d.crs);
    }
    Ok(())
}

/// After the read: the `crs` member the parser saw (`member`) must be the one found before
/// the read, or WGS84; otherwise the features went in unprojected, and the import fails.
pub(crate) fn check_member(path: &Path, bytes: &[u8], member: Option<&Value>) -> Result<()> {
    let Some(member) = member else { return Ok(()) };
    if find_member(bytes).as_ref() == Some(member) {
        return Ok(());
    }
    match parse_member(path, member)? {
        None => Ok(()),
        Some(d) => Err(typed_problem(path, None, Some("crs"), ProblemKind::CrsMemberLate { name: d.name })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEMBER: &str = r#"{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::4548"}}"#;
    const FEATURE: &str = r#"{"type":"Feature","properties":{"crs":{"type":"name","properties":{"name":"EPSG:4527"}}},"geometry":{"type":"Point","coordinates":[517000,4330000]}}"#;

    fn found(text: &str) -> Option<u32> {
        declared(Path::new("x.geojson"), text.as_bytes()).unwrap().map(|d| d.crs.epsg)
    }

    #[test]
    fn the_member_is_found_before_or_after_the_features_but_not_inside_one() {
        // As GDAL writes it: before the features.
        assert_eq!(
            found(&format!(r#"{{"type":"FeatureCollection","name":"x","crs":{MEMBER},"features":[{FEATURE}]}}"#)),
            Some(4548)
        );
        // As the geojson crate writes it: after them, maybe followed by other members.
        assert_eq!(
            found(&format!(r#"{{"type":"FeatureCollection","features":[{FEATURE}],"crs":{MEMBER}}}"#)),
            Some(4548)
        );
        assert_eq!(
            found(&format!("{{\"features\":[{FEATURE}] ,\n \"crs\" : {MEMBER}, \"bbox\":[1,2,3,4] }}\n")),
            Some(4548)
        );
        // A feature's property called "crs" is not the file's.
        assert_eq!(found(&format!(r#"{{"type":"FeatureCollection","features":[{FEATURE}]}}"#)), None);
        // The short and the 2008 EPSG forms; WGS84 is no reprojection.
        assert_eq!(found(r#"{"crs":{"type":"name","properties":{"name":"EPSG:4527"}},"features":[]}"#), Some(4527));
        assert_eq!(found(r#"{"crs":{"type":"EPSG","properties":{"code":4490}},"features":[]}"#), Some(4490));
        assert_eq!(
            found(r#"{"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[]}"#),
            None
        );
        // Beijing 1954 is refused with the reason.
        let e = declared(Path::new("x"), br#"{"crs":{"type":"name","properties":{"name":"EPSG:2436"}},"features":[]}"#);
        assert!(e.unwrap_err().to_string().contains("Beijing 1954"));
    }

    #[test]
    fn a_member_the_scan_missed_fails_the_import() {
        // A trailing member followed by more than the scanned tail.
        let padding = "x".repeat(TAIL);
        let text = format!(r#"{{"features":[],"crs":{MEMBER},"padding":"{padding}"}}"#);
        assert_eq!(found(&text), None);
        let member: Value = serde_json::from_str(MEMBER).unwrap();
        let e = check_member(Path::new("x"), text.as_bytes(), Some(&member)).unwrap_err().to_string();
        assert!(e.contains("stands after the features"), "{e}");
        // Found, or WGS84: fine.
        let text = format!(r#"{{"features":[],"crs":{MEMBER}}}"#);
        assert!(check_member(Path::new("x"), text.as_bytes(), Some(&member)).is_ok());
        let wgs: Value = serde_json::from_str(r#"{"type":"name","properties":{"name":"EPSG:4326"}}"#).unwrap();
        assert!(check_member(Path::new("x"), b"{}", Some(&wgs)).is_ok());
    }
}
