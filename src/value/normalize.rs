//! Folding the many ways a cell can be written onto one alphabet before parsing.
//!
//! OCR and PDF extraction put spaces inside words (`不少 于5次`, `≥考核年份党员总 数`), so all white space goes.
//! Full-width ASCII becomes ASCII, the comparator look-alikes become `≥`/`≤`, every dash becomes `-`, quotes go,
//! and the few HTML entities that reach a cell are decoded.

use std::sync::LazyLock;

/// White space between two digits (`968.191 8`, `100 200`), the one space folding keeps: the parser joins the
/// parts when the cell holds nothing but that number, and reads no number otherwise.
pub const SPLIT: char = ' ';

/// A number that PDF extraction split with a space (`968.191 8`) is joined when the cell holds that number and
/// nothing else. Returns false when the cell has other text too: then the space parts two numbers.
pub fn join_split_number(s: &mut Vec<char>) -> bool {
    let one_number = s
        .iter()
        .enumerate()
        .all(|(i, &c)| c.is_ascii_digit() || matches!(c, '.' | ',' | SPLIT) || i == 0 && c == '-');
    if one_number {
        s.retain(|&c| c != SPLIT);
    }
    one_number
}

/// Cells longer than this are not value expressions; they are reported as `unknown` without being scanned.
pub const MAX_CELL_CHARS: usize = 2048;

/// Writes the folded form of `text` into `out` (cleared first). Returns `false` when the text is longer than
/// [`MAX_CELL_CHARS`].
pub fn fold_into(text: &str, out: &mut Vec<char>) -> bool {
    out.clear();
    let mut chars = text.chars();
    let mut n = 0usize;
    // White space after a digit: kept as [`SPLIT`] if another digit follows.
    let mut after_digit_space = false;
    while let Some(c) = chars.next() {
        n += 1;
        if n > MAX_CELL_CHARS {
            return false;
        }
        if c.is_whitespace() {
            after_digit_space |= out.last().is_some_and(|&p| p.is_ascii_digit() || p == '.');
            continue;
        }
        let folded = match c {
            '&' => {
                let rest = chars.as_str();
                match decode_entity(rest) {
                    Some((ch, len)) => {
                        chars = rest[len..].chars();
                        ch
                    }
                    None => Some('&'),
                }
            }
            _ => fold_char(c),
        };
        if let Some(f) = folded {
            if std::mem::take(&mut after_digit_space) && f.is_ascii_digit() {
                out.push(SPLIT);
            }
            out.push(f);
        }
    }
    true
}

/// One character's folded form, or `None` when it is dropped.
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return match c {
            ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '"' | '\'' | '`' => None,
            '[' => Some('('),
            ']' => Some(')'),
            c if c.is_ascii_control() => None,
            c => Some(c),
        };
    }
    Some(match c {
        // Full-width ASCII (！ to ～).
        '\u{FF01}'..='\u{FF5E}' => {
            let a = char::from_u32(c as u32 - 0xFEE0).unwrap_or(c);
            return fold_char(a);
        }
        '\u{3000}'
        | '\u{00A0}'
        | '\u{200B}'
        | '\u{200C}'
        | '\u{200D}'
        | '\u{FEFF}'
        | '\u{2002}'..='\u{200A}' => return None,
        c if c.is_whitespace() => return None,
        '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' | '″' | '′' => {
            return None
        }
        '≧' | '⩾' | '≽' | '≫' | '≮' => '≥',
        '≦' | '⩽' | '≼' | '≪' | '≯' => '≤',
        '—' | '–' | '―' | '─' | '‐' | '‑' | '‒' | '−' | '﹘' | '﹣' | '━' => {
            '-'
        }
        '〜' | '∼' => '~',
        '≈' | '≅' => '~',
        '﹦' | '═' | '⁼' | '꞊' => '=',
        '。' => '。',
        '【' | '〔' => '(',
        '】' | '〕' => ')',
        // Traditional script reads as simplified (萬元, 個, 達標); the cell's printed text is kept elsewhere.
        c if c >= '\u{3400}' => simplified(c),
        c => c,
    })
}

/// First and last code points folded: the CJK Unified Ideographs and Extension A.
const FIRST: u32 = 0x3400;
const LAST: u32 = 0x9FFF;

/// Simplified form of each code point in [`FIRST`]..=[`LAST`] (the character itself where none differs).
/// Built once, character by character, so phrases of neighbouring characters never merge.
static T2S: LazyLock<Vec<char>> = LazyLock::new(|| {
    let identity = || {
        (FIRST..=LAST)
            .filter_map(char::from_u32)
            .collect::<Vec<_>>()
    };
    let Ok(cc) = ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::T2s)
    else {
        return identity();
    };
    let mut buf = [0u8; 4];
    (FIRST..=LAST)
        .map(|u| {
            let c = char::from_u32(u).unwrap_or(' ');
            let out = cc.convert(c.encode_utf8(&mut buf));
            let mut chars = out.chars();
            match (chars.next(), chars.next()) {
                (Some(s), None) => s,
                _ => c,
            }
        })
        .collect()
});

/// The simplified form of a Han character (the character itself where none differs).
#[inline]
pub fn simplified(c: char) -> char {
    let u = c as u32;
    if (FIRST..=LAST).contains(&u) {
        T2S.get((u - FIRST) as usize).copied().unwrap_or(c)
    } else {
        c
    }
}

/// Decodes `gt;` … after an `&`. Returns the character (or `None` for a space) and the bytes consumed.
fn decode_entity(rest: &str) -> Option<(Option<char>, usize)> {
    const ENTITIES: [(&str, Option<char>); 8] = [
        ("gt;", Some('>')),
        ("lt;", Some('<')),
        ("ge;", Some('≥')),
        ("le;", Some('≤')),
        ("amp;", Some('&')),
        ("nbsp;", None),
        ("quot;", None),
        ("#37;", Some('%')),
    ];
    ENTITIES
        .iter()
        .find(|(name, _)| rest.starts_with(name))
        .map(|(name, ch)| (*ch, name.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str) -> String {
        let mut v = Vec::new();
        assert!(fold_into(s, &mut v));
        v.into_iter().collect()
    }

    /// Simplifying never changes a character the parser's own vocabulary is written with (OpenCC maps a few
    /// simplified characters too, such as 著 to 着, which would break 显著).
    #[test]
    fn simplifying_keeps_the_vocabulary() {
        for (file, text) in [
            ("lexicon.rs", include_str!("lexicon.rs")),
            ("parse.rs", include_str!("parse.rs")),
            ("numeral.rs", include_str!("numeral.rs")),
            ("date.rs", include_str!("date.rs")),
        ] {
            // Code only: the doc comments show traditional examples on purpose.
            for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
                for c in line
                    .chars()
                    .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
                {
                    if !matches!(c, '萬' | '億' | '兩' | '貳' | '參' | '陸') {
                        assert_eq!(simplified(c), c, "{file}: {c} in {line}");
                    }
                }
            }
        }
    }

    #[test]
    fn folds_traditional_script() {
        assert_eq!(fold("100萬元"), "100万元");
        assert_eq!(fold("達標 5個"), "达标5个");
        assert_eq!(fold("﹦ 100 %"), "=100%");
    }

    #[test]
    fn folds_width_space_and_lookalikes() {
        assert_eq!(fold("不少 于５次"), "不少于5次");
        assert_eq!(fold("≧ 1000"), "≥1000");
        assert_eq!(fold("约 76—77 万页"), "约76-77万页");
        assert_eq!(fold("&gt;=90&#37;"), ">=90%");
        assert_eq!(fold("用户评价'满意'"), "用户评价满意");
        assert_eq!(fold("（含区）"), "(含区)");
    }
}
