//! The SQL functions GeoPackage's R-tree triggers call (ST_MinX … ST_IsEmpty). GDAL and QGIS
//! register their own when they open a file; every connection the atlas opens registers these,
//! so inserts and updates keep the spatial index true whoever writes.

use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::Connection;

use super::blob;

fn envelope_value(ctx: &Context<'_>, index: usize) -> rusqlite::Result<Option<f64>> {
    let Some(bytes) = ctx.get_raw(0).as_blob_or_null()? else { return Ok(None) };
    match blob::envelope(bytes) {
        Ok(Some(env)) => Ok(Some(env[index])),
        Ok(None) => Ok(None),
        Err(e) => Err(rusqlite::Error::UserFunctionError(Box::new(e))),
    }
}

/// Registers ST_MinX, ST_MaxX, ST_MinY, ST_MaxY and ST_IsEmpty on `conn`.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    for (name, index) in [("ST_MinX", 0usize), ("ST_MaxX", 1), ("ST_MinY", 2), ("ST_MaxY", 3)] {
        conn.create_scalar_function(name, 1, flags, move |ctx| envelope_value(ctx, index))?;
    }
    conn.create_scalar_function("ST_IsEmpty", 1, flags, |ctx| {
        let Some(bytes) = ctx.get_raw(0).as_blob_or_null()? else { return Ok(None) };
        Ok(Some(matches!(blob::envelope(bytes), Ok(None)) as i64))
    })?;
    Ok(())
}
