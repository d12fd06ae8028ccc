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
