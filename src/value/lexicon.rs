//! The words of value cells: comparators, qualifiers, frequencies, units and grades.
//!
//! Everything here works on folded text (see `normalize`), as slices of `char`.

use super::{Level, Op, Per, Qual};

/// Whether `w` is written in `s` starting at `i`.
#[inline]
pub fn at(s: &[char], i: usize, w: &str) -> bool {
    (i..).zip(w.chars()).all(|(j, c)| s.get(j) == Some(&c))
}

/// Where `w` starts if it is written in `s` ending just before `end`.
#[inline]
pub fn ends_at(s: &[char], end: usize, w: &str) -> Option<usize> {
    let mut j = end;
    for c in w.chars().rev() {
        if j == 0 || s[j - 1] != c {
            return None;
        }
        j -= 1;
    }
    Some(j)
}

/// Whether `w` occurs anywhere in `s`.
pub fn contains(s: &[char], w: &str) -> bool {
    let first = match w.chars().next() {
        Some(c) => c,
        None => return true,
    };
    s.iter()
        .enumerate()
        .any(|(i, &c)| c == first && at(s, i, w))
}

/// A word table indexed by first and by last character, so that a look-up touches only the few words that can
/// match (the parser's hot path looks up comparators and units at every number).
pub struct Words<T: 'static> {
    by_first: Vec<Group<T>>,
    by_last: Vec<Group<T>>,
}

/// The words that share a key character, longest first.
type Group<T> = (char, Vec<(Box<[char]>, T)>);

impl<T: Copy> Words<T> {
    /// Indexes `table`; within a group, longer words come first.
    pub fn new(table: &[(&str, T)]) -> Self {
        fn group<T: Copy>(table: &[(&str, T)], key: impl Fn(&[char]) -> char) -> Vec<Group<T>> {
            let mut groups: Vec<Group<T>> = Vec::new();
            for &(w, t) in table {
                let chars: Box<[char]> = w.chars().collect();
                let k = key(&chars);
                match groups.iter_mut().find(|(c, _)| *c == k) {
                    Some((_, g)) => g.push((chars, t)),
                    None => groups.push((k, vec![(chars, t)])),
                }
            }
            for (_, g) in &mut groups {
                g.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
            }
            groups.sort_by_key(|(c, _)| *c);
            groups
        }
        Words {
            by_first: group(table, |w| w[0]),
            by_last: group(table, |w| w[w.len() - 1]),
        }
    }

    fn find(groups: &[Group<T>], c: char) -> &[(Box<[char]>, T)] {
        groups
            .binary_search_by_key(&c, |(k, _)| *k)
            .map_or(&[], |i| groups[i].1.as_slice())
    }

    /// The longest word written at `i`, with its tag and its length in chars.
    #[inline]
    pub fn longest_at(&self, s: &[char], i: usize) -> Option<(T, usize)> {
        let c = *s.get(i)?;
        Self::find(&self.by_first, c)
            .iter()
            .find(|(w, _)| s.len() - i >= w.len() && s[i..i + w.len()] == **w)
            .map(|(w, t)| (*t, w.len()))
    }

    /// The longest word ending just before `end`, with its tag and start.
    #[inline]
    pub fn longest_ending(&self, s: &[char], end: usize) -> Option<(T, usize)> {
        let c = *s.get(end.checked_sub(1)?)?;
        Self::find(&self.by_last, c)
            .iter()
            .find(|(w, _)| end >= w.len() && s[end - w.len()..end] == **w)
            .map(|(w, t)| (*t, end - w.len()))
    }
}

/// The longest word of `table` written at `i`, with its tag and its length in chars (for small, cold tables).
pub fn longest_at<T: Copy>(s: &[char], i: usize, table: &[(&str, T)]) -> Option<(T, usize)> {
    let mut best: Option<(T, usize)> = None;
    for &(w, t) in table {
        if at(s, i, w) {
            let n = w.chars().count();
            if best.is_none_or(|(_, m)| n > m) {
                best = Some((t, n));
            }
        }
    }
    best
}

/// The longest word of `table` ending just before `end`, with its tag and start (for small, cold tables).
pub fn longest_ending<T: Copy>(s: &[char], end: usize, table: &[(&str, T)]) -> Option<(T, usize)> {
    let mut best: Option<(T, usize)> = None;
    for &(w, t) in table {
        if let Some(start) = ends_at(s, end, w) {
            if best.is_none_or(|(_, b)| start < b) {
                best = Some((t, start));
            }
        }
    }
    best
}

use std::sync::LazyLock;

/// [`PREFIX_OPS`] indexed.
pub static PREFIX_OP_WORDS: LazyLock<Words<Op>> = LazyLock::new(|| Words::new(PREFIX_OPS));
/// [`SUFFIX_OPS`] indexed.
pub static SUFFIX_OP_WORDS: LazyLock<Words<Op>> = LazyLock::new(|| Words::new(SUFFIX_OPS));
/// [`TIME_UNITS`] and [`MULTI_UNITS`] indexed together: `Some(seconds)` for time units.
pub static UNIT_WORDS: LazyLock<Words<Option<u32>>> = LazyLock::new(|| {
    let table: Vec<(&str, Option<u32>)> = TIME_UNITS
        .iter()
        .map(|&(w, s)| (w, Some(s)))
        .chain(MULTI_UNITS.iter().map(|&w| (w, None)))
        .collect();
    Words::new(&table)
});
static SINGLE_UNIT_CHARS: LazyLock<Vec<(char, usize)>> = LazyLock::new(|| {
    let mut v: Vec<(char, usize)> = SINGLE_UNITS.char_indices().map(|(i, c)| (c, i)).collect();
    v.sort_unstable();
    v.dedup_by_key(|(c, _)| *c);
    v
});

/// Comparators written before a quantity. `€` is how OCR reads `≤`; `优于` is "better than", which for the error
/// and precision metrics it is used with means smaller.
pub const PREFIX_OPS: &[(&str, Op)] = &[
    ("大于或等于", Op::Ge),
    ("大于等于", Op::Ge),
    ("高于等于", Op::Ge),
    ("不小于", Op::Ge),
    ("不少于", Op::Ge),
    ("不低于", Op::Ge),
    ("不短于", Op::Ge),
    ("不早于", Op::Ge),
    ("至少", Op::Ge),
    ("最少", Op::Ge),
    ("最低", Op::Ge),
    ("达到", Op::Ge),
    ("达", Op::Ge),
    ("≥", Op::Ge),
    (">=", Op::Ge),
    ("=>", Op::Ge),
    ("小于或等于", Op::Le),
    ("小于等于", Op::Le),
    ("低于等于", Op::Le),
    ("不大于", Op::Le),
    ("不多于", Op::Le),
    ("不高于", Op::Le),
    ("不超过", Op::Le),
    ("不超出", Op::Le),
    ("不超", Op::Le),
    ("不长于", Op::Le),
    ("不晚于", Op::Le),
    ("最多", Op::Le),
    ("至多", Op::Le),
    ("最高", Op::Le),
    ("控制在", Op::Le),
    ("≤", Op::Le),
    ("<=", Op::Le),
    ("=<", Op::Le),
    ("€", Op::Le),
    ("大于", Op::Gt),
    ("多于", Op::Gt),
    ("高于", Op::Gt),
    ("超过", Op::Gt),
    (">", Op::Gt),
    ("小于", Op::Lt),
    ("少于", Op::Lt),
    ("低于", Op::Lt),
    ("不足", Op::Lt),
    ("不到", Op::Lt),
    ("优于", Op::Lt),
    ("<", Op::Lt),
    ("约为", Op::Approx),
    ("大约", Op::Approx),
    ("约", Op::Approx),
    ("~", Op::Approx),
    ("等于", Op::Eq),
    ("为", Op::Eq),
    ("=", Op::Eq),
];

/// Comparators written after a quantity (以上/以下/以内 include the number itself, as in PRC statutes).
pub const SUFFIX_OPS: &[(&str, Op)] = &[
    ("及以上", Op::Ge),
    ("或以上", Op::Ge),
    ("以上", Op::Ge),
    ("及以下", Op::Le),
    ("或以下", Op::Le),
    ("以下", Op::Le),
    ("以内", Op::Le),
    ("之内", Op::Le),
    ("范围内", Op::Le),
    ("内", Op::Le),
    ("之前", Op::Le),
    ("以前", Op::Le),
    ("前", Op::Le),
    ("左右", Op::Approx),
    ("上下", Op::Approx),
];

/// Qualifiers, found anywhere before the quantity.
pub const QUALS: &[(&str, Qual)] = &[
    ("累计", Qual::Cumulative),
    ("年均", Qual::AnnualAvg),
    ("年平均", Qual::AnnualAvg),
    ("平均每年", Qual::AnnualAvg),
    ("每年平均", Qual::AnnualAvg),
    ("新增", Qual::Increment),
    ("新建", Qual::Increment),
    ("增加", Qual::Increment),
    ("增长", Qual::Increment),
];

/// Frequency words that carry their meaning anywhere before the quantity (每月 … 1次).
pub const PER_ANYWHERE: &[(&str, Per)] = &[
    ("每半年", Per::HalfYear),
    ("每季度", Per::Quarter),
    ("每季", Per::Quarter),
    ("每个月", Per::Month),
    ("每月", Per::Month),
    ("每年度", Per::Year),
    ("每年", Per::Year),
    ("每周", Per::Week),
    ("每星期", Per::Week),
    ("每天", Per::Day),
    ("每日", Per::Day),
    // 全年完成2次 is two a year, as 年度1份 is one.
    ("全年", Per::Year),
];

/// Frequency words that count only right before the quantity (年度1份, 一年12次).
pub const PER_ADJACENT: &[(&str, Per)] = &[
    ("半年", Per::HalfYear),
    ("一年", Per::Year),
    ("年度", Per::Year),
    ("月度", Per::Month),
    ("一个月", Per::Month),
    ("季度", Per::Quarter),
    ("一周", Per::Week),
];

/// Periods after a slash (`12次/年`).
pub const PER_AFTER_SLASH: &[(&str, Per)] = &[
    ("半年", Per::HalfYear),
    ("季度", Per::Quarter),
    ("年", Per::Year),
    ("月", Per::Month),
    ("周", Per::Week),
    ("天", Per::Day),
    ("日", Per::Day),
];

/// Time units and their length in seconds (a month is 30 days, a year 365, as `VALUES.md` fixes).
/// `夭` is how OCR reads `天`.
pub const TIME_UNITS: &[(&str, u32)] = &[
    ("个工作日", 86_400),
    ("工作日", 86_400),
    ("个小时", 3_600),
    ("小时", 3_600),
    ("分钟", 60),
    ("秒钟", 1),
    ("秒", 1),
    ("个星期", 604_800),
    ("星期", 604_800),
    ("个季度", 7_776_000),
    ("季度", 7_776_000),
    ("个月", 2_592_000),
    ("月", 2_592_000),
    ("周", 604_800),
    ("天", 86_400),
    ("夭", 86_400),
    ("日", 86_400),
    ("年", 31_536_000),
];

/// Latin time units (`≤180S`: an upper-case S after a number is seconds, not siemens).
pub const LATIN_TIME_UNITS: &[(&str, u32)] =
    &[("S", 1), ("s", 1), ("sec", 1), ("min", 60), ("h", 3_600)];

/// Units of more than one character; checked before single measure words and before magnitudes, so that
/// `千米` is a unit and not 千 × 米.
pub const MULTI_UNITS: &[&str] = &[
    "个百分点",
    "百分点",
    // Percent written as a word after the number (`≥100百分比`): read as `%`.
    "百分比",
    "平方公里",
    "平方千米",
    "平方米",
    "平米",
    "立方米",
    "公顷",
    "公里",
    "千米",
    "千克",
    "公斤",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "厘米",
    "毫米",
    "人次",
    "户次",
    "车次",
    "架次",
    "台次",
    "家次",
    "批次",
    "场次",
    "档次",
    "课时",
    "学时",
    "人天",
    "人日",
    "工日",
    "台套",
    "标准箱",
    "美元",
];

/// One-character measure words (量词) and units. `分` after a number means points (`≥80分`).
pub const SINGLE_UNITS: &str = "个次人名份项篇家期场套集宗处条块册本部版类所颗座栋幢幅盒页件卷组批台辆艘架张株棵只头户间床位门节章首届轮起例笔单点回种款亩吨斤米元分倍箱包袋瓶支把片根枚封帧站级层课讲村镇县校道号升度班遍趟面盏井眼粒尾羽匹%‰℃";

/// Latin units kept as static strings (others are copied).
pub const LATIN_UNITS: &[&str] = &[
    "km²", "m²", "m³", "km", "m", "cm", "mm", "kg", "t", "g", "GB", "TB", "PB", "MB", "kW", "kWh",
    "MW", "Mbps", "Gbps", "ha", "L", "ml", "mL",
];

/// The canonical static form of a one-char unit (with the OCR and compatibility forms mapped).
pub fn single_unit(c: char) -> Option<&'static str> {
    Some(match c {
        '↑' => "个",
        '夭' => "天",
        '㎡' => "m²",
        '㎞' => "km",
        '㎏' => "kg",
        _ => {
            let table = &*SINGLE_UNIT_CHARS;
            let i = table.binary_search_by_key(&c, |(u, _)| *u).ok()?;
            let at = table[i].1;
            &SINGLE_UNITS[at..at + c.len_utf8()]
        }
    })
}

/// Magnitude characters after a number (`1.4万`, `68.336亿`, `3千元`).
pub fn magnitude(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1_000,
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

/// Words that mark a cell as empty.
pub const NONE_MARKERS: &[&str] = &[
    "/",
    "\\",
    "无",
    "不涉及",
    "不适用",
    "暂无",
    "空",
    "N/A",
    "n/a",
    "NA",
    "null",
    "NULL",
    "×",
];

/// Nouns that make a bare phrase a reference to another quantity (`办公实际面积`).
pub const REF_NOUNS: &[&str] = &[
    "面积",
    "总数",
    "人数",
    "数量",
    "总额",
    "金额",
    "总量",
    "实际数",
    "实际值",
    "目标值",
    "计划数",
    "批复数",
    "总人数",
];

/// Grammar of the `提升` family: an optional adverb or 得到, then a verb of change, at the end of the cell.
const IMPROVE_VERBS: &[(&str, Level)] = &[
    ("提升", Level::Improved),
    ("提高", Level::Improved),
    ("增强", Level::Improved),
    ("改善", Level::Improved),
    ("向好", Level::Improved),
    ("加强", Level::Improved),
    ("优化", Level::Improved),
    ("好转", Level::Improved),
    ("增加", Level::Improved),
    ("降低", Level::Reduced),
    ("减少", Level::Reduced),
    ("下降", Level::Reduced),
];

/// Whole-cell grade words.
const EXACT_LEVELS: &[(&str, Level)] = &[
    ("是", Level::Yes),
    ("否", Level::No),
    ("完成", Level::Done),
    ("已完成", Level::Done),
    ("全部完成", Level::Done),
    ("优", Level::Excellent),
    ("优秀", Level::Excellent),
    ("良", Level::Good),
    ("良好", Level::Good),
    ("较好", Level::Good),
    ("中", Level::Fair),
    ("中等", Level::Fair),
    ("一般", Level::Fair),
    ("差", Level::Poor),
    ("较差", Level::Poor),
    ("优良", Level::Fine),
    ("合格", Level::Qualified),
    ("满意", Level::Satisfied),
    ("非常满意", Level::Satisfied),
    ("比较满意", Level::Satisfied),
    ("显著", Level::Marked),
    ("明显", Level::Marked),
    ("有效", Level::Effective),
    ("长期", Level::LongTerm),
    ("长期有效", Level::LongTerm),
    ("节约", Level::Saved),
    ("节省", Level::Saved),
    ("全覆盖", Level::FullCoverage),
    ("达标", Level::UpToStandard),
    ("按时", Level::OnTime),
    ("及时", Level::OnTime),
    ("长远", Level::LongTerm),
    // The top of a 好/较好/一般/差 or 高/中/低 scale, and the step below it.
    ("好", Level::Excellent),
    ("高", Level::Excellent),
    ("较高", Level::Good),
];

/// Reads the grade of a one-clause qualitative cell, or `None` for free text that is not a grade.
pub fn level_of(s: &[char]) -> Option<Level> {
    if s.is_empty() || s[s.len() - 1] == '率' {
        return None; // 发放时间达标率 names an indicator; it is not a grade
    }
    // The official three bands of 财预〔2020〕10号 (达成年度指标 / 部分达成… / 未达成…).
    if at(s, 0, "未达成") {
        return Some(Level::NotAchieved);
    }
    if ["部分达成", "基本达成", "基本达到", "基本实现", "部分实现"]
        .iter()
        .any(|w| at(s, 0, w))
    {
        return Some(Level::PartlyAchieved);
    }
    if at(s, 0, "达成")
        || at(s, 0, "已达成")
        || ["达到预期", "实现预期", "符合预期"]
            .iter()
            .any(|w| at(s, 0, w))
    {
        return Some(Level::Achieved);
    }
    for &(w, l) in EXACT_LEVELS {
        if s.len() == w.chars().count() && at(s, 0, w) {
            return Some(l);
        }
    }
    if ["未完成", "没有完成", "未能完成", "尚未完成", "没完成"]
        .iter()
        .any(|w| contains(s, w))
        || (contains(s, "没有") && ends_at(s, s.len(), "完成").is_some())
    {
        return Some(Level::NotDone);
    }
    if [
        "按时",
        "按期",
        "如期",
        "及时完成",
        "约定时限",
        "规定时限",
        "规定时间内",
        "计划完成时间",
        "计划时间内",
        "按计划完成",
    ]
    .iter()
    .any(|w| contains(s, w))
    {
        return Some(Level::OnTime);
    }
    if contains(s, "达标")
        || ((at(s, 0, "满足") || at(s, 0, "符合") || at(s, 0, "达到"))
            && ["要求", "标准", "规范", "规定"]
                .iter()
                .any(|w| ends_at(s, s.len(), w).is_some()))
    {
        return Some(Level::UpToStandard);
    }
    if at(s, 0, "通过") || at(s, 0, "已通过") {
        return Some(Level::Passed);
    }
    // 应保尽保, 应助尽助, 应改尽改: everyone eligible, that is full coverage.
    if s.len() == 4 && s[0] == '应' && s[2] == '尽' && s[1] == s[3] {
        return Some(Level::FullCoverage);
    }
    // 进一步完善, 持续优化: a direction of improvement, not a task done.
    if s.len() <= 8 && (at(s, 0, "进一步") || at(s, 0, "持续")) {
        return Some(Level::Improved);
    }
    if at(s, 0, "完成")
        || at(s, 0, "已完成")
        || ends_at(s, s.len(), "完成").is_some()
        || ends_at(s, s.len(), "完善").is_some()
    {
        return Some(Level::Done);
    }
    if s.len() <= 16 {
        if let Some((l, _)) = longest_ending(s, s.len(), IMPROVE_VERBS) {
            return Some(l);
        }
    }
    // A verb of change with its object (改善条件, 提升质量): short, so not a sentence that merely starts so.
    if s.len() <= 6 {
        if let Some((l, _)) = longest_at(s, 0, IMPROVE_VERBS) {
            return Some(l);
        }
    }
    if ends_at(s, s.len(), "明显").is_some() || ends_at(s, s.len(), "显著").is_some() {
        return Some(Level::Marked);
    }
    if at(s, 0, "有效") || ends_at(s, s.len(), "有效").is_some() {
        return Some(Level::Effective);
    }
    if s[0] != '不' {
        for (w, l) in [
            ("优良", Level::Fine),
            ("良好", Level::Good),
            ("优秀", Level::Excellent),
            ("合格", Level::Qualified),
            ("较高", Level::Good),
        ] {
            if ends_at(s, s.len(), w).is_some() {
                return Some(l);
            }
        }
    }
    if contains(s, "全覆盖") || contains(s, "覆盖全") || contains(s, "全面覆盖") {
        return Some(Level::FullCoverage);
    }
    if at(s, 0, "长期") {
        return Some(Level::LongTerm);
    }
    None
}

/// Whether `c` is a CJK ideograph.
#[inline]
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Clause separators inside a cell.
#[inline]
pub fn is_clause_sep(c: char) -> bool {
    matches!(c, ',' | ';' | '、' | '。' | '，' | '；')
}
