//! A feature's way from a reader into its layer's table, in two halves:
//!
//! - [`prepare`]: the limits checked, coordinates reprojected and converted from GCJ-02/BD-09,
//!   the editable attributes picked out, the properties numbered by field. Work on the
//!   feature alone: it needs no database.
//! - [`LayerWriter::store`]: the geometry validated (and repaired) and encoded as a
//!   GeoPackage blob with its envelope and type, the row written, the extent widened, the
//!   report and the progress bar told.
//!
//! [`LayerWriter::push_from_thread`] runs a reader and the first half on a second thread
//! while this one stores: on the 2-core machine the parse and the SQLite inserts overlap. The
//! features travel in chunks through a bounded channel, so at most a few thousand are in
//! flight whatever the file's size; an error on either side stops both, and the import's
//! transaction is rolled back as always. Written rows travel back to the reading thread to be
//! freed there: memory freed by the thread that allocated it is a local free, where the
//! storing thread's frees cost it 9% of its time (measured with perf on the 100k-cell grid).
//!
//! Where the line between the halves runs is a matter of balance: the reading thread sets the
//! pace (serde_json's parse is most of it), and since imports alone on the file write through
//! the rollback journal the storing thread waited for it 25–50% of the time (perf, per thread).
//! Validation and encoding, 12% of the reading thread, moved to the storing one.

use std::path::Path;
use std::sync::mpsc;

use geo::MapCoords;

use super::detected::Detection;
use super::field_numbers::FieldNumbers;
use super::problem_kind::ProblemKind;
use super::table_writer::{NewRow, WrittenRows};
use super::validate::Repair;
use super::{attributes_from, check_limits, typed_problem, ImportLimits, ImportReport, IncomingFeature, LayerWriter};
use crate::error::{AtlasError, Result};
use crate::gcj02::Datum;
use crate::user::features::geometry_blob;

/// A feature ready to be written.
pub(crate) struct PreparedFeature {
    i: usize,
    /// In WGS84, to be validated and encoded where it is stored.
    geometry: geo::Geometry<f64>,
    attrs: crate::user::features::FeatureAttributes,
    /// The property values by field number.
    values: Vec<(usize, serde_json::Value)>,
    /// (number, name) of the fields this feature is the first to have.
    new_fields: Vec<(usize, String)>,
    repairs: Vec<Repair>,
    /// What the CRS's first use found out (axis order, the CGCS2000 assumption).
    notes: Vec<Detection>,
}

/// What [`prepare`] works with besides the feature: the same for every feature of a layer.
pub(crate) struct Preparing<'a> {
    pub path: &'a Path,
    pub datum: Datum,
    pub limits: ImportLimits,
    pub source_crs: Option<crate::crs::IncomingCrs>,
    pub field_numbers: FieldNumbers,
}

/// The first half: feature `i` checked and brought to WGS84.
pub(crate) fn prepare(cx: &mut Preparing, i: usize, f: IncomingFeature) -> Result<PreparedFeature> {
    let (path, datum, limits, source_crs) = (cx.path, cx.datum, &cx.limits, &mut cx.source_crs);
    check_limits(path, i, &f, limits)?;
    let (geometry, notes) = match source_crs {
        None => (f.geometry, Vec::new()),
        Some(crs) => crs.apply(f.geometry).map_err(|e| typed_problem(path, Some(i), Some("geometry"), e.into()))?,
    };
    let geometry = if datum == Datum::Wgs84 {
        geometry
    } else {
        geometry.map_coords(|c| {
            let (x, y) = datum.to_wgs84(c.x, c.y);
            geo::coord! { x: x, y: y }
        })
    };
    let attrs = attributes_from(&f.properties);
    let numbered = cx.field_numbers.values_of(f.properties);
    Ok(PreparedFeature {
        i,
        geometry,
        attrs,
        values: numbered.values,
        new_fields: numbered.new_fields,
        repairs: f.repairs,
        notes,
    })
}

/// A feature's geometry validated (and repaired) and encoded: the row to write, and the repairs.
fn encode(path: &Path, p: PreparedFeature) -> Result<(NewRow, Vec<Repair>)> {
    let i = p.i;
    let (blob, repairs) = geometry_blob(&p.geometry).map_err(|e| match e {
        AtlasError::Geometry(problem) => {
            typed_problem(path, Some(i), Some("geometry"), ProblemKind::InvalidGeometry { problem })
        }
        other => other,
    })?;
    let envelope = crate::gpkg::blob::envelope(&blob).map_err(|e| {
        typed_problem(path, Some(i), Some("geometry"), ProblemKind::NotStored { detail: e.to_string() })
    })?;
    let mut all_repairs = p.repairs;
    all_repairs.extend(repairs);
    let row = NewRow {
        i,
        geometry_type: crate::gpkg::blob::type_name(&blob),
        blob,
        envelope,
        attrs: p.attrs,
        values: p.values,
        source: p.geometry,
    };
    Ok((row, all_repairs))
}

/// Features per message between the threads, and messages in flight.
const CHUNK: usize = 512;
const CHUNKS_IN_FLIGHT: usize = 4;

impl LayerWriter<'_> {
    /// The second half: the prepared feature written and counted.
    pub(crate) fn store(&mut self, mut p: PreparedFeature, report: &mut ImportReport) -> Result<()> {
        for n in std::mem::take(&mut p.notes) {
            self.note(n, report);
        }
        let new_fields = std::mem::take(&mut p.new_fields);
        let (row, repairs) = encode(self.path, p)?;
        for r in &repairs {
            report.repaired.push((row.i, r.describe().to_owned()));
        }
        if let Some([min_x, max_x, min_y, max_y]) = row.envelope {
            let r = geo::Rect::new(geo::coord! { x: min_x, y: min_y }, geo::coord! { x: max_x, y: max_y });
            self.extent = Some(self.extent.map_or(r, |e| crate::user::extents::union(e, r)));
        }
        if !new_fields.is_empty() {
            self.table.add_fields(&new_fields, &row.values)?;
        }
        self.table.insert(row)?;
        self.count += 1;
        if self.count % super::PROGRESS_EVERY == 0 {
            self.check_cancel()?;
        }
        Ok(())
    }

    /// Runs `read` (which hands each feature of the file to the function it is given) on a
    /// second thread, preparing each feature there, and stores them here as they arrive. The
    /// result is the same as pushing each feature in turn: the same rows, repairs, notes and
    /// errors, the first error in the file's order winning.
    pub(crate) fn push_from_thread<R>(&mut self, report: &mut ImportReport, read: R) -> Result<()>
    where
        R: FnOnce(&mut dyn FnMut(usize, IncomingFeature) -> Result<()>) -> Result<()> + Send,
    {
        let mut preparing = self.preparing.take().expect("a layer writer always has its preparing state");
        let (send, receive) = mpsc::sync_channel::<Vec<PreparedFeature>>(CHUNKS_IN_FLIGHT);
        let (give_back, given_back) = mpsc::channel::<WrittenRows>();
        let outcome = std::thread::scope(|scope| {
            let preparing = &mut preparing;
            let reader = scope.spawn(move || {
                let mut chunk = Vec::with_capacity(CHUNK);
                let read = read(&mut |i, f| {
                    chunk.push(prepare(preparing, i, f)?);
                    if chunk.len() == CHUNK {
                        let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                        // The writer has stopped (and will report why).
                        send.send(full).map_err(|_| AtlasError::cancelled("the import"))?;
                        given_back.try_iter().for_each(drop);
                    }
                    Ok(())
                });
                if read.is_ok() && !chunk.is_empty() {
                    let _ = send.send(chunk);
                }
                read
            });
            let mut stored = Ok(());
            'chunks: for chunk in receive.iter() {
                for p in chunk {
                    stored = self.store(p, report);
                    if stored.is_err() {
                        break 'chunks;
                    }
                }
                // The reader may be gone (finished, or stopped by an error): then they are
                // dropped here.
                let _ = give_back.send(self.table.take_written());
            }
            drop(receive);
            let read = reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            stored.and(read)
        });
        self.preparing = Some(preparing);
        outcome
    }
}
