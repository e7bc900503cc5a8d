//! Notes on plan elements, districts, plan paragraphs and own features. Plain text (the UI
//! renders a small, safe subset of formatting itself); timestamped; searchable.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::error::{AtlasError, Result};
use crate::sql_rows;
use crate::store::Atlas;
use crate::user::tours::now;

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum NoteTarget {
    Element,
    District,
    /// A plan paragraph, as "section_id:ord".
    Paragraph,
    Feature,
}

impl NoteTarget {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteTarget::Element => "element",
            NoteTarget::District => "district",
            NoteTarget::Paragraph => "paragraph",
            NoteTarget::Feature => "feature",
        }
    }
}

/// A note as stored (and as the UI hands one back to restore it after a delete).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Note {
    pub id: i64,
    pub target_kind: NoteTarget,
    pub target_id: String,
    pub text: String,
    pub created_at: String,
    pub updated_at: String,
}

/// Notes longer than this are refused: a note is not a document store.
pub const MAX_NOTE_CHARS: usize = 20_000;

/// The columns a [`Note`] is read from, by name.
const COLUMNS: &str = "fid AS id, target_kind, target_id, text, created_at, updated_at";

impl Atlas {
    fn check_note_target(&self, kind: NoteTarget, id: &str) -> Result<()> {
        let known = match kind {
            NoteTarget::Element => self.element(id).is_some(),
            NoteTarget::District => self.districts().iter().any(|d| d.adcode == id),
            NoteTarget::Paragraph => {
                let (section, ord) = id.split_once(':').unwrap_or((id, ""));
                self.conn.query_row(
                    "SELECT count(*) FROM plan_paragraphs WHERE section_id = ?1 AND ord = ?2",
                    params![section, ord.parse::<i64>().unwrap_or(-1)],
                    |r| r.get::<_, i64>(0),
                )? > 0
            }
            NoteTarget::Feature => id.parse::<i64>().is_ok_and(|id| self.user_feature(id).is_ok()),
        };
        if known {
            Ok(())
        } else {
            Err(AtlasError::Invalid(format!("there is no {} {id:?} to attach a note to", kind.as_str())))
        }
    }

    fn check_note_text(text: &str) -> Result<()> {
        if text.trim().is_empty() {
            return Err(AtlasError::Invalid("a note needs some text".into()));
        }
        if text.chars().count() > MAX_NOTE_CHARS {
            return Err(AtlasError::Invalid(format!("a note holds at most {MAX_NOTE_CHARS} characters; split it")));
        }
        Ok(())
    }

    pub fn add_note(&self, kind: NoteTarget, target_id: &str, text: &str) -> Result<Note> {
        self.check_note_target(kind, target_id)?;
        Self::check_note_text(text)?;
        let tx = self.conn.unchecked_transaction()?;
        let stamp = now();
        tx.execute(
            "INSERT INTO user_notes (target_kind, target_id, text, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![kind.as_str(), target_id, text, stamp],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.note(id)
    }

    pub fn note(&self, id: i64) -> Result<Note> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM user_notes WHERE fid = ?1"))?;
        sql_rows::first(&mut stmt, [id])?.ok_or_else(|| AtlasError::Invalid(format!("no note {id}")))
    }

    pub fn update_note(&self, id: i64, text: &str) -> Result<Note> {
        Self::check_note_text(text)?;
        let tx = self.conn.unchecked_transaction()?;
        if tx.execute("UPDATE user_notes SET text = ?2, updated_at = ?3 WHERE fid = ?1", params![id, text, now()])? == 0
        {
            return Err(AtlasError::Invalid(format!("no note {id}")));
        }
        tx.commit()?;
        self.note(id)
    }

    pub fn delete_note(&self, id: i64) -> Result<Note> {
        let note = self.note(id)?;
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("DELETE FROM user_notes WHERE fid = ?1", [id])?;
        tx.commit()?;
        Ok(note)
    }

    /// Puts back a deleted note with its id and timestamps (undo).
    pub fn restore_note(&self, note: &Note) -> Result<Note> {
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "INSERT INTO user_notes (fid, target_kind, target_id, text, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![note.id, note.target_kind.as_str(), note.target_id, note.text, note.created_at, note.updated_at],
        )?;
        tx.commit()?;
        self.note(note.id)
    }

    /// Notes on one target, oldest first.
    pub fn notes_for(&self, kind: NoteTarget, target_id: &str) -> Result<Vec<Note>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM user_notes WHERE target_kind = ?1 AND target_id = ?2 ORDER BY fid"
        ))?;
        sql_rows::all(&mut stmt, params![kind.as_str(), target_id])
    }

    /// Every note, newest first; with `query`, only notes containing it.
    pub fn notes(&self, query: Option<&str>) -> Result<Vec<Note>> {
        let pattern =
            format!("%{}%", query.unwrap_or("").replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM user_notes WHERE text LIKE ?1 ESCAPE '\\' ORDER BY updated_at DESC, fid DESC"
        ))?;
        sql_rows::all(&mut stmt, [pattern])
    }
}
