//! Folding the many ways a cell can be written onto one alphabet before parsing.
//!
//! OCR and PDF extraction put spaces inside words (`不少 于5次`, `≥考核年份党员总 数`), so all white space goes.
//! Full-width ASCII becomes ASCII, the comparator look-alikes become `≥`/`≤`, every dash becomes `-`, quotes go,
//! and the few HTML entities that reach a cell are decoded.

/// Cells longer than this are not value expressions; they are reported as `unknown` without being scanned.
pub const MAX_CELL_CHARS: usize = 2048;

/// Writes the folded form of `text` into `out` (cleared first). Returns `false` when the text is longer than
/// [`MAX_CELL_CHARS`].
pub fn fold_into(text: &str, out: &mut Vec<char>) -> bool {
    out.clear();
    let mut chars = text.chars();
    let mut n = 0usize;
    while let Some(c) = chars.next() {
        n += 1;
        if n > MAX_CELL_CHARS {
            return false;
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
        '。' => '。',
        '【' | '〔' => '(',
        '】' | '〕' => ')',
        c => c,
    })
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
