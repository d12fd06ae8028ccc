//! The word lists of the quality rules, found in an indicator's name in one pass.
//!
//! The rules ask whether a name contains any word of a list (资金拨付, 执行率, 满意 …). Asked list by list, every
//! name was scanned some seventy times, which cost a third of `quality()`. One Aho-Corasick automaton over the
//! words of every list scans the name once and records which lists matched; a rule then asks [`Name::has`].
//! Words that must open or end a name (购置…, …人数) are tested with `starts_with` / `ends_with`, which cost
//! nothing to ask.

use std::collections::HashMap;
use std::ops::Deref;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

/// A word list the rules test names against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum List {
    /// 满意: the name measures satisfaction.
    Satisfied,
    /// 投诉: complaints, counted (投诉率) or handled (投诉处置率).
    Complaint,
    /// Handling words: 投诉举报处置率 measures the handling of complaints (an output), not satisfaction.
    Handling,
    /// Output and process measures (quality, timeliness, running) that describe delivery, not its effect.
    Output,
    /// Technical specifications of what is delivered (RUBRIC §3.4): quality, wherever else they are filed.
    Spec,
    /// The unit's routine work, for which 100% is no target (RUBRIC §3.5).
    Routine,
    /// Names of a time span: a bare number there lacks its unit (服务周期 180: days or months?).
    Span,
    /// Funds paid out or spent (资金拨付, 预算执行率): budget execution, not performance (RUBRIC §3.4).
    BudgetExecution,
    /// What is said of funds when their execution is filed as an indicator (经费使用率, 资金执行率).
    FundProgress,
    /// Objects of a 保障率 that is money paid (工资待遇保障率, 利息补贴保障率).
    PaidObject,
    /// Settling with a contractor (结算), and the words that make it a payment's timing (结算完成率).
    Settlement,
    SettledWhen,
    /// The unit's own budget and asset management, the 共性 indicators of 部门整体 tables (RUBRIC §3.7).
    Management,
    /// Completion and attainment rates: they restate a quantity, or have no scale (RUBRIC §3.8).
    Completion,
    /// Names of a share: a percentage on any other name has no defined measure (齐抓共管 100%).
    RateNoun,
    /// What a cost is: a row under 社会成本 or 生态环境成本 without one of these is not a cost.
    CostNoun,
    /// The words of the social-assistance programmes (`quality::PROGRAMMES` groups them by programme).
    Programme,
}

impl List {
    const ALL: [List; 17] = [
        List::Satisfied,
        List::Complaint,
        List::Handling,
        List::Output,
        List::Spec,
        List::Routine,
        List::Span,
        List::BudgetExecution,
        List::FundProgress,
        List::PaidObject,
        List::Settlement,
        List::SettledWhen,
        List::Management,
        List::Completion,
        List::RateNoun,
        List::CostNoun,
        List::Programme,
    ];

    /// The words of the list.
    pub(crate) fn words(self) -> &'static [&'static str] {
        match self {
            List::Satisfied => &["满意"],
            List::Complaint => &["投诉"],
            List::Handling => &[
                "处置", "处理", "办结", "查处", "查办", "受理", "回复", "调处",
            ],
            List::Output => &[
                "合格率",
                "验收",
                "完成率",
                "备份",
                "运行率",
                "及时率",
                "故障率",
                "达标率",
                "通过率",
                "系统上线",
                "建成",
                "完成时间",
                "中断率",
                "使用率",
                "覆盖率",
                "响应时间",
                "时长",
                "射程",
                "保障率",
            ],
            List::Spec => &[
                "响应时间",
                "射程",
                "预报时长",
                "中断率",
                "正常使用率",
                "运行率",
                "真实率",
            ],
            List::Routine => &[
                "执行率",
                "支付率",
                "及时率",
                "按时",
                "正常运转",
                "运行率",
                "出勤",
                "拨付",
                "发放率",
                "公示率",
                "管理率",
                "核算率",
                "上报",
                "复审",
                "保障率",
            ],
            List::Span => &["时限", "周期", "时间", "工期", "期限", "时长"],
            List::BudgetExecution => &[
                "资金拨付",
                "拨付",
                "资金到位",
                "资金支付",
                "资金执行率",
                "预算执行率",
            ],
            List::FundProgress => &["执行率", "使用率", "完成情况", "进度", "使用完成"],
            List::PaidObject => &["工资", "利息", "补贴", "资金", "经费", "费用"],
            List::Settlement => &["结算"],
            List::SettledWhen => &["完成", "及时", "按时"],
            List::Management => &[
                "三公经费",
                "预算调整",
                "结转结余",
                "资金结余",
                "编制控制",
                "供养人员控制",
                "制度健全",
                "信息公开",
                "资产管理",
                "预决算",
                "重点支出安排",
                "支付进度",
                "资金使用合规",
                "政府采购执行",
            ],
            List::Completion => &["完成率", "完成情况", "完成比例", "达标率", "完成度"],
            List::RateNoun => &[
                "率",
                "比例",
                "比重",
                "度",
                "占比",
                "覆盖",
                "百分比",
                "指数",
                "份额",
                "%",
            ],
            List::CostNoun => &[
                "成本", "费", "资金", "投入", "损失", "占用", "排放", "能耗", "污染",
            ],
            List::Programme => &[
                "最低生活保障",
                "低保",
                "特困人员",
                "特困供养",
                "五保",
                "受灾人员",
                "医疗救助",
                "教育救助",
                "住房救助",
                "就业救助",
                "临时救助",
            ],
        }
    }

    fn bit(self) -> u32 {
        1 << self as u32
    }
}

/// One automaton over the distinct words of all lists; for each of its patterns, the lists that hold it.
struct Matcher {
    automaton: AhoCorasick,
    lists: Vec<u32>,
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(|| {
    let mut words: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut lists: Vec<u32> = Vec::new();
    for list in List::ALL {
        for &w in list.words() {
            let i = *index.entry(w).or_insert_with(|| {
                words.push(w);
                lists.push(0);
                words.len() - 1
            });
            lists[i] |= list.bit();
        }
    }
    // A DFA, asked for: the crate builds one by itself only for at most 100 words, and past that its NFA took
    // twice as long per name (the lists hold about 110 words; the DFA is a few hundred kilobytes).
    let automaton = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(&words)
        .expect("the word lists are plain strings");
    Matcher { automaton, lists }
});

/// An indicator's name (squeezed) with the lists whose words it contains.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Name<'a> {
    text: &'a str,
    lists: u32,
}

impl<'a> Name<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let m = &*MATCHER;
        let lists = m
            .automaton
            .find_overlapping_iter(text)
            .fold(0, |acc, hit| acc | m.lists[hit.pattern().as_usize()]);
        Name { text, lists }
    }

    /// Whether the name contains a word of `list`.
    pub(crate) fn has(&self, list: List) -> bool {
        self.lists & list.bit() != 0
    }
}

impl Deref for Name<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One pass finds what asking each list would: overlapping words and words shared between lists included.
    #[test]
    fn one_pass_agrees_with_asking_each_list() {
        let names = [
            "投诉举报处置率",
            "系统正常运行率",
            "资金拨付及时率",
            "经费使用完成情况",
            "预报时长",
            "满意度",
            "项目结算完成率",
            "",
            "100%",
            "培训人次",
        ];
        for text in names {
            let name = Name::new(text);
            for list in List::ALL {
                let asked = list.words().iter().any(|w| text.contains(w));
                assert_eq!(name.has(list), asked, "{text:?} {list:?}");
            }
        }
        assert!(Name::new("系统正常运行率").has(List::Spec));
        assert!(Name::new("系统正常运行率").has(List::Routine));
        assert!(!Name::new("培训人次").has(List::RateNoun));
    }

    #[test]
    fn every_list_fits_the_mask() {
        assert!(List::ALL.len() <= 32);
        for (i, list) in List::ALL.iter().enumerate() {
            assert_eq!(*list as usize, i);
        }
    }
}
