//! A `.zip` holding one or more Shapefiles, as they arrive by e-mail: every `.shp` inside (in
//! any folder) with its companions becomes a layer.
//!
//! An archive from elsewhere can be a zip bomb: the import's size limit counts the bytes
//! actually inflated (not the sizes the archive claims), and the number of entries is bounded.
//! Entry names from Chinese Windows tools are GBK without the UTF-8 flag; they are decoded
//! like attribute text (valid UTF-8 stays, anything else is GB18030).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use super::problem_kind::{ProblemKind, SizedPart};
use super::shapefile_file::ShapefileParts;
use super::{typed_limit, typed_problem, ImportLimits};
use crate::error::{AtlasError, Result};

/// More entries than any real delivery of Shapefiles holds.
const MAX_ENTRIES: usize = 10_000;

fn entry_name(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_owned(),
        Err(_) => encoding_rs::GB18030.decode_without_bom_handling(raw).0.into_owned(),
    }
}

/// The Shapefiles in the archive at `path`, read into memory within `limits`.
pub fn shapefiles(path: &Path, limits: &ImportLimits) -> Result<Vec<ShapefileParts>> {
    let size = std::fs::metadata(path).map_err(|source| AtlasError::Read { path: path.into(), source })?.len();
    if size > limits.max_bytes {
        let kind = ProblemKind::SizeLimit { of: SizedPart::Archive, bytes: Some(size), limit: limits.max_bytes };
        return Err(typed_limit(path, None, None, kind));
    }
    let file = std::fs::File::open(path).map_err(|source| AtlasError::Read { path: path.into(), source })?;
    let mut archive = zip::ZipArchive::new(std::io::BufReader::new(file))
        .map_err(|e| typed_problem(path, None, None, ProblemKind::NotZip { detail: e.to_string() }))?;
    if archive.len() > MAX_ENTRIES {
        let kind = ProblemKind::TooManyEntries { entries: archive.len(), limit: MAX_ENTRIES };
        return Err(typed_limit(path, None, None, kind));
    }
    // stem (lower case, with its folder) → extension → bytes
    let mut groups: BTreeMap<String, (String, BTreeMap<String, Vec<u8>>)> = BTreeMap::new();
    let mut budget = limits.max_bytes;
    for i in 0..archive.len() {
        let unreadable = |entry: Option<&str>, e: &dyn std::fmt::Display| {
            let kind = ProblemKind::ZipEntry { entry: entry.map(super::excerpt), index: i, detail: e.to_string() };
            typed_problem(path, None, None, kind)
        };
        let mut entry = archive.by_index(i).map_err(|e| unreadable(None, &e))?;
        let name = entry_name(entry.name_raw());
        // macOS's resource forks (__MACOSX/._parcels.shp) are not Shapefiles.
        if entry.is_dir() || name.contains("__MACOSX") || name.rsplit('/').next().is_some_and(|n| n.starts_with("._")) {
            continue;
        }
        let Some((stem, extension)) = name.rsplit_once('.') else { continue };
        let extension = extension.to_ascii_lowercase();
        if !matches!(extension.as_str(), "shp" | "dbf" | "prj" | "cpg") {
            continue;
        }
        // Read at most one byte past what is left, so a lying header cannot inflate further.
        let mut bytes = Vec::new();
        (&mut entry).take(budget + 1).read_to_end(&mut bytes).map_err(|e| unreadable(Some(&name), &e))?;
        if bytes.len() as u64 > budget {
            let kind = ProblemKind::SizeLimit { of: SizedPart::Unpacked, bytes: None, limit: limits.max_bytes };
            return Err(typed_limit(path, None, None, kind));
        }
        budget -= bytes.len() as u64;
        let display = stem.rsplit('/').next().unwrap_or(stem).to_owned();
        groups.entry(stem.to_lowercase()).or_insert_with(|| (display, BTreeMap::new())).1.insert(extension, bytes);
    }
    let text = |b: Option<Vec<u8>>| b.map(|b| String::from_utf8_lossy(&b).into_owned());
    let parts: Vec<ShapefileParts> = groups
        .into_values()
        .filter_map(|(name, mut files)| {
            let shp = files.remove("shp")?;
            Some(ShapefileParts {
                origin: path.join(format!("{name}.shp")),
                name,
                shp,
                dbf: files.remove("dbf"),
                prj: text(files.remove("prj")),
                cpg: text(files.remove("cpg")),
            })
        })
        .collect();
    if parts.is_empty() {
        return Err(typed_problem(path, None, None, ProblemKind::NoShapefileInZip));
    }
    Ok(parts)
}
