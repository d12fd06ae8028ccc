//! Why a PDF cannot be read, in both languages, with the pages where that is known.

/// A PDF that yields no document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// Opening needs a password.
    Encrypted,
    /// The file is cut short or its structure is broken (the parser's own words).
    Malformed(String),
    /// Over a reading limit: pages, objects or decompressed bytes.
    Limit { what: &'static str, limit: u64 },
    /// Every page is an image: a scan that needs OCR.
    NoTextLayer { pages: Vec<u32> },
    /// The text cannot be mapped to Unicode (fonts without a ToUnicode map, private-use code points).
    Unmapped { pages: Vec<u32> },
}

fn list(pages: &[u32]) -> String {
    pages
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `page 3` or `pages 3, 4`.
fn pages_en(pages: &[u32]) -> String {
    let s = if pages.len() == 1 { "" } else { "s" };
    format!("page{s} {}", list(pages))
}

impl Problem {
    /// The message in Chinese and in English.
    pub fn what(&self) -> (String, String) {
        match self {
            Problem::Encrypted => (
                "PDF 已加密，需要密码才能打开".into(),
                "the PDF is encrypted and needs a password to open".into(),
            ),
            Problem::Malformed(e) => (
                format!("PDF 已损坏或被截断：{e}"),
                format!("the PDF is damaged or truncated: {e}"),
            ),
            Problem::Limit { what, limit } => (
                format!("PDF 超出读取上限（{what} 最多 {limit}）"),
                format!("the PDF is over a reading limit ({what}: at most {limit})"),
            ),
            Problem::NoTextLayer { pages } if pages.is_empty() => (
                "PDF 没有可读的文字".into(),
                "the PDF has no text to read".into(),
            ),
            Problem::NoTextLayer { pages } => (
                format!(
                    "没有文字层：第 {} 页是图像，需要 OCR；安装 jixiao[ocr] 即可读取扫描页",
                    list(pages)
                ),
                if pages.len() == 1 {
                    format!(
                        "no text layer: page {} is an image and needs OCR; install jixiao[ocr] to read scanned pages",
                        list(pages)
                    )
                } else {
                    format!(
                        "no text layer: pages {} are images and need OCR; install jixiao[ocr] to read scanned pages",
                        list(pages)
                    )
                },
            ),
            Problem::Unmapped { pages } => (
                format!(
                    "第 {} 页的文字无法映射为 Unicode（字体缺少 ToUnicode 映射），不能读取",
                    list(pages)
                ),
                format!(
                    "the text on {} cannot be mapped to Unicode (fonts without a ToUnicode map)",
                    pages_en(pages)
                ),
            ),
        }
    }
}
