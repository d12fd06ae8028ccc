//! The generalisation test of the allocation reader: a known allocation plan, rendered into each layout that
//! converters write, reads back to the same rows, subtotals and printed total. Plans are drawn at random
//! (recipients, amounts with two decimals or thousands separators, notes, groups with or without 小计 rows and
//! outline headings that may print their group's sum, a 序号 column or not, the unit in the header or on a line of
//! its own), so the reader cannot be tuned to one file.

use proptest::prelude::*;

use jixiao::model::Document;
use jixiao::read::read_text;

#[path = "common/layouts.rs"]
mod layouts;
use layouts::tab_rows;

/// One printed row of the plan.
#[derive(Clone, Debug)]
struct Line {
    name: String,
    /// Hundredths of 万元.
    cents: u64,
}

#[derive(Clone, Debug)]
struct Plan {
    groups: Vec<Vec<Line>>,
    subtotals: bool,
    headings: bool,
    seq: bool,
    unit_line: bool,
    notes: bool,
    /// Amounts printed with thousands separators (`1,234.56`).
    commas: bool,
    /// Outline headings print their group's sum in the amount column.
    heading_sums: bool,
}

const FIRST: [&str; 12] = [
    "东", "西", "南", "北", "安", "平", "和", "兴", "清", "河", "石", "云",
];
const SECOND: [&str; 8] = ["山", "阳", "宁", "城", "丰", "溪", "源", "林"];
const SUFFIX: [&str; 4] = ["县", "区", "镇", "乡"];
const HEADINGS: [&str; 4] = ["一、东片区", "二、西片区", "三、南片区", "四、北片区"];

fn plan() -> impl Strategy<Value = Plan> {
    let line = (
        0..FIRST.len(),
        0..SECOND.len(),
        0..SUFFIX.len(),
        1u64..5_000_000,
    );
    let groups = prop::collection::vec(prop::collection::vec(line, 1..5), 1..4);
    (groups, prop::collection::vec(any::<bool>(), 8)).prop_map(|(groups, f)| {
        // Names unique within the plan: a running number keeps them apart.
        let mut n = 0;
        let groups = groups
            .into_iter()
            .map(|g| {
                g.into_iter()
                    .map(|(a, b, c, cents)| {
                        n += 1;
                        let name = format!("{}{}{}{}", FIRST[a], SECOND[b], n_name(n), SUFFIX[c]);
                        Line { name, cents }
                    })
                    .collect()
            })
            .collect();
        Plan {
            groups,
            subtotals: f[0],
            headings: f[1],
            seq: f[2],
            unit_line: f[3],
            notes: f[4],
            commas: f[5],
            heading_sums: f[1] && f[6],
        }
    })
}

/// A name part from a number, in Han characters (no digits in names).
fn n_name(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    n.to_string()
        .chars()
        .map(|c| D[c.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

fn money(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// The amount as the plan prints it.
fn printed(cents: u64, commas: bool) -> String {
    if !commas {
        return money(cents);
    }
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped}.{:02}", cents % 100)
}

/// The plan as rows of cells: title, unit line, header, then rows, 小计 rows and the 合计 row.
fn grid(p: &Plan) -> Vec<Vec<String>> {
    let mut out = vec![vec!["2024年某某专项资金分配表".to_owned()]];
    if p.unit_line {
        out.push(vec!["单位:万元".to_owned()]);
    }
    let amount = if p.unit_line {
        "金额"
    } else {
        "金额(万元)"
    };
    let mut header = Vec::new();
    if p.seq {
        header.push("序号");
    }
    header.extend(["单位", amount, "备注"]);
    out.push(header.iter().map(|s| s.to_string()).collect());
    let width = header.len();
    let mut seq = 0;
    let mut total = 0;
    for (g, lines) in p.groups.iter().enumerate() {
        if p.headings {
            let mut row = vec![String::new(); width];
            row[0] = HEADINGS[g].to_owned();
            if p.heading_sums {
                row[width - 2] = printed(lines.iter().map(|l| l.cents).sum(), p.commas);
            }
            out.push(row);
        }
        let mut sub = 0;
        for (i, l) in lines.iter().enumerate() {
            seq += 1;
            sub += l.cents;
            let mut row = Vec::new();
            if p.seq {
                row.push(seq.to_string());
            }
            let note = if p.notes && i % 2 == 0 { "新建" } else { "" };
            row.extend([l.name.clone(), printed(l.cents, p.commas), note.to_owned()]);
            out.push(row);
        }
        total += sub;
        if p.subtotals {
            let mut row = vec![String::new(); width];
            row[width - 3] = "小计".to_owned();
            row[width - 2] = printed(sub, p.commas);
            out.push(row);
        }
    }
    let mut row = vec![String::new(); width];
    row[width - 3] = "合计".to_owned();
    row[width - 2] = printed(total, p.commas);
    out.push(row);
    out
}

/// Converter pipes (`a | b | ||||`) padded to the widest row.
fn pipe_rows(g: &[Vec<String>]) -> String {
    layouts::pipe_rows(g, g.iter().map(Vec::len).max().unwrap_or(1))
}

/// One cell per line ending in ` |`, empty cells as bare `|` lines, each row closed by a bare `|`.
fn cell_bar(g: &[Vec<String>]) -> String {
    let mut out = Vec::new();
    for r in g {
        for c in r {
            out.push(if c.is_empty() {
                "|".to_owned()
            } else {
                format!("{c} |")
            });
        }
        out.push("|".to_owned());
    }
    out.join("\n")
}

/// One cell per line with blank lines between, empty cells dropped (a Word or web page copied as text).
fn cell_lines(g: &[Vec<String>]) -> String {
    g.iter()
        .flatten()
        .filter(|c| !c.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Words separated by spaces, empty cells dropped.
fn spaces(g: &[Vec<String>]) -> String {
    g.iter()
        .map(|r| {
            r.iter()
                .filter(|c| !c.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_reads_back(text: &str, p: &Plan, layout: &str) {
    let doc: Document = read_text(text, layout);
    assert_eq!(doc.allocations.len(), 1, "{layout}: plans\n{text}");
    let a = &doc.allocations[0];
    let want: Vec<(String, String)> = p
        .groups
        .iter()
        .flatten()
        .map(|l| (l.name.clone(), money(l.cents)))
        .collect();
    let got: Vec<(String, String)> = a
        .rows
        .iter()
        .map(|r| {
            (
                r.project.clone().unwrap_or_default(),
                r.amount.map(|m| m.amount.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(got, want, "{layout}: rows\n{text}");
    assert!(
        a.rows
            .iter()
            .all(|r| r.amount.is_some_and(|m| m.unit.as_str() == "万元")),
        "{layout}: unit"
    );
    if p.seq {
        let seqs: Vec<Option<u32>> = a.rows.iter().map(|r| r.seq).collect();
        let want: Vec<Option<u32>> = (1..=want.len() as u32).map(Some).collect();
        assert_eq!(seqs, want, "{layout}: 序号\n{text}");
    }
    if p.headings {
        let mut i = 0;
        for (g, lines) in p.groups.iter().enumerate() {
            for _ in lines {
                assert_eq!(
                    a.rows[i].group.as_deref(),
                    Some(HEADINGS[g]),
                    "{layout}: group of row {i}\n{text}"
                );
                i += 1;
            }
        }
    }
    let subs: Vec<String> = a
        .subtotals
        .iter()
        .map(|s| s.amount.amount.to_string())
        .collect();
    let mut want_subs: Vec<String> = Vec::new();
    for g in &p.groups {
        let sum = money(g.iter().map(|l| l.cents).sum());
        if p.heading_sums {
            want_subs.push(sum.clone());
        }
        if p.subtotals {
            want_subs.push(sum);
        }
    }
    assert_eq!(subs, want_subs, "{layout}: subtotals\n{text}");
    let total: u64 = p.groups.iter().flatten().map(|l| l.cents).sum();
    assert_eq!(
        a.printed_total.map(|m| m.amount.to_string()),
        Some(money(total)),
        "{layout}: total\n{text}"
    );
    assert!(doc.unread.is_empty(), "{layout}: {:?}\n{text}", doc.unread);
    assert_eq!(
        doc.rows.table_rows, doc.rows.placed,
        "{layout}: rows placed"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_layout_reads_back_the_same_plan(p in plan()) {
        let g = grid(&p);
        assert_reads_back(&tab_rows(&g), &p, "tab-rows");
        assert_reads_back(&pipe_rows(&g), &p, "pipe-rows");
        assert_reads_back(&cell_bar(&g), &p, "cell-bar");
        assert_reads_back(&spaces(&g), &p, "spaces");
        assert_reads_back(&cell_lines(&g), &p, "cell-lines");
    }
}
