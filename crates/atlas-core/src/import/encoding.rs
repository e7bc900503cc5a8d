//! The character encoding of a Shapefile's attributes (its `.dbf`).
//!
//! Chinese DBFs come in GBK far more often than in UTF-8, and often say nothing about it.
//! The order of evidence: what the user chose; the `.cpg` beside the `.dbf` (ArcGIS/QGIS
//! write `UTF-8`, `936`, `GBK`, `GB2312`, `GB18030`…); the DBF's language-driver byte (0x4D
//! and 0x7A mean code page 936); and, where neither says, the bytes themselves: valid UTF-8
//! stays UTF-8, anything else is decoded as GB18030 (GDAL would take it as ISO-8859-1 and
//! store mojibake). Every GBK name decodes as GB18030, its superset, which WHATWG (and so
//! encoding_rs) also does. How the encoding was chosen goes into the import report.

use encoding_rs::Encoding;

use super::detected::Detection;
pub use super::detected::EncodingBasis;

/// The encoding chosen for one DBF, and how.
#[derive(Debug, Clone)]
pub struct AttributeEncoding {
    pub encoding: &'static Encoding,
    pub how: EncodingBasis,
}

/// Byte 29 of a DBF header: the "language driver" ArcView and ArcGIS write. Only the ones
/// that name a code page outright are trusted; 0x57 ("the system's ANSI page") is not.
fn language_driver(byte: u8) -> Option<&'static Encoding> {
    match byte {
        0x4D | 0x7A => Some(encoding_rs::GB18030), // 936, Chinese GBK (PRC)
        0x4F | 0x78 => Some(encoding_rs::BIG5),    // 950, Chinese Big5 (Taiwan, Hong Kong)
        0x03 => Some(encoding_rs::WINDOWS_1252),
        _ => None,
    }
}

/// The encoding a `.cpg` or `--encoding` names. Code-page numbers and the names ArcGIS and
/// GDAL write are mapped here (the `dbase` crate knows neither GB2312 nor GB18030).
pub fn by_name(name: &str) -> Option<&'static Encoding> {
    let n = name.trim().trim_start_matches('\u{feff}').trim().to_ascii_lowercase();
    let n = n.strip_prefix("ansi ").or_else(|| n.strip_prefix("cp")).unwrap_or(&n).trim();
    match n {
        "utf-8" | "utf8" | "65001" => Some(encoding_rs::UTF_8),
        "936" | "gbk" | "gb2312" | "gb18030" | "54936" | "20936" | "euc-cn" | "gb_2312-80" => {
            Some(encoding_rs::GB18030)
        }
        "950" | "big5" => Some(encoding_rs::BIG5),
        "1252" | "latin1" | "iso-8859-1" | "iso8859-1" | "88591" | "8859_1" => Some(encoding_rs::WINDOWS_1252),
        other => Encoding::for_label(other.as_bytes()),
    }
}

/// The bytes of a DBF that are text: its field names and its character fields' values (other
/// fields can be binary, in FoxPro's variants, and would spoil a UTF-8 check).
fn text_bytes(dbf: &[u8]) -> Vec<&[u8]> {
    let header_len = dbf.get(8..10).map(|b| u16::from_le_bytes([b[0], b[1]]) as usize).unwrap_or(0).min(dbf.len());
    let record_len = dbf.get(10..12).map(|b| u16::from_le_bytes([b[0], b[1]]) as usize).unwrap_or(0);
    let mut text = Vec::new();
    // (offset in the record, length) of each character field; byte 0 is the deletion flag.
    let mut character_fields = Vec::new();
    let mut offset = 1;
    for descriptor in dbf[32.min(header_len)..header_len].chunks_exact(32) {
        if descriptor[0] == 0x0D {
            break;
        }
        text.push(&descriptor[..11]);
        let length = descriptor[16] as usize;
        if matches!(descriptor[11], b'C' | b'M' | b'V') {
            character_fields.push((offset, length));
        }
        offset += length;
    }
    if record_len > 0 {
        for record in dbf[header_len..].chunks_exact(record_len) {
            for &(at, length) in &character_fields {
                if let Some(value) = record.get(at..at + length) {
                    text.push(value);
                }
            }
        }
    }
    text
}

impl AttributeEncoding {
    /// Decides the encoding of `dbf` (its bytes) from the user's choice, the `.cpg` text and
    /// the DBF itself. An unknown user choice is an error (the caller names the option).
    pub fn decide(dbf: &[u8], cpg: Option<&str>, chosen: Option<&str>) -> Result<AttributeEncoding, String> {
        if let Some(name) = chosen.filter(|c| !c.trim().is_empty()) {
            let encoding = by_name(name).ok_or_else(|| {
                format!(
                    "{:?} is not an encoding the atlas knows; use UTF-8, GBK, GB18030 or BIG5",
                    super::excerpt(name)
                )
            })?;
            return Ok(AttributeEncoding { encoding, how: EncodingBasis::UserChoice });
        }
        if let Some(text) = cpg {
            if let Some(encoding) = by_name(text) {
                return Ok(AttributeEncoding {
                    encoding,
                    how: EncodingBasis::Cpg { name: super::excerpt(text.trim()) },
                });
            }
        }
        if let Some(encoding) = dbf.get(29).copied().and_then(language_driver) {
            return Ok(AttributeEncoding { encoding, how: EncodingBasis::LanguageByte { code: dbf[29] } });
        }
        // Values are checked one by one: a multi-byte character never spans two fields.
        let text = text_bytes(dbf);
        let how = if text.iter().all(|t| t.is_ascii()) {
            EncodingBasis::AsciiOnly
        } else if text.iter().all(|t| std::str::from_utf8(t).is_ok()) {
            EncodingBasis::ValidUtf8
        } else {
            EncodingBasis::FallbackGb18030
        };
        let encoding = if how == EncodingBasis::FallbackGb18030 { encoding_rs::GB18030 } else { encoding_rs::UTF_8 };
        Ok(AttributeEncoding { encoding, how })
    }

    /// For the report and the preview: the encoding's name ("GB18030") and why.
    pub fn detection(&self) -> Detection {
        Detection::Encoding { encoding: self.encoding.name().to_ascii_uppercase(), basis: self.how.clone() }
    }

    /// Decodes one value's bytes.
    pub fn decode<'a>(&self, bytes: &'a [u8]) -> std::borrow::Cow<'a, str> {
        self.encoding.decode_without_bom_handling(bytes).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A DBF with one character field NAME holding `text`, and a binary FoxPro integer
    /// field whose bytes are not UTF-8 (and must not count).
    fn dbf_with(language: u8, text: &[u8]) -> Vec<u8> {
        let mut dbf = vec![0u8; 32];
        dbf[8] = 97; // header: 32 + 2 descriptors + terminator
        dbf[10] = 1 + text.len() as u8 + 4;
        dbf[29] = language;
        let mut name = [0u8; 32];
        name[..4].copy_from_slice(b"NAME");
        name[11] = b'C';
        name[16] = text.len() as u8;
        dbf.extend_from_slice(&name);
        let mut id = [0u8; 32];
        id[..2].copy_from_slice(b"ID");
        id[11] = b'I';
        id[16] = 4;
        dbf.extend_from_slice(&id);
        dbf.push(0x0D);
        dbf.push(b' ');
        dbf.extend_from_slice(text);
        dbf.extend_from_slice(&[0xFF, 0xFE, 0, 0]);
        dbf
    }

    #[test]
    fn evidence_is_taken_in_order() {
        let (gbk, _, _) = encoding_rs::GBK.encode("滨海新区");
        let utf8 = "滨海新区".as_bytes();
        // The user's choice beats everything.
        let e = AttributeEncoding::decide(&dbf_with(0x4D, utf8), Some("936"), Some("UTF-8")).unwrap();
        assert_eq!((e.encoding, e.how), (encoding_rs::UTF_8, EncodingBasis::UserChoice));
        // Every Chinese .cpg spelling.
        for cpg in ["936", "CP936", "GBK", "gb2312", "GB18030", "ANSI 936", "\u{feff}GBK\r\n"] {
            let e = AttributeEncoding::decide(&dbf_with(0, utf8), Some(cpg), None).unwrap();
            assert_eq!(e.encoding, encoding_rs::GB18030, "{cpg:?}");
        }
        assert_eq!(
            AttributeEncoding::decide(&dbf_with(0, &gbk), Some("UTF-8"), None).unwrap().encoding,
            encoding_rs::UTF_8
        );
        // Then the language byte.
        let e = AttributeEncoding::decide(&dbf_with(0x4D, utf8), None, None).unwrap();
        assert_eq!((e.encoding, e.how), (encoding_rs::GB18030, EncodingBasis::LanguageByte { code: 0x4D }));
        // Then the bytes.
        assert_eq!(AttributeEncoding::decide(&dbf_with(0, utf8), None, None).unwrap().how, EncodingBasis::ValidUtf8);
        let e = AttributeEncoding::decide(&dbf_with(0x57, &gbk), None, None).unwrap();
        assert_eq!((e.encoding, &e.how), (encoding_rs::GB18030, &EncodingBasis::FallbackGb18030));
        assert_eq!(e.decode(&gbk), "滨海新区");
        assert!(AttributeEncoding::decide(&dbf_with(0, utf8), None, Some("klingon")).is_err());
    }
}
