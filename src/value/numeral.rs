//! Numbers as cells write them: ASCII digits with thousands separators and decimals, and Chinese numerals.

use rust_decimal::Decimal;

/// Most significant digits kept exactly; longer digit strings are not read as numbers (they are codes, not values).
const MAX_DIGITS: u32 = 20;

/// Reads an ASCII decimal number starting at `i` (`4,671.23`, `0.00000013`). Returns the value and the end.
pub fn ascii_number(s: &[char], i: usize) -> Option<(Decimal, usize)> {
    let mut j = i;
    let mut mantissa: i128 = 0;
    let mut digits = 0u32;
    let mut scale = 0u32;
    let mut group = 0u32; // digits since the start or the last thousands separator
    let mut saw_separator = false;
    while j < s.len() {
        let c = s[j];
        if c.is_ascii_digit() {
            mantissa = mantissa * 10 + i128::from(c as u8 - b'0');
            if mantissa != 0 || digits > 0 {
                digits += 1;
            }
            group += 1;
            j += 1;
        } else if c == ','
            && (if saw_separator {
                group == 3
            } else {
                (1..=3).contains(&group)
            })
            && is_thousands_group(s, j + 1)
        {
            saw_separator = true;
            group = 0;
            j += 1;
        } else {
            break;
        }
        if digits > MAX_DIGITS {
            return None;
        }
    }
    if j == i {
        return None;
    }
    if j + 1 < s.len() && s[j] == '.' && s[j + 1].is_ascii_digit() {
        j += 1;
        while j < s.len() && s[j].is_ascii_digit() {
            mantissa = mantissa * 10 + i128::from(s[j] as u8 - b'0');
            if mantissa != 0 || digits > 0 {
                digits += 1;
            }
            scale += 1;
            j += 1;
            if digits > MAX_DIGITS || scale > 20 {
                return None;
            }
        }
    }
    Decimal::try_from_i128_with_scale(mantissa, scale)
        .ok()
        .map(|d| (d.normalize(), j))
}

/// Whether a thousands group (exactly three digits, then no digit) starts at `i`.
fn is_thousands_group(s: &[char], i: usize) -> bool {
    i + 3 <= s.len()
        && s[i..i + 3].iter().all(char::is_ascii_digit)
        && !s.get(i + 3).is_some_and(char::is_ascii_digit)
}

/// The value of a Chinese digit (零〇一二两三四五六七八九).
#[inline]
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn cn_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1_000,
        _ => return None,
    })
}

/// Whether `c` can be part of a Chinese numeral.
#[inline]
pub fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || matches!(c, '十' | '百' | '千' | '万' | '亿')
}

/// Reads a Chinese numeral at `i` (`十二`, `三千`, `一百二十`, `三万五千`). It must contain a digit or start with
/// 十, so that a lone 万 or 千 is not a number. Returns the value and the end.
pub fn chinese_number(s: &[char], i: usize) -> Option<(Decimal, usize)> {
    let mut j = i;
    let mut total: u64 = 0; // completed 亿 sections
    let mut section: u64 = 0; // completed 万 sections below 亿
    let mut small: u64 = 0; // below 万
    let mut digit: Option<u64> = None;
    let mut any_digit = false;
    while j < s.len() {
        let c = s[j];
        if let Some(d) = cn_digit(c) {
            if digit.is_some_and(|p| p != 0) {
                // Two digits in a row (一二) is a list, not a numeral: stop before the second. 零 is a filler.
                break;
            }
            digit = Some(u64::from(d));
            any_digit = true;
        } else if let Some(u) = cn_unit(c) {
            let d = digit.take().unwrap_or(if j == i { 1 } else { 0 });
            if d == 0 && j != i && !any_digit {
                break;
            }
            small += d * u;
        } else if c == '万' {
            let d = digit.take().unwrap_or(0);
            if small + d == 0 {
                break;
            }
            section += (small + d) * 10_000;
            small = 0;
        } else if c == '亿' {
            let d = digit.take().unwrap_or(0);
            if small + d + section == 0 {
                break;
            }
            total += (section + small + d) * 100_000_000;
            section = 0;
            small = 0;
        } else {
            break;
        }
        j += 1;
        if total > 1 << 60 {
            return None;
        }
    }
    if j == i || !(any_digit || s[i] == '十') {
        return None;
    }
    let value = total + section + small + digit.unwrap_or(0);
    Some((Decimal::from(value), j))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn ascii(s: &str) -> Option<(String, usize)> {
        ascii_number(&chars(s), 0).map(|(d, e)| (d.to_string(), e))
    }

    fn cn(s: &str) -> Option<(u64, usize)> {
        chinese_number(&chars(s), 0).map(|(d, e)| (d.to_string().parse().unwrap(), e))
    }

    #[test]
    fn ascii_numbers() {
        assert_eq!(ascii("4,671.23"), Some(("4671.23".into(), 8)));
        assert_eq!(ascii("0.00000013"), Some(("0.00000013".into(), 10)));
        assert_eq!(ascii("1,2"), Some(("1".into(), 1)));
        assert_eq!(ascii("12次"), Some(("12".into(), 2)));
        assert_eq!(ascii("1,000,000元"), Some(("1000000".into(), 9)));
        assert_eq!(ascii("0.00"), Some(("0".into(), 4)));
        assert_eq!(ascii("123456789012345678901234"), None);
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(cn("十二个"), Some((12, 2)));
        assert_eq!(cn("三千"), Some((3000, 2)));
        assert_eq!(cn("两个"), Some((2, 1)));
        assert_eq!(cn("一百二十"), Some((120, 4)));
        assert_eq!(cn("三万五千"), Some((35000, 4)));
        assert_eq!(cn("一千二百万"), Some((12_000_000, 5)));
        assert_eq!(cn("二十万"), Some((200_000, 3)));
        assert_eq!(cn("一百零五"), Some((105, 4)));
        assert_eq!(cn("万级"), None);
        assert_eq!(cn("千米"), None);
    }
}
