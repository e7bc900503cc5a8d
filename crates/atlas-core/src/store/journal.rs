//! The journal an atlas is written with: WAL, and for a big write (an import) SQLite's rollback
//! journal when the connection has the file to itself.
//!
//! An atlas is opened in WAL mode so that the app's map keeps reading while something writes.
//! WAL writes every page twice: into the `-wal` file, then, at the checkpoint that ends the
//! process (or passes 1000 pages), into the database, with an fsync of each. For a transaction
//! that adds tens of MB of new pages that is most of its cost after the rows (SQLite: "WAL does
//! not work well for very large transactions"): the rollback journal writes the new pages once
//! and journals only the few old pages it changes. Measured on the 27.6 MB grid (12 alternating
//! whole-process runs, 7985294): median 0.29 → 0.24 s; one fsync of 25 ms instead of two of 26
//! and 21 ms (`strace -T`).
//!
//! SQLite leaves WAL only for a connection alone on the file: with any other connection open
//! (the app's map, a second program) the switch fails at once, and the write stays in WAL
//! where the others can keep reading. While a write runs in rollback mode, another program that
//! opens the file waits for it to end ([`set_wal`]), as readers of a GeoPackage written by GDAL
//! (which never uses WAL) wait for its writes.

use std::time::{Duration, Instant};

use rusqlite::{Connection, ErrorCode};

use crate::error::{AtlasError, Result};

/// How long an open waits for another program's write in rollback mode (an import of the
/// largest file accepted, 512 MB, takes about 20 s).
const WAIT_FOR_WRITER: Duration = Duration::from_secs(60);

/// Puts an atlas opened for writing in WAL mode. SQLite cannot change the mode while another
/// connection writes in rollback mode, and says so at once (no busy handler runs): then this
/// waits for that write to end.
pub(crate) fn set_wal(conn: &Connection) -> Result<()> {
    let started = Instant::now();
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(e) if e.sqlite_error_code() == Some(ErrorCode::DatabaseBusy) => {
                if started.elapsed() > WAIT_FOR_WRITER {
                    return Err(AtlasError::Busy(format!(
                        "another program has been writing this atlas for over {} s (an `atlas import`?): \
                         open it again when that has finished",
                        WAIT_FOR_WRITER.as_secs()
                    )));
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            other => return Ok(other?),
        }
    }
}

/// While alive, the connection writes with the rollback journal if it could switch to it;
/// dropped, it switches back to WAL. Create it before the transaction and drop it after.
pub(crate) struct BulkJournal<'c> {
    conn: &'c Connection,
    switched: bool,
}

impl<'c> BulkJournal<'c> {
    /// Switches `conn` to the rollback journal if nothing else has the file open; otherwise
    /// (or for a file that cannot leave WAL) leaves it as it is.
    pub(crate) fn if_alone(conn: &'c Connection) -> BulkJournal<'c> {
        let switched = conn
            .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))
            .is_ok_and(|mode| mode.eq_ignore_ascii_case("delete"));
        BulkJournal { conn, switched }
    }
}

impl Drop for BulkJournal<'_> {
    fn drop(&mut self) {
        if self.switched {
            // The write is committed or rolled back by now. Should another program have opened
            // the file meanwhile, the switch back fails and the file stays in rollback mode
            // until the next open, which sets WAL again.
            let _ = self.conn.pragma_update(None, "journal_mode", "WAL");
        }
    }
}
