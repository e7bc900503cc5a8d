//! The attribute table of a Shapefile: a dBase III/IV (or Visual FoxPro) `.dbf`.
//!
//! Read here rather than with the `dbase` crate because its record iterator silently skips
//! deleted records, which pulls every later record off its shape in the `.shp`, and because
//! the raw bytes of text fields must be at hand to decide their encoding (see encoding.rs).
//! The format is small: a 32-byte header (record count, header and record lengths, language
//! byte), 32-byte field descriptors ended by 0x0D, then fixed-length records, each a deletion
//! flag and the fields' bytes side by side.

use serde_json::{Map, Value};

use super::encoding::AttributeEncoding;
use super::fields::{FieldDef, FieldKind};
use super::problem_kind::{DbfDamage, ProblemKind};

/// One column of the table.
#[derive(Debug, Clone)]
pub struct DbfField {
    pub name: String,
    /// The dBase type letter: C, N, F, L, D, I, O, B, T, @, Y, M…
    pub letter: u8,
    pub length: usize,
    pub decimals: u8,
    /// Where its bytes start in a record (after the deletion flag).
    offset: usize,
}

impl DbfField {
    /// The column type it becomes in the atlas.
    pub fn kind(&self) -> FieldKind {
        match self.letter {
            // Numbers without decimals fit an i64 up to 18 digits; wider ones keep their
            // magnitude as REAL.
            b'N' if self.decimals == 0 && self.length <= 18 => FieldKind::Integer,
            b'N' | b'F' | b'O' | b'B' | b'Y' => FieldKind::Real,
            b'I' => FieldKind::Integer,
            b'L' => FieldKind::Boolean,
            b'D' => FieldKind::Date,
            b'T' | b'@' => FieldKind::DateTime,
            _ => FieldKind::Text,
        }
    }
}

/// A `.dbf` held in memory, its header read.
pub struct Dbf<'a> {
    bytes: &'a [u8],
    pub fields: Vec<DbfField>,
    header_length: usize,
    record_length: usize,
    /// Records the header promises that the file really holds.
    pub record_count: usize,
    encoding: AttributeEncoding,
}

/// One record: None if it is marked deleted.
pub type DbfRecord = Option<Map<String, Value>>;

/// A value that cannot be read: (field name, why).
pub type DbfError = (String, ProblemKind);

fn le_u16(b: &[u8], at: usize) -> usize {
    u16::from_le_bytes([b[at], b[at + 1]]) as usize
}

impl<'a> Dbf<'a> {
    pub fn parse(bytes: &'a [u8], encoding: AttributeEncoding) -> Result<Dbf<'a>, DbfDamage> {
        if bytes.len() < 33 {
            return Err(DbfDamage::TooShort);
        }
        let declared = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
        let header_length = le_u16(bytes, 8);
        let record_length = le_u16(bytes, 10);
        if header_length < 33 || header_length > bytes.len() || record_length == 0 {
            return Err(DbfDamage::BadHeader { header_bytes: header_length, record_bytes: record_length });
        }
        let mut fields: Vec<DbfField> = Vec::new();
        let mut offset = 1;
        for descriptor in bytes[32..header_length].chunks_exact(32) {
            if descriptor[0] == 0x0D {
                break;
            }
            let raw_name = &descriptor[..11];
            let raw_name = &raw_name[..raw_name.iter().position(|b| *b == 0).unwrap_or(11)];
            let mut name = encoding.decode(raw_name).trim().to_owned();
            if name.is_empty() {
                name = format!("field_{}", fields.len() + 1);
            }
            // Broken writers repeat names; a layer's columns must differ.
            let base = name.clone();
            let mut n = 2;
            while fields.iter().any(|f| f.name.eq_ignore_ascii_case(&name)) {
                name = format!("{base}_{n}");
                n += 1;
            }
            let length = descriptor[16] as usize;
            fields.push(DbfField { name, letter: descriptor[11], length, decimals: descriptor[17], offset });
            offset += length;
        }
        if offset > record_length {
            return Err(DbfDamage::FieldsPastRecord { needed: offset, record_bytes: record_length });
        }
        // A truncated file holds fewer records than its header says: read what is there.
        let record_count = declared.min((bytes.len() - header_length) / record_length);
        Ok(Dbf { bytes, fields, header_length, record_length, record_count, encoding })
    }

    /// The columns as the layer declares them.
    pub fn field_defs(&self) -> Vec<FieldDef> {
        self.fields.iter().map(|f| FieldDef { name: f.name.clone(), kind: f.kind() }).collect()
    }

    /// The raw bytes of record `i`'s text fields, trimmed (for encoding samples).
    pub fn raw_text(&self, i: usize) -> Vec<&'a [u8]> {
        let Some(record) = self.record_bytes(i) else { return Vec::new() };
        self.fields
            .iter()
            .filter(|f| f.letter == b'C')
            .map(|f| trim(&record[f.offset..f.offset + f.length]))
            .filter(|t| !t.is_empty())
            .collect()
    }

    fn record_bytes(&self, i: usize) -> Option<&'a [u8]> {
        if i >= self.record_count {
            return None;
        }
        let start = self.header_length + i * self.record_length;
        self.bytes.get(start..start + self.record_length)
    }

    /// Record `i` (from 0) as properties, None if deleted.
    pub fn record(&self, i: usize) -> Result<DbfRecord, DbfError> {
        let record = self.record_bytes(i).ok_or_else(|| {
            (String::new(), ProblemKind::DamagedDbf { damage: DbfDamage::MissingRecord { record: i } })
        })?;
        if record[0] == b'*' {
            return Ok(None);
        }
        let mut properties = Map::with_capacity(self.fields.len());
        for f in &self.fields {
            let bytes = &record[f.offset..f.offset + f.length];
            let value = self.value(f, bytes).map_err(|why| (f.name.clone(), why))?;
            properties.insert(f.name.clone(), value);
        }
        Ok(Some(properties))
    }

    fn value(&self, f: &DbfField, bytes: &[u8]) -> Result<Value, ProblemKind> {
        let text = || std::str::from_utf8(trim(bytes)).map_err(|_| ProblemKind::NonAsciiNumber);
        Ok(match f.letter {
            b'C' | b'V' => {
                let t = trim(bytes);
                if t.is_empty() {
                    Value::Null
                } else {
                    Value::String(self.encoding.decode(t).into_owned())
                }
            }
            b'N' | b'F' => {
                let t = text()?;
                if t.is_empty() || t.bytes().all(|b| b == b'*') {
                    return Ok(Value::Null);
                }
                let n: f64 = t.parse().map_err(|_| ProblemKind::NotANumber { value: super::excerpt(t), row: None })?;
                if f.kind() == FieldKind::Integer && n.fract() == 0.0 && n.abs() < 9.2e18 {
                    Value::from(n as i64)
                } else {
                    serde_json::Number::from_f64(n).map(Value::Number).unwrap_or(Value::Null)
                }
            }
            b'L' => match trim(bytes).first() {
                Some(b'T' | b't' | b'Y' | b'y') => Value::Bool(true),
                Some(b'F' | b'f' | b'N' | b'n') => Value::Bool(false),
                _ => Value::Null,
            },
            b'D' => {
                let t = text()?;
                if t.is_empty() || t.bytes().all(|b| b == b'0') {
                    return Ok(Value::Null);
                }
                if t.len() != 8 || !t.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(ProblemKind::NotADate { value: super::excerpt(t) });
                }
                Value::String(format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..]))
            }
            b'I' if bytes.len() == 4 => Value::from(i32::from_le_bytes(bytes.try_into().expect("4 bytes"))),
            b'O' | b'B' if bytes.len() == 8 => {
                let v = f64::from_le_bytes(bytes.try_into().expect("8 bytes"));
                serde_json::Number::from_f64(v).map(Value::Number).unwrap_or(Value::Null)
            }
            b'Y' if bytes.len() == 8 => {
                let v = i64::from_le_bytes(bytes.try_into().expect("8 bytes")) as f64 / 10_000.0;
                serde_json::Number::from_f64(v).map(Value::Number).unwrap_or(Value::Null)
            }
            b'T' | b'@' if bytes.len() == 8 => datetime(bytes).map(Value::String).unwrap_or(Value::Null),
            // Memo fields live in a .dbt/.fpt the atlas does not read; they come in empty.
            b'M' => Value::Null,
            _ => {
                let t = trim(bytes);
                if t.is_empty() {
                    Value::Null
                } else {
                    Value::String(self.encoding.decode(t).into_owned())
                }
            }
        })
    }
}

/// Padding is spaces (and NULs from some writers) on both sides.
fn trim(bytes: &[u8]) -> &[u8] {
    let pad = |b: &u8| *b == b' ' || *b == 0;
    let start = bytes.iter().position(|b| !pad(b)).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !pad(b)).map_or(start, |e| e + 1);
    &bytes[start..end]
}

/// FoxPro's DateTime: a Julian day number and milliseconds since midnight, both little-endian.
fn datetime(bytes: &[u8]) -> Option<String> {
    let day = i32::from_le_bytes(bytes[..4].try_into().ok()?) as i64;
    let ms = i32::from_le_bytes(bytes[4..].try_into().ok()?) as i64;
    if day <= 0 || !(0..86_400_000).contains(&ms) {
        return None;
    }
    // Julian day → civil date (Fliegel & Van Flandern).
    let l = day + 68_569;
    let n = 4 * l / 146_097;
    let l = l - (146_097 * n + 3) / 4;
    let i = 4000 * (l + 1) / 1_461_001;
    let l = l - 1461 * i / 4 + 31;
    let j = 80 * l / 2447;
    let d = l - 2447 * j / 80;
    let l = j / 11;
    let m = j + 2 - 12 * l;
    let y = 100 * (n - 49) + i + l;
    let s = ms / 1000;
    Some(format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", s / 3600, s / 60 % 60, s % 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn julian_days_become_dates() {
        // 2459550 is 2021-12-01 (JD at noon; FoxPro stores the day number).
        let mut b = 2_459_550i32.to_le_bytes().to_vec();
        b.extend_from_slice(&(3_723_000i32).to_le_bytes());
        assert_eq!(datetime(&b).as_deref(), Some("2021-12-01T01:02:03Z"));
        assert_eq!(trim(b"  ab  \0"), b"ab");
    }
}
