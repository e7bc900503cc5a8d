//! A feature's way from a reader into its layer's table, in two halves:
//!
//! - [`prepare`]: the limits checked, coordinates reprojected and converted from GCJ-02/BD-09,
//!   the geometry validated (and repaired) and encoded as a GeoPackage blob, the editable
//!   attributes picked out. Pure work on the feature: it needs no database.
//! - [`LayerWriter::store`]: the row written, the extent widened, the report and the
//!   progress bar told.
//!
//! [`LayerWriter::push_from_thread`] runs a reader and the first half on a second thread
//! while this one stores: on the 2-core machine the parse and the SQLite inserts overlap. The
//! features travel in chunks through a bounded channel, so at most a few thousand are in
//! flight whatever the file's size; an error on either side stops both, and the import's
//! transaction is rolled back as always.

use std::path::Path;
use std::sync::mpsc;

use geo::MapCoords;
use serde_json::{Map, Value};

use super::detected::Detection;
use super::validate::Repair;
use super::{attributes_from, check_limits, problem, ImportLimits, ImportReport, IncomingFeature, LayerWriter};
use crate::error::{AtlasError, Result};
use crate::gcj02::Datum;
use crate::user::features::{geometry_blob, FeatureAttributes};

/// A feature ready to be written.
pub(crate) struct PreparedFeature {
    /// Its index in the file.
    i: usize,
    blob: Vec<u8>,
    attrs: FeatureAttributes,
    properties: Map<String, Value>,
    repairs: Vec<Repair>,
    /// What the CRS's first use found out (axis order, the CGCS2000 assumption).
    notes: Vec<Detection>,
    bounds: Option<geo::Rect>,
}

/// The first half: feature `i` checked, brought to WGS84, validated and encoded.
pub(crate) fn prepare(
    path: &Path,
    datum: Datum,
    limits: &ImportLimits,
    source_crs: &mut Option<crate::crs::IncomingCrs>,
    i: usize,
    f: IncomingFeature,
) -> Result<PreparedFeature> {
    check_limits(path, i, &f, limits)?;
    let (geometry, notes) = match source_crs {
        None => (f.geometry, Vec::new()),
        Some(crs) => crs.apply(f.geometry).map_err(|e| problem(path, Some(i), Some("geometry"), e))?,
    };
    let geometry = if datum == Datum::Wgs84 {
        geometry
    } else {
        geometry.map_coords(|c| {
            let (x, y) = datum.to_wgs84(c.x, c.y);
            geo::coord! { x: x, y: y }
        })
    };
    let (blob, repairs) = geometry_blob(&geometry)
        .map_err(|e| problem(path, Some(i), Some("geometry"), e.to_string().trim_start_matches("geometry: ")))?;
    let mut all_repairs = f.repairs;
    all_repairs.extend(repairs);
    Ok(PreparedFeature {
        i,
        blob,
        attrs: attributes_from(&f.properties),
        properties: f.properties,
        repairs: all_repairs,
        notes,
        bounds: geo::BoundingRect::bounding_rect(&geometry),
    })
}

/// Features per message between the threads, and messages in flight.
const CHUNK: usize = 512;
const CHUNKS_IN_FLIGHT: usize = 4;

impl LayerWriter<'_> {
    /// The second half: the prepared feature written and counted.
    pub(crate) fn store(&mut self, p: PreparedFeature, report: &mut ImportReport) -> Result<()> {
        for n in p.notes {
            self.note(n, report);
        }
        for r in &p.repairs {
            report.repaired.push((p.i, r.describe().to_owned()));
        }
        if let Some(r) = p.bounds {
            self.extent = Some(self.extent.map_or(r, |e| crate::user::extents::union(e, r)));
        }
        self.table.insert(p.i, p.blob, p.attrs, p.properties)?;
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
        let (path, datum, limits) = (self.path, self.datum, self.limits);
        let mut source_crs = self.source_crs.take();
        let (send, receive) = mpsc::sync_channel::<Vec<PreparedFeature>>(CHUNKS_IN_FLIGHT);
        let outcome = std::thread::scope(|scope| {
            let source_crs = &mut source_crs;
            let reader = scope.spawn(move || {
                let mut chunk = Vec::with_capacity(CHUNK);
                let read = read(&mut |i, f| {
                    chunk.push(prepare(path, datum, &limits, source_crs, i, f)?);
                    if chunk.len() == CHUNK {
                        let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                        // The writer has stopped (and will report why).
                        send.send(full).map_err(|_| AtlasError::cancelled("the import"))?;
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
            }
            drop(receive);
            let read = reader.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            stored.and(read)
        });
        self.source_crs = source_crs;
        outcome
    }
}
