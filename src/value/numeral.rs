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

/// The value of a Chinese digit: the common forms (零〇一二两三…九), the financial capitals (壹贰叁…玖) and the
/// traditional 兩 貳 參 陸.
#[inline]
pub fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' | '○' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '兩' | '贰' | '貳' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The power of ten of a place word inside a section below 万: 十拾 1, 百佰 2, 千仟 3.
#[inline]
fn cn_place(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 1,
        '百' | '佰' => 2,
        '千' | '仟' => 3,
        _ => return None,
    })
}

/// The power of ten of a section word: 万萬 4, 亿億 8.
#[inline]
fn cn_big(c: char) -> Option<u32> {
    Some(match c {
        '万' | '萬' => 4,
        '亿' | '億' => 8,
        _ => return None,
    })
}

/// Whether `c` can be part of a Chinese numeral.
#[inline]
pub fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some()
        || cn_place(c).is_some()
        || cn_big(c).is_some()
        || matches!(c, '廿' | '卅')
}

/// Reads a Chinese numeral at `i`, following the standard readings:
///
/// * places and sections: `一百二十`, `三万五千`, `一千二百万`, `一万亿`, with 零 for skipped places
///   (`一千零十` 1010, `三万零五` 30005) and 十 without a digit (`十二`, `一百十一` 111);
/// * colloquial tails, a last digit one place below the word before it: `一百二` 120, `两千六` 2600,
///   `三万五` 35000, `一亿二` 120000000;
/// * 廿 20 and 卅 30 (`廿二` 22);
/// * digit by digit: `一七二零` 1720, `二〇二四` 2024 (three digits or more, or with 〇/零);
/// * 点 decimals: `零点五` 0.5, `一七二零点一` 1720.1, `零点五亿` 50000000;
/// * the financial capitals (`壹仟贰佰`) and the traditional 兩, 萬, 億.
///
/// A form with two readings returns `None`: two digits side by side (`三四个`, "three or four"), a digit before
/// 万 inside a section (`一千五万`), places out of order. A wrong number would be scored without a word, so
/// nothing is read rather than a guess. Returns the value and the end.
pub fn chinese_number(s: &[char], i: usize) -> Option<(Decimal, usize)> {
    // The run of numeral characters, with a 点 that has a digit after it.
    let mut end = i;
    let mut point: Option<usize> = None;
    while end < s.len() {
        let c = s[end];
        if is_cn_numeral(c) {
            end += 1;
        } else if c == '点'
            && point.is_none()
            && end > i
            && s.get(end + 1).and_then(|&c| cn_digit(c)).is_some()
        {
            point = Some(end);
            end += 1;
        } else {
            break;
        }
    }
    // A trailing 万 or 亿 without a number before it (`千万级` is handled by the caller) is not part of the run.
    if end == i {
        return None;
    }
    let int_end = point.unwrap_or(end);
    let int_part = &s[i..int_end];
    let mut value = integer(int_part)?;
    let Some(p) = point else {
        return Some((Decimal::from_i128_with_scale(value, 0), end));
    };
    // Decimals: digits one by one, then the section words that scale the whole number (零点五亿). A whole part
    // with its own section word (一万点五) takes none after its decimals.
    let whole_has_big = int_part.iter().any(|&c| cn_big(c).is_some());
    let mut j = p + 1;
    let mut scale = 0u32;
    while j < end {
        let Some(d) = cn_digit(s[j]) else { break };
        value = value.checked_mul(10)?.checked_add(i128::from(d))?;
        scale += 1;
        j += 1;
        if scale > 20 {
            return None;
        }
    }
    let mut mag = 0u32;
    while j < end {
        if whole_has_big {
            return None;
        }
        mag += cn_big(s[j])?;
        j += 1;
    }
    let mut d = Decimal::try_from_i128_with_scale(value, scale).ok()?;
    for _ in 0..mag {
        d = d.checked_mul(Decimal::TEN)?;
    }
    Some((d.normalize(), end))
}

/// The integer written by a run of numeral characters, or `None` when it has no single standard reading.
fn integer(run: &[char]) -> Option<i128> {
    if run.iter().all(|&c| cn_digit(c).is_some()) {
        return digit_by_digit(run);
    }
    // Digit by digit, scaled by section words at the end: 一七二零万.
    let digits = run.iter().take_while(|&&c| cn_digit(c).is_some()).count();
    if digits >= 2 && run[digits..].iter().all(|&c| cn_big(c).is_some()) {
        let mut v = digit_by_digit(&run[..digits])?;
        for &c in &run[digits..] {
            v = v.checked_mul(10i128.checked_pow(cn_big(c)?)?)?;
        }
        return Some(v);
    }
    positional(run)
}

/// `一七二零`, `二〇二四`, `一一`, `五`: digits one by one. Two neighbouring digits (`三四`, `七八`, `一两`) and
/// `三五` are an estimate, "three or four", not 34: they have no single value.
fn digit_by_digit(run: &[char]) -> Option<i128> {
    if let [a, b] = run {
        let (a, b) = (cn_digit(*a)?, cn_digit(*b)?);
        if a != 0 && (b == a + 1 || (a, b) == (3, 5)) {
            return None;
        }
    }
    if run.len() > 20 {
        return None;
    }
    if run.len() >= 2 && run.iter().any(|&c| matches!(c, '两' | '兩')) {
        return None; // 两 counts things; it is not written digit by digit
    }
    run.iter()
        .try_fold(0i128, |v, &c| Some(v * 10 + i128::from(cn_digit(c)?)))
}

/// The place-value reading: sections below 万, joined by 万 and 亿.
fn positional(run: &[char]) -> Option<i128> {
    let mut high: i128 = 0; // everything up to the last 亿, already scaled
    let mut mid: i128 = 0; // the 万 group since the last 亿, already scaled
    let mut section: i128 = 0; // below 万
    let mut place: u32 = 4; // the last place word in this section (4: none yet)
    let mut digit: Option<i128> = None;
    let mut zero = false; // a 零 since the last place word: the next digit is not a tail
    let mut last_big: Option<u32> = None; // the section word just read, for a tail after it (三万五)
    for (k, &c) in run.iter().enumerate() {
        if let Some(d) = cn_digit(c) {
            if d == 0 {
                if digit.is_some() {
                    return None; // 五零: not a place-value numeral
                }
                zero = true;
            } else {
                if digit.is_some() {
                    return None; // 三四: two readings
                }
                digit = Some(i128::from(d));
            }
            continue;
        }
        let (d, p) = match c {
            '廿' if digit.is_none() => (2, 1),
            '卅' if digit.is_none() => (3, 1),
            _ => match cn_place(c) {
                // 十 alone is 一十 (十二, 一百十一); 百 and 千 need their digit, except right after 零
                // (一万零百一十一, read as 零一百).
                Some(1) => (digit.take().unwrap_or(1), 1),
                Some(p) if zero && digit.is_none() => (1, p),
                Some(p) => (digit.take()?, p),
                None => {
                    let b = cn_big(c)?;
                    let group = section + digit.take().unwrap_or(0);
                    if zero && group == 0 && k > 0 {
                        return None; // 一亿零万
                    }
                    if digit_was_tail(place, zero, group, section) {
                        return None; // 一千五万: 1500万 or 1005万
                    }
                    if b == 4 {
                        if mid != 0 || group == 0 {
                            return None; // 万万, 一亿万, or 万 with no number before it
                        }
                        mid = group.checked_mul(10_000)?;
                    } else {
                        let total = high.checked_add(mid)?.checked_add(group)?;
                        if total == 0 {
                            return None;
                        }
                        high = total.checked_mul(100_000_000)?;
                        mid = 0;
                    }
                    section = 0;
                    place = 4;
                    zero = false;
                    last_big = Some(b);
                    continue;
                }
            },
        };
        if p >= place {
            return None; // 十百, 一百一百: places out of order
        }
        section += d * 10i128.pow(p);
        place = p;
        zero = false;
        last_big = None;
    }
    let tail = match digit {
        None if zero => return None, // a trailing 零 (一百零) is not a number
        None => 0,
        Some(d) if zero || place == 1 => d,
        // 一百二, 两千六: a digit right after a place word is one place below it.
        Some(d) if place < 4 => d * 10i128.pow(place - 1),
        // 三万五, 一亿二: a digit right after 万 or 亿 is one place below it.
        Some(d) => match last_big {
            Some(b) => d * 10i128.checked_pow(b - 1)?,
            None => d,
        },
    };
    high.checked_add(mid)?
        .checked_add(section)?
        .checked_add(tail)
}

/// Whether the digit before a section word would be a colloquial tail (一千五万), which has two readings there.
fn digit_was_tail(place: u32, zero: bool, group: i128, section: i128) -> bool {
    !zero && (2..4).contains(&place) && group != section
}

/// The 角 and 分 of a sum written in words after 元 or 圆 (`伍角`, `零伍分`, `叁角肆分`), then 整. Returns the
/// fraction of a yuan and the end (after 整 or 正 if written); `None` when nothing of the sort follows.
pub fn money_tail(s: &[char], j: usize) -> Option<(Decimal, usize)> {
    let mut k = j;
    let mut cents = 0i64;
    let mut read = false;
    for (word, weight) in [('角', 10), ('分', 1)] {
        let z = usize::from(s.get(k) == Some(&'零'));
        if let Some(d) = s.get(k + z).and_then(|&c| cn_digit(c)).filter(|&d| d > 0) {
            if s.get(k + z + 1) == Some(&word) {
                cents += i64::from(d) * weight;
                k += z + 2;
                read = true;
            }
        }
    }
    if matches!(s.get(k), Some('整' | '正')) {
        k += 1;
        read = true;
    }
    read.then(|| (Decimal::new(cents, 2).normalize(), k))
}

/// `二〇二四年` → `2024年`: a year written digit by digit in Chinese numerals reads like one in digits.
pub fn ascii_years(s: &mut [char]) {
    let mut i = 4;
    while i < s.len() {
        if s[i] == '年'
            && s[i - 4..i].iter().all(|&c| cn_digit(c).is_some())
            && !(i > 4 && is_cn_numeral(s[i - 5]))
        {
            for c in &mut s[i - 4..i] {
                let d = cn_digit(*c).unwrap_or(0);
                *c = char::from_digit(d, 10).unwrap_or('0');
            }
        }
        i += 1;
    }
}

/// `100万三千`, `1万600`, `1百01`, `一百点123`: digits and Chinese numerals mixed in one number. The digits are
/// rewritten as Chinese numerals (`一百万三千`, `一万六百`, `一百零一`, `一百点一二三`) so the numeral reader reads
/// the whole number; read apart, the digits alone gave a wrong value (100万三千 as 1000000).
pub fn mixed_numerals(s: &mut Vec<char>) {
    let digit = |c: char| cn_digit(c).is_some();
    let place = |c: char| is_cn_numeral(c) && !digit(c);
    // Mixed only where digits touch 点 (一百点123), a place word is followed by digits (1百01), or digits or
    // numerals follow 万/亿 after digits (1万600, 100万三千). `2.5千` and `5千米` are not mixed (a magnitude or
    // a unit follows the digits), nor is `二100` (OCR debris, not a numeral).
    let mixed = s.windows(2).any(|w| {
        let (a, b) = (w[0], w[1]);
        a.is_ascii_digit() && b == '点'
            || b.is_ascii_digit()
                && (a == '点' || place(a) && !matches!(a, '万' | '萬' | '亿' | '億'))
    }) || s.windows(3).any(|w| {
        w[0].is_ascii_digit()
            && matches!(w[1], '万' | '萬' | '亿' | '億')
            && (w[2].is_ascii_digit() || digit(w[2]))
    });
    if !mixed {
        return;
    }
    let mut out: Vec<char> = Vec::with_capacity(s.len() * 2);
    let mut i = 0;
    while i < s.len() {
        if !s[i].is_ascii_digit() {
            out.push(s[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < s.len() && s[i].is_ascii_digit() {
            i += 1;
        }
        let digits = &s[start..i];
        let after_point = matches!(out.last(), Some('点' | '.'));
        if after_point {
            if out.last() == Some(&'.') {
                out.pop();
                out.push('点');
            }
            // Decimals are digit by digit.
            out.extend(
                digits
                    .iter()
                    .map(|&d| DIGIT_CHARS[(d as u8 - b'0') as usize]),
            );
            continue;
        }
        // A leading 0 after a place or section word is the 零 of a skipped place (1百01).
        let zeros = digits.iter().take_while(|&&d| d == '0').count();
        if zeros > 0 && zeros < digits.len() {
            out.push('零');
        }
        if digits.len() > 16 {
            return; // too long to be a number (a code): the cell is left as it is
        }
        let n: u64 = digits.iter().fold(0u64, |n, &d| {
            n.saturating_mul(10)
                .saturating_add(u64::from(d as u8 - b'0'))
        });
        write_chinese(n, &mut out);
        if s.get(i) == Some(&'.') && s.get(i + 1).is_some_and(char::is_ascii_digit) {
            out.push('点');
            i += 1;
        }
    }
    *s = out;
}

const DIGIT_CHARS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Writes `n` (below 10^16) as a standard Chinese numeral: places, 零 for skipped places, 万 and 亿.
fn write_chinese(n: u64, out: &mut Vec<char>) {
    fn section(n: u64, out: &mut Vec<char>) {
        let mut zero = false;
        let mut any = false;
        for (p, u) in [
            (1000, Some('千')),
            (100, Some('百')),
            (10, Some('十')),
            (1, None),
        ] {
            let d = (n / p) % 10;
            if d == 0 {
                zero = any;
                continue;
            }
            if zero {
                out.push('零');
                zero = false;
            }
            out.push(DIGIT_CHARS[d as usize]);
            out.extend(u);
            any = true;
        }
    }
    if n == 0 {
        out.push('零');
        return;
    }
    let groups = [
        n / 100_000_000 / 10_000,
        n / 100_000_000 % 10_000,
        n / 10_000 % 10_000,
        n % 10_000,
    ];
    let words = [Some('万'), Some('亿'), Some('万'), None];
    let mut started = false;
    let mut gap = false; // a group skipped since the last one written
    for (k, (&g, &w)) in groups.iter().zip(&words).enumerate() {
        if g == 0 {
            if started && k == 1 {
                out.push('亿'); // 一万亿: the 亿 of an empty group below 万亿
            }
            gap |= started;
            continue;
        }
        if started && (gap || g < 1000) {
            out.push('零');
        }
        gap = false;
        section(g, out);
        out.extend(w);
        started = true;
    }
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
