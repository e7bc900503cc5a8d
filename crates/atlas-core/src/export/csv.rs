//! Plan elements as CSV: one row per element, its attributes and a label point, UTF-8 with a
//! byte-order mark so spreadsheet programs read the Chinese correctly.

use std::path::Path;

use crate::error::{AtlasError, Result};
use crate::store::Atlas;

pub const ZONE_COLUMNS: [&str; 15] = [
    "id",
    "name_zh",
    "name_en",
    "category",
    "location_basis",
    "districts",
    "lon",
    "lat",
    "host",
    "themes",
    "location_source",
    "location_source_zh",
    "note",
    "note_zh",
    "quote",
];

impl Atlas {
    pub fn export_zones_csv(&self, path: &Path) -> Result<usize> {
        let mut rows: Vec<Vec<String>> = Vec::new();
        for e in &self.elements {
            let d = self.element_detail(&e.id)?;
            rows.push(vec![
                e.id.clone(),
                e.name_zh.clone(),
                e.name_en.clone(),
                e.category.clone(),
                e.location_basis.as_str().to_owned(),
                e.districts.join(";"),
                format!("{:.6}", e.label[0]),
                format!("{:.6}", e.label[1]),
                d.host.map(|h| h.id).unwrap_or_default(),
                d.themes.iter().map(|t| t.id.as_str()).collect::<Vec<_>>().join(";"),
                d.location_source,
                d.location_source_zh.unwrap_or_default(),
                d.note.unwrap_or_default(),
                d.note_zh.unwrap_or_default(),
                d.quotes.first().map(|q| q.text.clone()).unwrap_or_default(),
            ]);
        }
        let n = rows.len();
        super::write_atomically(path, |out| {
            out.write_all(b"\xEF\xBB\xBF")?;
            let mut w = csv::Writer::from_writer(out);
            w.write_record(ZONE_COLUMNS).map_err(std::io::Error::other)?;
            for r in &rows {
                w.write_record(r).map_err(std::io::Error::other)?;
            }
            w.flush()
        })
        .map_err(|e| match e {
            AtlasError::Write { .. } => e,
            other => other,
        })?;
        Ok(n)
    }
}
