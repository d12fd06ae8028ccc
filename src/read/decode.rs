//! Bytes to text, with the encoding detected rather than assumed: a byte-order mark first, then UTF-16 without a
//! mark (every other byte NUL), then strict UTF-8, then GB18030 (a superset of GBK and GB2312, which government
//! files use). Anything else is an error naming the file and the first undecodable byte.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Location};

/// Largest file the readers accept (256 MiB): performance documents are kilobytes, so anything near this is
/// not one, and refusing it keeps a batch job from exhausting memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The encodings the readers detect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Gb18030 => "gb18030",
        }
    }
}

/// Decoded text and the encoding it was in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
}

/// Which byte of a two-byte unit is NUL in most units of the sample, if one clearly is (UTF-16 without a BOM).
fn utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let units = sample.len() / 2;
    let even_nul = sample.chunks_exact(2).filter(|u| u[0] == 0).count();
    let odd_nul = sample.chunks_exact(2).filter(|u| u[1] == 0).count();
    // ASCII-heavy UTF-16 has a NUL in most units; CJK-heavy UTF-16 has few, and is caught by the BOM or fails
    // UTF-8 and GB18030 instead. A third of units is a clear signal that text in any 8-bit encoding never gives.
    if odd_nul * 3 >= units && even_nul * 10 < units {
        Some(Encoding::Utf16Le)
    } else if even_nul * 3 >= units && odd_nul * 10 < units {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn utf16(bytes: &[u8], enc: &'static encoding_rs::Encoding, file: &str) -> Result<String, Error> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(Error::new(
            ErrorKind::Encoding { offset: 0 },
            Location::file(file),
        ));
    }
    Ok(text.into_owned())
}

/// Decodes the bytes of `file` (the name is only used in errors).
pub fn decode(bytes: &[u8], file: &str) -> Result<Decoded, Error> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::new(
            ErrorKind::TooLarge {
                bytes: bytes.len() as u64,
                limit: MAX_FILE_BYTES,
            },
            Location::file(file),
        ));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::new(ErrorKind::Empty, Location::file(file)));
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let text = std::str::from_utf8(rest).map_err(|e| {
            Error::new(
                ErrorKind::Encoding {
                    offset: 3 + e.valid_up_to(),
                },
                Location::file(file),
            )
        })?;
        (text.to_owned(), Encoding::Utf8Bom)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (utf16(rest, encoding_rs::UTF_16LE, file)?, Encoding::Utf16Le)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (utf16(rest, encoding_rs::UTF_16BE, file)?, Encoding::Utf16Be)
    } else if let Some(enc) = utf16_without_bom(bytes) {
        let decoder = if enc == Encoding::Utf16Le {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        (utf16(bytes, decoder, file)?, enc)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_owned(), Encoding::Utf8)
    } else {
        let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
        if had_errors {
            let offset = std::str::from_utf8(bytes)
                .err()
                .map_or(0, |e| e.valid_up_to());
            return Err(Error::new(
                ErrorKind::Encoding { offset },
                Location::file(file),
            ));
        }
        (text.into_owned(), Encoding::Gb18030)
    };
    if let Some(pos) = text.find('\0') {
        let line = text[..pos].matches('\n').count() as u32 + 1;
        return Err(Error::new(ErrorKind::Binary, Location::line(file, line)));
    }
    Ok(Decoded { text, encoding })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "项目支出绩效自评表\n一级指标\t二级指标\t≥95%\n";

    fn utf16(s: &str, le: bool) -> Vec<u8> {
        s.encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    }

    #[test]
    fn detects_each_encoding() {
        let d = decode(SAMPLE.as_bytes(), "a.txt").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, Encoding::Utf8));
        let bom = [b"\xEF\xBB\xBF".as_slice(), SAMPLE.as_bytes()].concat();
        assert_eq!(decode(&bom, "a").unwrap().encoding, Encoding::Utf8Bom);
        let (gb, _, _) = encoding_rs::GB18030.encode(SAMPLE);
        let d = decode(&gb, "a").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, Encoding::Gb18030));
        let le = [b"\xFF\xFE".as_slice(), &utf16(SAMPLE, true)].concat();
        assert_eq!(decode(&le, "a").unwrap().text, SAMPLE);
        let be = [b"\xFE\xFF".as_slice(), &utf16(SAMPLE, false)].concat();
        assert_eq!(decode(&be, "a").unwrap().encoding, Encoding::Utf16Be);
        let ascii_le = utf16("Item\tTarget\tActual\n1\t>=95%\t96%\n", true);
        let d = decode(&ascii_le, "a").unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Item\tTarget\tActual\n1\t>=95%\t96%\n", Encoding::Utf16Le)
        );
    }

    #[test]
    fn bad_input_is_a_located_error() {
        assert_eq!(decode(b"", "e.txt").unwrap_err().kind, ErrorKind::Empty);
        assert_eq!(
            decode(b" \n\t", "e.txt").unwrap_err().kind,
            ErrorKind::Empty
        );
        let err = decode(b"line one\nline two\x00\x01\x02binary", "b.bin").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Binary);
        assert_eq!(
            err.to_string(),
            "b.bin:2: not a text file (it holds NUL bytes)"
        );
        // 0xFF never appears in UTF-8 or GB18030.
        let err = decode(b"abc\xFF\xFFdef", "x.txt").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Encoding { offset: 3 });
        assert!(err.message_zh().starts_with("x.txt: 无法识别的编码"));
    }
}
