//! Districts: which district a point is in, what the plan puts in a district, and resolving a
//! district from what a user types (滨海新区, 滨海, Binhai, 120116).

use geo::{Contains, Coord};
use rstar::{RTreeObject, AABB};
use serde::Serialize;

use crate::error::{AtlasError, Result};
use crate::store::atlas::{DistrictShape, ElementSummary};
use crate::store::Atlas;

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DistrictRef {
    pub adcode: String,
    pub name_zh: String,
    pub name_en: String,
}

impl From<&DistrictShape> for DistrictRef {
    fn from(d: &DistrictShape) -> Self {
        DistrictRef { adcode: d.adcode.clone(), name_zh: d.name_zh.clone(), name_en: d.name_en.clone() }
    }
}

/// A district's page: everything the plan puts there, and counts by category.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct DistrictReport {
    pub district: DistrictRef,
    pub elements: Vec<ElementSummary>,
    /// (category id, count), in the categories' drawing order.
    pub counts_by_category: Vec<(String, usize)>,
    /// [min_lon, min_lat, max_lon, max_lat] of the district.
    pub bbox: [f64; 4],
}

impl Atlas {
    /// The Tianjin district containing (lon, lat), if any. Candidates come from an R-tree of
    /// district boxes; each is confirmed with an interval-tree point-in-polygon test.
    pub fn district_at(&self, lon: f64, lat: f64) -> Option<DistrictRef> {
        let c = Coord { x: lon, y: lat };
        self.district_boxes
            .locate_all_at_point(&[lon, lat])
            .map(|entry| &self.districts[entry.data])
            .find(|d| d.contains_index.contains(&c))
            .map(DistrictRef::from)
    }

    /// Resolves a district from an adcode, a Chinese name (with or without 区/新区), or an
    /// English name, case-insensitively.
    pub fn find_district(&self, query: &str) -> Result<&DistrictShape> {
        let q = query.trim();
        let lower = q.to_lowercase();
        let strip = |s: &str| s.trim_end_matches("新区").trim_end_matches('区').to_owned();
        self.districts
            .iter()
            .find(|d| d.adcode == q || d.name_zh == q || d.name_en.to_lowercase() == lower)
            .or_else(|| self.districts.iter().find(|d| !q.is_empty() && strip(&d.name_zh) == strip(q)))
            .or_else(|| {
                self.districts.iter().find(|d| {
                    let en = d.name_en.to_lowercase();
                    !lower.is_empty() && (en.starts_with(&lower) || lower.starts_with(&en))
                })
            })
            .ok_or_else(|| AtlasError::UnknownDistrict { query: query.to_owned() })
    }

    /// Elements the plan assigns to the district `adcode`, in authored order. Unlocated
    /// elements (全市 / 未定位) are in no district's view, whatever they claim.
    pub fn zones_in_district(&self, adcode: &str) -> Vec<ElementSummary> {
        self.elements
            .iter()
            .filter(|e| {
                e.location_basis != crate::plan::LocationBasis::Unlocated && e.districts.iter().any(|d| d == adcode)
            })
            .cloned()
            .collect()
    }

    /// A district's page for the district view and `atlas district`.
    pub fn district_report(&self, query: &str) -> Result<DistrictReport> {
        let d = self.find_district(query)?;
        let elements = self.zones_in_district(&d.adcode);
        let mut counts: Vec<(String, usize)> = Vec::new();
        for c in self.categories()? {
            let n = elements.iter().filter(|e| e.category == c.id).count();
            if n > 0 {
                counts.push((c.id, n));
            }
        }
        let env =
            self.district_boxes.iter().find(|b| self.districts[b.data].adcode == d.adcode).map(|b| b.geom().envelope());
        let bbox =
            env.map(|e: AABB<[f64; 2]>| [e.lower()[0], e.lower()[1], e.upper()[0], e.upper()[1]]).unwrap_or_default();
        Ok(DistrictReport { district: d.into(), elements, counts_by_category: counts, bbox })
    }
}
