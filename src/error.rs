//! The one error type of the core. Every variant says where: the file always, the line and cell when known.
//!
//! Problems inside a document that still reads are not errors: they are warnings and `unread` rows on the
//! document. An `Error` is for input that cannot be read at all (empty, binary, undecodable, too large).

use std::fmt;

use serde::{Deserialize, Serialize};

/// Where in the input something is: file, 1-based line, 1-based cell within the line, and for a PDF the
/// 1-based page the line is on (a PDF's lines are the rows read from it, numbered through the document).
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct Location {
    pub file: String,
    pub line: Option<u32>,
    pub cell: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
}

impl Location {
    /// A whole file.
    pub fn file(file: impl Into<String>) -> Self {
        Location {
            file: file.into(),
            line: None,
            cell: None,
            page: None,
        }
    }

    /// A line of a file.
    pub fn line(file: impl Into<String>, line: u32) -> Self {
        Location {
            file: file.into(),
            line: Some(line),
            cell: None,
            page: None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.cell {
                write!(f, ":{c}")?;
            }
        }
        if let Some(p) = self.page {
            write!(f, " (p. {p})")?;
        }
        Ok(())
    }
}

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The file has no content.
    Empty,
    /// The bytes are not text (NUL bytes outside UTF-16).
    Binary,
    /// No supported encoding decodes the bytes.
    Encoding { offset: usize },
    /// The file is larger than the reader accepts.
    TooLarge { bytes: u64, limit: u64 },
    /// The operating system refused (missing file, permission).
    Io(String),
    /// The file looks like the model's JSON but is not valid.
    Json(String),
    /// A workbook (.xlsx/.xls/.ods) or CSV file that its reader rejects (corrupt, encrypted, malformed).
    Spreadsheet(String),
    /// A Word .docx that cannot be read (corrupt ZIP, broken XML).
    Word(String),
    /// An HTML page that cannot be read (markup too deeply nested or too large to parse in bounded time).
    Html { zh: &'static str, en: &'static str },
    /// A PDF that cannot be read: encrypted, broken, over the limits, or with no text to read.
    Pdf(crate::read::pdf::Problem),
    /// Page images in which OCR found no text (blank pages, photographs, or a resolution too low to read).
    OcrFoundNothing { pages: u32 },
    /// A format jixiao does not read, with what to do instead.
    Unsupported {
        format: &'static str,
        advice_zh: &'static str,
        advice_en: &'static str,
    },
}

/// An input that cannot be read, with its location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub location: Location,
}

impl Error {
    pub fn new(kind: ErrorKind, location: Location) -> Self {
        Error { kind, location }
    }

    /// What went wrong, in Chinese and in English (without the location).
    fn what(&self) -> (String, String) {
        match &self.kind {
            ErrorKind::Empty => ("文件为空".into(), "the file is empty".into()),
            ErrorKind::Binary => (
                "不是文本文件（含有 NUL 字节）".into(),
                "not a text file (it holds NUL bytes)".into(),
            ),
            ErrorKind::Encoding { offset } => (
                format!("无法识别的编码（第 {offset} 字节起无法按 UTF-8、UTF-16 或 GB18030 解码）"),
                format!("unknown encoding: not UTF-8, UTF-16 or GB18030 (undecodable from byte {offset})"),
            ),
            ErrorKind::TooLarge { bytes, limit } => (
                format!("文件过大：{bytes} 字节，上限 {limit} 字节"),
                format!("file too large: {bytes} bytes, limit {limit}"),
            ),
            ErrorKind::Io(e) => (format!("无法读取：{e}"), format!("cannot read: {e}")),
            ErrorKind::Json(e) => (format!("JSON 文档无效：{e}"), format!("invalid document JSON: {e}")),
            ErrorKind::Unsupported {
                format,
                advice_zh,
                advice_en,
            } => (
                format!("不直接读取 {format} 文件：{advice_zh}"),
                format!("{format} files are not read directly: {advice_en}"),
            ),
            ErrorKind::Word(e) => (
                format!("无法读取 Word 文档（已损坏或格式错误）：{e}"),
                format!("cannot read the Word document (corrupt or malformed): {e}"),
            ),
            ErrorKind::Html { zh, en } => (
                format!("无法读取 HTML 文档：{zh}"),
                format!("cannot read the HTML page: {en}"),
            ),
            ErrorKind::Pdf(p) => p.what(),
            ErrorKind::OcrFoundNothing { pages } => (
                format!("OCR 在 {pages} 页图像中未识别出文字（空白页、照片，或分辨率过低）"),
                format!("OCR found no text in {pages} page image(s) (blank pages, photographs, or too low a resolution)"),
            ),
            ErrorKind::Spreadsheet(e) => (
                format!("无法读取表格文件（已损坏、加密或格式错误）：{e}"),
                format!("cannot read the spreadsheet (corrupt, encrypted or malformed): {e}"),
            ),
        }
    }

    /// The message in Chinese, with the location.
    pub fn message_zh(&self) -> String {
        format!("{}: {}", self.location, self.what().0)
    }
}

impl fmt::Display for Error {
    /// The message in English, with the location.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.what().1)
    }
}

impl std::error::Error for Error {}
