//! Property tests of the value parser: arbitrary text never panics, and a number written in any supported form
//! reads back to the same exact value.

use jixiao::{parse, Kind, Op, Parser};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Characters that steer the parser into its deeper paths (numbers, dates, units, ranges, comparators).
const ALPHABET: &[&str] = &[
    "0",
    "1",
    "2",
    "9",
    "2024",
    ".",
    ",",
    "，",
    "-",
    "—",
    "~",
    "至",
    "/",
    "(",
    ")",
    "（",
    "）",
    " ",
    "　",
    "%",
    "％",
    "万",
    "亿",
    "千",
    "十",
    "一",
    "两",
    "九",
    "〇",
    "零",
    "年",
    "月",
    "日",
    "底",
    "前",
    "内",
    "以上",
    "以内",
    "约",
    "≥",
    "≤",
    "≧",
    "€",
    ">",
    "<",
    "=",
    "不少于",
    "不超过",
    "预算",
    "年度",
    "第",
    "个",
    "次",
    "天",
    "小时",
    "km",
    "²",
    "S",
    "每月",
    "累计",
    "新增",
    "半年",
    "一年",
    "达标",
    "完成",
    "提升",
    "及以上",
    "良好",
    "级",
    "百分之",
    "&gt;",
    "&",
    "；",
    "、",
    "余",
    "多",
    "T",
    "+",
    "元",
    "万元",
    "人次",
    "卷",
    "件",
    "夭",
    "↑",
    "负",
    "点",
    "廿",
    "壹",
    "拾",
    "佰",
    "萬",
    "個",
    "±",
    "每",
    "亩",
    "户",
    "·",
    "完成",
    "历史标准",
    "\u{3000}1",
    "\u{FEFF}",
    "\u{0}",
    "\u{10FFFF}",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..24).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_never_panics(s in any::<String>()) {
        let v = parse(&s);
        // Whatever it is, it serialises.
        prop_assert!(serde_json::to_string(&v).is_ok());
    }

    #[test]
    fn value_soup_never_panics(s in soup()) {
        let mut p = Parser::new();
        let v = p.parse(&s);
        prop_assert!(serde_json::to_string(&v).is_ok());
        // Parsing is a pure function of the text.
        prop_assert_eq!(p.parse(&s), v);
    }

    #[test]
    fn numbers_read_back_in_every_form(
        mantissa in 0i64..10_000_000_000,
        scale in 0u32..4,
        form in 0usize..6,
        op_idx in 0usize..10,
        unit_idx in 0usize..5,
        spaced in any::<bool>(),
    ) {
        let value = Decimal::new(mantissa, scale).normalize();
        let (op_text, op) = [
            ("", Op::Eq), ("≥", Op::Ge), ("不少于", Op::Ge), ("大于等于", Op::Ge), ("不低于", Op::Ge),
            ("≤", Op::Le), ("不超过", Op::Le), (">", Op::Gt), ("<", Op::Lt), ("约", Op::Approx),
        ][op_idx];
        let (unit_text, unit) = [("", None), ("个", Some("个")), ("%", Some("%")), ("人次", Some("人次")), ("km²", Some("km²"))][unit_idx];
        let number = match form {
            0 => value.to_string(),
            1 => full_width(&value.to_string()),
            2 => with_thousands(&value.to_string()),
            3 => format!("{}万", (value / Decimal::from(10_000)).normalize()),
            4 => match chinese(mantissa) {
                Some(cn) if scale == 0 => cn,
                _ => value.to_string(),
            },
            _ => format!("{}亿", (value / Decimal::from(100_000_000)).normalize()),
        };
        // A Chinese numeral needs a unit or a comparator to count as a number.
        prop_assume!(!(form == 4 && scale == 0 && unit.is_none() && op == Op::Eq && chinese(mantissa).is_some()));
        let sep = if spaced { " " } else { "" };
        let text = format!("{op_text}{sep}{number}{sep}{unit_text}");
        let v = parse(&text);
        prop_assert_eq!(v.kind, Kind::Number, "{}", text);
        prop_assert_eq!(v.value, Some(value), "{}", text);
        prop_assert_eq!(v.op, Some(op), "{}", text);
        prop_assert_eq!(v.unit.as_deref(), unit, "{}", text);
    }
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_graphic() {
                char::from_u32(c as u32 + 0xFEE0).unwrap()
            } else {
                c
            }
        })
        .collect()
}

fn with_thousands(s: &str) -> String {
    let (int, frac) = s.split_once('.').map_or((s, None), |(a, b)| (a, Some(b)));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Writes 1 ≤ n < 10^8 as a Chinese numeral (一千零一十, 三万五千, 十二); `None` outside that range.
fn chinese(n: i64) -> Option<String> {
    if !(1..100_000_000).contains(&n) {
        return None;
    }
    const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    fn below_10k(n: i64, leading: bool) -> String {
        let mut out = String::new();
        let mut zero = false;
        for (p, u) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
            let d = (n / p) % 10;
            if d == 0 {
                zero = !out.is_empty() || !leading;
                continue;
            }
            if zero && !out.is_empty() {
                out.push('零');
            }
            zero = false;
            if !(d == 1 && p == 10 && out.is_empty() && leading) {
                out.push(D[d as usize]);
            }
            out.push_str(u);
        }
        out
    }
    let (hi, lo) = (n / 10_000, n % 10_000);
    Some(match (hi, lo) {
        (0, lo) => below_10k(lo, true),
        (hi, 0) => format!("{}万", below_10k(hi, true)),
        (hi, lo) => {
            let sep = if lo < 1000 { "零" } else { "" };
            format!("{}万{}{}", below_10k(hi, true), sep, below_10k(lo, true))
        }
    })
}

#[test]
fn chinese_renderer_is_right() {
    assert_eq!(chinese(12).unwrap(), "十二");
    assert_eq!(chinese(1010).unwrap(), "一千零一十");
    assert_eq!(chinese(35000).unwrap(), "三万五千");
    assert_eq!(chinese(100_200).unwrap(), "十万零二百");
    assert_eq!(chinese(105).unwrap(), "一百零五");
}

// ---------------------------------------------------------------------------------------------------------------
// Chinese numerals in every form the field writes them

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Below 10,000 with places and 零 for skipped places. `lead`: the numeral's first section (十二, not 一十二).
fn section(n: u64, lead: bool) -> String {
    let mut out = String::new();
    let mut zero = false;
    for (p, u) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
        let d = (n / p) % 10;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
        }
        zero = false;
        if !(d == 1 && p == 10 && out.is_empty() && lead) {
            out.push(DIGITS[d as usize]);
        }
        out.push_str(u);
    }
    out
}

/// The standard reading of 1 ≤ n < 10^16: sections of 万 and 亿, 零 where a section starts below its top place.
fn standard(n: u64, lead: bool) -> String {
    if n >= 100_000_000 {
        let (a, b) = (n / 100_000_000, n % 100_000_000);
        let mut s = standard(a, lead) + "亿";
        if b > 0 {
            if b < 10_000_000 {
                s.push('零');
            }
            s += &standard(b, false);
        }
        return s;
    }
    if n >= 10_000 {
        let (a, b) = (n / 10_000, n % 10_000);
        let mut s = section(a, lead) + "万";
        if b > 0 {
            if b < 1000 {
                s.push('零');
            }
            s += &section(b, false);
        }
        return s;
    }
    section(n, lead)
}

/// Digit by digit, zero written 〇 (二〇二四).
fn digit_by_digit(n: u64) -> String {
    n.to_string()
        .chars()
        .map(|c| {
            let d = c.to_digit(10).unwrap() as usize;
            if d == 0 {
                '〇'
            } else {
                DIGITS[d]
            }
        })
        .collect()
}

/// The financial capitals of a standard numeral (壹仟贰佰), 拾 written with its digit.
fn financial(n: u64) -> String {
    standard(n, false)
        .chars()
        .map(|c| match c {
            '一' => '壹',
            '二' => '贰',
            '三' => '叁',
            '四' => '肆',
            '五' => '伍',
            '六' => '陆',
            '七' => '柒',
            '八' => '捌',
            '九' => '玖',
            '十' => '拾',
            '百' => '佰',
            '千' => '仟',
            c => c,
        })
        .collect()
}

/// 两 for 二 before 千, 万 and 亿 (两千, 两万); the traditional 萬 and 億 when `traditional`.
fn variants(s: &str, liang: bool, traditional: bool) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let first_of_section = i == 0 || matches!(chars[i - 1], '万' | '亿' | '零');
        out.push(match c {
            '二' if liang && first_of_section && matches!(next, Some('千' | '万' | '亿')) => {
                '两'
            }
            '万' if traditional => '萬',
            '亿' if traditional => '億',
            c => c,
        });
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, .. ProptestConfig::default() })]

    /// An integer in the standard, digit-by-digit or financial form, with 两 and traditional characters, alone
    /// or with a unit, reads back exactly.
    #[test]
    fn chinese_integers_read_back(
        n in prop_oneof![1u64..100, 1u64..100_000, 1u64..10_000_000_000_000_000],
        form in 0usize..3,
        liang in any::<bool>(),
        traditional in any::<bool>(),
        unit_idx in 0usize..3,
        negative in any::<bool>(),
    ) {
        let written = match form {
            0 => variants(&standard(n, true), liang, traditional),
            1 => digit_by_digit(n),
            _ => variants(&financial(n), false, traditional),
        };
        // Two neighbouring digits (三四) mean "three or four", and so does 三五; one 一 alone is a dash.
        let estimate = (10..100).contains(&n) && (n % 10 == n / 10 + 1 || n == 35);
        prop_assume!(!(form == 1 && estimate));
        let unit = ["", "个", "元"][unit_idx];
        prop_assume!(!(written == "一" && unit.is_empty()));
        let sign = if negative { "负" } else { "" };
        let text = format!("{sign}{written}{unit}");
        let v = parse(&text);
        let want = if negative { -Decimal::from(n) } else { Decimal::from(n) };
        prop_assert_eq!(v.kind, Kind::Number, "{}", text);
        prop_assert_eq!(v.value, Some(want), "{}", text);
        prop_assert_eq!(v.unit.as_deref(), (!unit.is_empty()).then_some(unit), "{}", text);
    }

    /// A decimal written with 点: the whole part in the standard or digit-by-digit form, the decimals digit by
    /// digit (零点五, 一七二零点一), scaled by 万 or 亿 after it.
    #[test]
    fn chinese_decimals_read_back(
        whole in 0u64..100_000,
        frac in 1u64..1000,
        digits in any::<bool>(),
        big in 0usize..3,
    ) {
        let frac_text = format!("{frac:03}").trim_end_matches('0').to_owned();
        let frac_cn: String = frac_text.chars().map(|c| DIGITS[c.to_digit(10).unwrap() as usize]).collect();
        let whole_cn = match whole {
            0 => "零".to_owned(),
            w if digits && w >= 100 => digit_by_digit(w),
            w => standard(w, true),
        };
        // 一万点五万 is not written: a whole part with its own 万 takes no 万 or 亿 after its decimals.
        let big = if whole >= 10_000 { 0 } else { big };
        let (big_text, scale) = [("", 1u64), ("万", 10_000), ("亿", 100_000_000)][big];
        let text = format!("{whole_cn}点{frac_cn}{big_text}元");
        let want = (format!("{whole}.{frac_text}").parse::<Decimal>().unwrap() * Decimal::from(scale)).normalize();
        let v = parse(&text);
        prop_assert_eq!(v.value, Some(want), "{}", text);
        prop_assert_eq!(v.unit.as_deref(), Some("元"), "{}", text);
    }

    /// The colloquial tail: a last digit one place below the word before it (两千六, 三万五, 一亿二, 一万两千六).
    #[test]
    fn colloquial_tails_read_back(
        d1 in 1u64..10,
        d2 in 1u64..10,
        word_idx in 0usize..4,
        wan in 0u64..10,
    ) {
        // 十万五 and the like are not said: the tail follows 百, 千, 万 or 亿.
        let (word, place) = [("百", 2), ("千", 3), ("万", 4), ("亿", 8)][word_idx];
        let p = 10u64.pow(place);
        let mut value = d1 * p + d2 * p / 10;
        let mut text = format!("{}{word}{}", DIGITS[d1 as usize], DIGITS[d2 as usize]);
        if place <= 3 && wan > 0 {
            // 一万两千六: a 万 section before the colloquial one.
            text = format!("{}万{text}", DIGITS[wan as usize]);
            value += wan * 10_000;
        }
        let v = parse(&format!("{text}个"));
        prop_assert_eq!(v.value, Some(Decimal::from(value)), "{}", text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    /// A value in any supported form keeps its reading with a remark beside it, in brackets or as a clause, and
    /// the remark comes back as its annotation.
    #[test]
    fn values_keep_their_reading_with_a_remark(
        base_idx in 0usize..12,
        remark_idx in 0usize..5,
        form in 0usize..4,
    ) {
        let base = [
            "≥95%", "100%", "≤5天", "2024年12月31日前", "不少于3次", "每户补助2000元", "约76-77万页",
            "壹仟贰佰元", "三万五千人", "12次/年", "±3%", "2021年12月完成",
        ][base_idx];
        let remark = ["历史标准", "计划标准", "以抽查结果为准", "行业标准", "据主管部门统计"][remark_idx];
        let text = match form {
            0 => format!("{base}({remark})"),
            1 => format!("{base}（{remark}）"),
            2 => format!("{base};{remark}"),
            _ => format!("{base}，{remark}。"),
        };
        let alone = parse(base);
        let mut with = parse(&text);
        let annotation = with.annotation.take();
        prop_assert_eq!(annotation.as_deref(), Some(remark), "{}", text);
        prop_assert_eq!(with, alone, "{}", text);
    }
}

#[test]
fn chinese_forms_render_as_written() {
    assert_eq!(standard(12, true), "十二");
    assert_eq!(standard(1010, true), "一千零一十");
    assert_eq!(standard(100_200, true), "十万零二百");
    assert_eq!(standard(1_000_000_000_000, true), "一万亿");
    assert_eq!(standard(100_005_000, true), "一亿零五千");
    assert_eq!(digit_by_digit(2024), "二〇二四");
    assert_eq!(financial(1200), "壹仟贰佰");
    assert_eq!(variants("二千二百万", true, true), "两千二百萬");
}
