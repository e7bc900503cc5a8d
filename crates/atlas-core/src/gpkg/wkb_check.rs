//! The shape of a WKB geometry checked before the `wkb` crate reads it.
//!
//! The crate (0.9.3, the newest) trusts some of what a blob says: a MultiPoint's members are
//! assumed to be plain points of the parent's dimension, so a member that carries an EWKB SRID
//! or another dimension makes it panic ("Invalid buffer length for Point") instead of failing.
//! Found by fuzzing `gpkg_blob`; a damaged GeoPackage from a planner reached it through the
//! importer. This walk reads every header and count, and refuses — with the reason — what the
//! crate would misread: byte orders other than 0/1, unknown types, EWKB's SRID flag (PostGIS's
//! extended WKB is not a GeoPackage's), members of the wrong type or dimension, counts that
//! run past the bytes there are, nesting deeper than any real geometry.

/// GeometryCollections nest; real ones rarely go past 2 or 3 levels.
const MAX_DEPTH: usize = 32;

const EWKB_SRID: u32 = 0x2000_0000;
const EWKB_Z: u32 = 0x8000_0000;
const EWKB_M: u32 = 0x4000_0000;

/// Ok when the crate can read `wkb` as it is; else what is wrong, in a few words.
/// Bytes after the geometry are ignored, as every reader ignores them.
pub(crate) fn check(wkb: &[u8]) -> Result<(), String> {
    Walk { buf: wkb }.geometry(0, 0, None).map(|_| ())
}

/// A geometry type as its header gives it: the OGC type number (1–7) and the number of
/// ordinates per position (2 for XY, 3 for XYZ or XYM, 4 for XYZM).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Type {
    base: u32,
    ordinates: usize,
}

fn type_name(base: u32) -> &'static str {
    match base {
        1 => "Point",
        2 => "LineString",
        3 => "Polygon",
        4 => "MultiPoint",
        5 => "MultiLineString",
        6 => "MultiPolygon",
        _ => "GeometryCollection",
    }
}

struct Walk<'a> {
    buf: &'a [u8],
}

impl Walk<'_> {
    fn u32_at(&self, at: usize, little: bool) -> Result<u32, String> {
        let bytes: [u8; 4] = self
            .buf
            .get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .ok_or_else(|| format!("it ends at byte {} inside a header or count", self.buf.len()))?;
        Ok(if little { u32::from_le_bytes(bytes) } else { u32::from_be_bytes(bytes) })
    }

    /// `count` items of at least `each` bytes must fit from `at`: checked before any loop, so a
    /// count of four billion is refused at once.
    fn fits(&self, at: usize, count: u32, each: usize, what: &str) -> Result<(), String> {
        let need = (count as usize).checked_mul(each).and_then(|n| n.checked_add(at));
        match need {
            Some(end) if end <= self.buf.len() => Ok(()),
            _ => Err(format!(
                "it declares {count} {what}, which need more than the {} bytes left",
                self.buf.len().saturating_sub(at)
            )),
        }
    }

    /// Positions: `count` of them at `at`, each `ordinates` doubles. Returns the end.
    fn positions(&self, at: usize, count: u32, ordinates: usize) -> Result<usize, String> {
        self.fits(at, count, ordinates * 8, "positions")?;
        Ok(at + count as usize * ordinates * 8)
    }

    /// The geometry starting at `at`; `member_of` is the type its parent requires. Returns the
    /// offset just past it.
    fn geometry(&self, at: usize, depth: usize, member_of: Option<Type>) -> Result<usize, String> {
        if depth > MAX_DEPTH {
            return Err(format!("geometry collections nest more than {MAX_DEPTH} deep"));
        }
        let order = *self.buf.get(at).ok_or("it ends where a geometry should start")?;
        if order > 1 {
            return Err(format!("byte order {order} at byte {at} (only 0 and 1 exist)"));
        }
        let little = order == 1;
        let code = self.u32_at(at + 1, little)?;
        if code & EWKB_SRID != 0 {
            return Err("it carries an SRID inside the WKB (PostGIS's extended WKB, not a GeoPackage's)".into());
        }
        let iso = code & 0x0FFF_FFFF;
        let (base, iso_dims) = (iso % 1000, iso / 1000);
        if !(1..=7).contains(&base) || iso_dims > 3 {
            return Err(format!("unknown geometry type {code}"));
        }
        let z = code & EWKB_Z != 0 || matches!(iso_dims, 1 | 3);
        let m = code & EWKB_M != 0 || matches!(iso_dims, 2 | 3);
        let this = Type { base, ordinates: 2 + z as usize + m as usize };
        if let Some(parent) = member_of {
            if this != parent {
                return Err(format!(
                    "a member is a {} of {} ordinates where a {} of {} belongs",
                    type_name(this.base),
                    this.ordinates,
                    type_name(parent.base),
                    parent.ordinates
                ));
            }
        }
        let body = at + 5;
        match base {
            1 => self.positions(body, 1, this.ordinates),
            2 => {
                let n = self.u32_at(body, little)?;
                self.positions(body + 4, n, this.ordinates)
            }
            3 => {
                let rings = self.u32_at(body, little)?;
                self.fits(body + 4, rings, 4, "rings")?;
                let mut next = body + 4;
                for _ in 0..rings {
                    let n = self.u32_at(next, little)?;
                    next = self.positions(next + 4, n, this.ordinates)?;
                }
                Ok(next)
            }
            _ => {
                let members = self.u32_at(body, little)?;
                // Every member has at least its 5-byte header.
                self.fits(body + 4, members, 5, "members")?;
                let member_type = (base != 7).then_some(Type { base: base - 3, ordinates: this.ordinates });
                let mut next = body + 4;
                for _ in 0..members {
                    next = self.geometry(next, depth + 1, member_type)?;
                }
                Ok(next)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(little: bool, code: u32) -> Vec<u8> {
        let mut v = vec![little as u8];
        v.extend_from_slice(&if little { code.to_le_bytes() } else { code.to_be_bytes() });
        v
    }

    fn point(code: u32, ordinates: usize) -> Vec<u8> {
        let mut v = header(true, code);
        for i in 0..ordinates {
            v.extend_from_slice(&(117.0 + i as f64).to_le_bytes());
        }
        v
    }

    fn multi(code: u32, members: &[Vec<u8>]) -> Vec<u8> {
        let mut v = header(true, code);
        v.extend_from_slice(&(members.len() as u32).to_le_bytes());
        for m in members {
            v.extend_from_slice(m);
        }
        v
    }

    #[test]
    fn what_the_writer_writes_passes() {
        use geo::{coord, Geometry, LineString, MultiPolygon, Polygon};
        let square = Polygon::new(
            LineString::from(vec![
                coord! {x: 0., y: 0.},
                coord! {x: 1., y: 0.},
                coord! {x: 1., y: 1.},
                coord! {x: 0., y: 0.},
            ]),
            vec![],
        );
        let geometries = [
            Geometry::Point(geo::Point::new(117.0, 39.0)),
            Geometry::Polygon(square.clone()),
            Geometry::MultiPolygon(MultiPolygon::new(vec![square.clone(), square])),
            Geometry::MultiPoint(vec![geo::Point::new(1.0, 2.0), geo::Point::new(3.0, 4.0)].into()),
        ];
        for g in geometries {
            let blob = crate::gpkg::blob::encode(&g, 4326);
            let wkb = crate::gpkg::blob::wkb_part(&blob).unwrap();
            assert_eq!(check(wkb), Ok(()), "{g:?}");
        }
        // ISO Z and the old 2.5D flag, members alike.
        assert_eq!(check(&multi(1004, &[point(1001, 3), point(1001, 3)])), Ok(()));
        assert_eq!(check(&multi(4 | EWKB_Z, &[point(1 | EWKB_Z, 3)])), Ok(()));
    }

    #[test]
    fn a_multipoint_member_with_an_srid_or_another_dimension_is_refused() {
        // The fuzzer's finding: a member point flagged with an EWKB SRID.
        let mut with_srid = header(true, 1 | EWKB_SRID);
        with_srid.extend_from_slice(&4326u32.to_le_bytes());
        with_srid.extend_from_slice(&[0; 16]);
        let e = check(&multi(4, &[with_srid])).unwrap_err();
        assert!(e.contains("SRID"), "{e}");
        let e = check(&multi(4, &[point(1001, 3)])).unwrap_err();
        assert!(e.contains("a member is a Point of 3 ordinates where a Point of 2 belongs"), "{e}");
        let e = check(&multi(6, &[point(1, 2)])).unwrap_err();
        assert!(e.contains("where a Polygon"), "{e}");
    }

    #[test]
    fn counts_past_the_bytes_and_garbage_headers_are_refused() {
        let mut line = header(true, 2);
        line.extend_from_slice(&u32::MAX.to_le_bytes());
        assert!(check(&line).unwrap_err().contains("4294967295 positions"));
        let mut members = header(true, 7);
        members.extend_from_slice(&1_000_000u32.to_le_bytes());
        assert!(check(&members).unwrap_err().contains("members"));
        assert!(check(&[2, 1, 0, 0, 0]).unwrap_err().contains("byte order 2"));
        assert!(check(&header(true, 8)).unwrap_err().contains("unknown geometry type 8"));
        assert!(check(&[1, 1]).is_err());
        let mut deep = Vec::new();
        for _ in 0..40 {
            deep.extend(header(true, 7));
            deep.extend_from_slice(&1u32.to_le_bytes());
        }
        deep.extend(point(1, 2));
        assert!(check(&deep).unwrap_err().contains("nest"));
    }

    #[test]
    fn the_fuzzers_blob_is_an_error_not_a_panic() {
        let blob = include_bytes!("../../../../fuzz/corpus/gpkg_blob/regression-multipoint-member-srid");
        let e = crate::gpkg::blob::decode(blob).unwrap_err();
        assert!(e.to_string().contains("invalid WKB"), "{e}");
    }
}
