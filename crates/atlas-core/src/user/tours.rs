//! Tours: ordered stops (a plan element or a saved view) with captions and speaker notes,
//! stored in `user_tours` / `user_tour_stops`. Every change is one transaction.

use rusqlite::{params, OptionalExtension, ToSql, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{AtlasError, Result};
use crate::sql_rows;
use crate::store::Atlas;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TourSummary {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub origin: String,
    pub stop_count: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct TourStop {
    /// Stable id of the stop (its row id).
    pub id: i64,
    pub element_id: Option<String>,
    /// [min_lon, min_lat, max_lon, max_lat] for a saved view.
    pub view: Option<[f64; 4]>,
    /// Categories shown at this stop; empty means all.
    pub layers: Vec<String>,
    pub caption_zh: String,
    pub caption_en: String,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Tour {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub origin: String,
    pub stops: Vec<TourStop>,
}

/// A stop to add or the new content of one (the id is ignored).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StopContent {
    pub element_id: Option<String>,
    pub view: Option<[f64; 4]>,
    #[serde(default)]
    pub layers: Vec<String>,
    pub caption_zh: String,
    pub caption_en: String,
    #[serde(default)]
    pub notes: String,
}

/// One thing that would go wrong presenting a tour.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PreflightProblem {
    /// 1-based stop number, or 0 for the tour itself.
    pub stop: usize,
    pub message: String,
}

pub(crate) use crate::files::clock::now_rfc3339 as now;

fn check_stop(atlas: &Atlas, stop: &StopContent) -> Result<()> {
    match (&stop.element_id, &stop.view) {
        (None, None) => Err(AtlasError::Invalid("a stop needs a plan element or a view".into())),
        (Some(id), _) if atlas.element(id).is_none() => Err(AtlasError::UnknownElement { id: id.clone() }),
        (_, Some(v)) if !(v.iter().all(|x| x.is_finite()) && v[0] < v[2] && v[1] < v[3]) => {
            Err(AtlasError::Invalid(format!("a stop's view {v:?} is not [min_lon, min_lat, max_lon, max_lat]")))
        }
        _ => Ok(()),
    }
}

/// Runs an insert or update of a stop's row with its content bound by name (:element_id, :min_x …
/// :notes), plus `extra` named parameters.
fn write_stop(
    tx: &Transaction,
    sql: &str,
    stop: &StopContent,
    extra: &[(&str, &dyn ToSql)],
) -> rusqlite::Result<usize> {
    let corner = |i: usize| stop.view.map(|v| v[i]);
    let (min_x, min_y, max_x, max_y) = (corner(0), corner(1), corner(2), corner(3));
    let layers = serde_json::to_string(&stop.layers).expect("strings serialise");
    let mut params: Vec<(&str, &dyn ToSql)> = vec![
        (":element_id", &stop.element_id),
        (":min_x", &min_x),
        (":min_y", &min_y),
        (":max_x", &max_x),
        (":max_y", &max_y),
        (":layers", &layers),
        (":caption_zh", &stop.caption_zh),
        (":caption_en", &stop.caption_en),
        (":notes", &stop.notes),
    ];
    params.extend_from_slice(extra);
    tx.execute(sql, params.as_slice())
}

/// Inserts a stop at the end of `tour_id`.
pub(crate) fn insert_stop(tx: &Transaction, tour_id: &str, stop: &StopContent) -> rusqlite::Result<i64> {
    let ord: i64 =
        tx.query_row("SELECT coalesce(max(ord) + 1, 0) FROM user_tour_stops WHERE tour_id = ?1", [tour_id], |r| {
            r.get(0)
        })?;
    write_stop(
        tx,
        "INSERT INTO user_tour_stops (tour_id, ord, element_id, min_x, min_y, max_x, max_y, layers, caption_zh, caption_en, notes)
         VALUES (:tour_id, :ord, :element_id, :min_x, :min_y, :max_x, :max_y, :layers, :caption_zh, :caption_en, :notes)",
        stop,
        &[(":tour_id", &tour_id), (":ord", &ord)],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Inserts a tour row.
pub(crate) fn insert_tour(
    tx: &Transaction,
    id: &str,
    name_zh: &str,
    name_en: &str,
    origin: &str,
    stamp: &str,
) -> rusqlite::Result<()> {
    let ord: i64 = tx.query_row("SELECT coalesce(max(ord) + 1, 0) FROM user_tours", [], |r| r.get(0))?;
    tx.execute(
        "INSERT INTO user_tours (id, name_zh, name_en, origin, ord, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![id, name_zh, name_en, origin, ord, stamp],
    )?;
    Ok(())
}

impl Atlas {
    /// Every tour, in display order.
    pub fn tours(&self) -> Result<Vec<TourSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.name_zh, t.name_en, t.origin,
                    (SELECT count(*) FROM user_tour_stops s WHERE s.tour_id = t.id) AS stop_count
             FROM user_tours t ORDER BY t.ord, t.fid",
        )?;
        sql_rows::all(&mut stmt, [])
    }

    /// One tour with its stops in order.
    pub fn tour(&self, id: &str) -> Result<Tour> {
        let head: Option<(String, String, String)> = self
            .conn
            .query_row("SELECT name_zh, name_en, origin FROM user_tours WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let (name_zh, name_en, origin) =
            head.ok_or_else(|| AtlasError::Invalid(format!("no tour {id:?}; `atlas tours` lists them")))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT fid, element_id, min_x, min_y, max_x, max_y, layers, caption_zh, caption_en, notes
             FROM user_tour_stops WHERE tour_id = ?1 ORDER BY ord, fid",
        )?;
        let stops = stmt
            .query_map([id], |r| {
                let bbox: (Option<f64>, Option<f64>, Option<f64>, Option<f64>) =
                    (r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
                let layers: String = r.get(6)?;
                Ok(TourStop {
                    id: r.get(0)?,
                    element_id: r.get(1)?,
                    view: match bbox {
                        (Some(a), Some(b), Some(c), Some(d)) => Some([a, b, c, d]),
                        _ => None,
                    },
                    layers: serde_json::from_str(&layers).unwrap_or_default(),
                    caption_zh: r.get(7)?,
                    caption_en: r.get(8)?,
                    notes: r.get(9)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Tour { id: id.to_owned(), name_zh, name_en, origin, stops })
    }

    fn touch(tx: &Transaction, tour_id: &str) -> rusqlite::Result<()> {
        tx.execute("UPDATE user_tours SET updated_at = ?2 WHERE id = ?1", params![tour_id, now()])?;
        Ok(())
    }

    fn tour_of_stop(&self, stop_id: i64) -> Result<String> {
        self.conn
            .query_row("SELECT tour_id FROM user_tour_stops WHERE fid = ?1", [stop_id], |r| r.get(0))
            .optional()?
            .ok_or_else(|| AtlasError::Invalid(format!("no tour stop {stop_id}")))
    }

    /// A new, empty tour.
    pub fn create_tour(&self, name_zh: &str, name_en: &str) -> Result<Tour> {
        if name_zh.trim().is_empty() && name_en.trim().is_empty() {
            return Err(AtlasError::Invalid("a tour needs a name".into()));
        }
        let tx = self.conn.unchecked_transaction()?;
        let n: i64 = tx.query_row("SELECT count(*) FROM user_tours", [], |r| r.get(0))?;
        let mut id = format!("tour-{}", n + 1);
        while tx.query_row("SELECT count(*) FROM user_tours WHERE id = ?1", [&id], |r| r.get::<_, i64>(0))? > 0 {
            id.push('x');
        }
        insert_tour(&tx, &id, name_zh, name_en, "user", &now())?;
        tx.commit()?;
        self.tour(&id)
    }

    pub fn rename_tour(&self, id: &str, name_zh: &str, name_en: &str) -> Result<Tour> {
        let tx = self.conn.unchecked_transaction()?;
        let n = tx.execute(
            "UPDATE user_tours SET name_zh = ?2, name_en = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, name_zh, name_en, now()],
        )?;
        if n == 0 {
            return Err(AtlasError::Invalid(format!("no tour {id:?}")));
        }
        tx.commit()?;
        self.tour(id)
    }

    /// A copy of a tour, stops and all, named "… (copy)".
    pub fn duplicate_tour(&self, id: &str) -> Result<Tour> {
        let source = self.tour(id)?;
        let copy = self.create_tour(&format!("{}(副本)", source.name_zh), &format!("{} (copy)", source.name_en))?;
        let tx = self.conn.unchecked_transaction()?;
        for s in &source.stops {
            let content = StopContent {
                element_id: s.element_id.clone(),
                view: s.view,
                layers: s.layers.clone(),
                caption_zh: s.caption_zh.clone(),
                caption_en: s.caption_en.clone(),
                notes: s.notes.clone(),
            };
            insert_stop(&tx, &copy.id, &content)?;
        }
        tx.commit()?;
        self.tour(&copy.id)
    }

    pub fn delete_tour(&self, id: &str) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("DELETE FROM user_tour_stops WHERE tour_id = ?1", [id])?;
        if tx.execute("DELETE FROM user_tours WHERE id = ?1", [id])? == 0 {
            return Err(AtlasError::Invalid(format!("no tour {id:?}")));
        }
        tx.commit()?;
        Ok(())
    }

    pub fn add_stop(&self, tour_id: &str, stop: &StopContent) -> Result<Tour> {
        check_stop(self, stop)?;
        let tx = self.conn.unchecked_transaction()?;
        if tx.query_row("SELECT count(*) FROM user_tours WHERE id = ?1", [tour_id], |r| r.get::<_, i64>(0))? == 0 {
            return Err(AtlasError::Invalid(format!("no tour {tour_id:?}")));
        }
        insert_stop(&tx, tour_id, stop)?;
        Self::touch(&tx, tour_id)?;
        tx.commit()?;
        self.tour(tour_id)
    }

    pub fn update_stop(&self, stop_id: i64, stop: &StopContent) -> Result<Tour> {
        check_stop(self, stop)?;
        let tour_id = self.tour_of_stop(stop_id)?;
        let tx = self.conn.unchecked_transaction()?;
        write_stop(
            &tx,
            "UPDATE user_tour_stops SET element_id = :element_id, min_x = :min_x, min_y = :min_y, max_x = :max_x,
               max_y = :max_y, layers = :layers, caption_zh = :caption_zh, caption_en = :caption_en, notes = :notes
             WHERE fid = :fid",
            stop,
            &[(":fid", &stop_id)],
        )?;
        Self::touch(&tx, &tour_id)?;
        tx.commit()?;
        self.tour(&tour_id)
    }

    /// Moves a stop to position `to` (0-based) within its tour; the others close up.
    pub fn move_stop(&self, stop_id: i64, to: usize) -> Result<Tour> {
        let tour_id = self.tour_of_stop(stop_id)?;
        let mut order: Vec<i64> = self.tour(&tour_id)?.stops.iter().map(|s| s.id).collect();
        let from = order.iter().position(|s| *s == stop_id).expect("the stop is in its tour");
        let moved = order.remove(from);
        order.insert(to.min(order.len()), moved);
        let tx = self.conn.unchecked_transaction()?;
        for (i, id) in order.iter().enumerate() {
            tx.execute("UPDATE user_tour_stops SET ord = ?2 WHERE fid = ?1", params![id, i as i64])?;
        }
        Self::touch(&tx, &tour_id)?;
        tx.commit()?;
        self.tour(&tour_id)
    }

    pub fn delete_stop(&self, stop_id: i64) -> Result<Tour> {
        let tour_id = self.tour_of_stop(stop_id)?;
        let tx = self.conn.unchecked_transaction()?;
        tx.execute("DELETE FROM user_tour_stops WHERE fid = ?1", [stop_id])?;
        Self::touch(&tx, &tour_id)?;
        tx.commit()?;
        self.tour(&tour_id)
    }

    /// What would go wrong presenting this tour: stops whose element is gone from the plan,
    /// views outside the atlas, an empty tour. The UI adds its own checks (fonts).
    pub fn tour_preflight(&self, id: &str) -> Result<Vec<PreflightProblem>> {
        let tour = self.tour(id)?;
        let mut problems = Vec::new();
        if tour.stops.is_empty() {
            problems.push(PreflightProblem { stop: 0, message: "the tour has no stops".into() });
        }
        let categories: Vec<String> = self.categories()?.into_iter().map(|c| c.id).collect();
        for (i, s) in tour.stops.iter().enumerate() {
            if let Some(e) = &s.element_id {
                if self.element(e).is_none() {
                    problems.push(PreflightProblem {
                        stop: i + 1,
                        message: format!("element {e:?} is not in this edition of the plan data"),
                    });
                }
            }
            if let Some(v) = s.view {
                let inside =
                    v[0] >= 100.0 && v[2] <= 135.0 && v[1] >= 20.0 && v[3] <= 50.0 && v[0] < v[2] && v[1] < v[3];
                if !inside {
                    problems.push(PreflightProblem {
                        stop: i + 1,
                        message: format!("view {v:?} is outside the atlas's map"),
                    });
                }
            }
            for l in &s.layers {
                if !categories.contains(l) {
                    problems.push(PreflightProblem { stop: i + 1, message: format!("layer {l:?} does not exist") });
                }
            }
            if s.caption_zh.trim().is_empty() && s.caption_en.trim().is_empty() {
                problems.push(PreflightProblem { stop: i + 1, message: "the stop has no caption".into() });
            }
        }
        Ok(problems)
    }
}
