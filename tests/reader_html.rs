//! HTML pages read into the same model as text.
//!
//! The strongest checks render the tab-row seeds as HTML in the test (each text line on the same source line:
//! a tab line a `<tr>` of `<td>`s, a run of them a `<table>`, any other line a `<p>`, a blank line an empty
//! `<p>`), in several ways a page may lay the same table out, and require the same model as the text.

mod common;
#[path = "common/seed_html.rs"]
mod seed_html;

use std::path::{Path, PathBuf};

use common::{content, expect, first_difference, reading, set_every};
use jixiao::model::Document;
use jixiao::read::{read_bytes, read_path};
use seed_html::{render, render_rows, shown_text, Cells};
use serde_json::Value as Json;

const TAB_SEEDS: &[&str] = &[
    "001_8ac005536caa6091",
    "002_64eb690d41cac579",
    "003_4ea89972e077d80e",
    "004_717b51cf7e2c8e2d",
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn seed_text(seed: &str) -> String {
    std::fs::read_to_string(fixtures().join(format!("documents/{seed}.txt"))).unwrap()
}

/// Reads `html` and requires the model the text reads to.
fn assert_reads_like_text(seed: &str, what: &str, bytes: &[u8], text: &Document) -> Document {
    let doc =
        read_bytes(bytes, &format!("{seed}.html")).unwrap_or_else(|e| panic!("{seed} {what}: {e}"));
    assert_eq!(doc.layout.as_deref(), Some("html"), "{seed} {what}");
    let (a, b) = (content(&doc), content(text));
    if let Some(d) = first_difference(&a, &b, "") {
        panic!("{seed} {what} differs from the text reading at {d}");
    }
    assert_eq!(a, b, "{seed} {what}");
    doc
}

/// The text reading of a seed as its HTML rendering shows it.
fn read_seed(seed: &str) -> Document {
    let text = seed_text(seed);
    let shown = shown_text(&text);
    let doc = jixiao::read::read_text(&shown, &format!("{seed}.txt"));
    // Only runs of white space differ (the goal texts of seeds 001, 003 and 004): the model read from the file
    // itself is the same but for them.
    let original = read_path(&fixtures().join(format!("documents/{seed}.txt"))).unwrap();
    let (mut a, mut b) = (content(&doc), content(&original));
    collapse_spaces(&mut a);
    collapse_spaces(&mut b);
    assert_eq!(a, b, "{seed}");
    assert!(
        !doc.tables.is_empty() || !doc.allocations.is_empty(),
        "{seed}"
    );
    doc
}

/// Every string of a JSON value with its runs of white space as one space.
fn collapse_spaces(v: &mut Json) {
    match v {
        Json::String(s) => *s = s.split_whitespace().collect::<Vec<_>>().join(" "),
        Json::Array(items) => items.iter_mut().for_each(collapse_spaces),
        Json::Object(map) => map.values_mut().for_each(collapse_spaces),
        _ => {}
    }
}

#[test]
fn seeds_as_html_read_like_their_text() {
    for seed in TAB_SEEDS {
        let html = render(&seed_text(seed), Cells::Plain);
        let doc = assert_reads_like_text(seed, "plain", html.as_bytes(), &read_seed(seed));
        assert_eq!(doc.encoding.as_deref(), Some("utf-8"));
    }
}

#[test]
fn seeds_with_merged_cells_read_like_their_text() {
    for seed in TAB_SEEDS {
        let html = render(&seed_text(seed), Cells::Merged);
        assert!(html.contains("rowspan"), "{seed}");
        assert_reads_like_text(seed, "merged", html.as_bytes(), &read_seed(seed));
    }
}

/// Known gap, in the row readers downstream (`document.rs`/`indicators.rs`, being rewritten): a cell merged down
/// over equal cells below it (`完成`, `是`, `/`, a weight of 10 on consecutive rows, equal amounts) shows its text
/// once, in its top slot, as the rowspan convention of the readers says (Word's vMerge reads the same way). The
/// readers carry blanks down only in category columns, so the rows below read with their values missing, and
/// rows whose weight and score are merged lose the anchor the values are read from: seed 004's first table
/// reads 23 of its 98 indicators, seed 002's first 9 of 12, a 003 allocation row loses its amount. Categories
/// merged the same way read right (`seeds_with_merged_cells_read_like_their_text`). Run it with
/// `cargo test --test reader_html -- --ignored`.
#[test]
#[ignore = "known gap: values merged by rowspan read as blanks below the top row (see the comment)"]
fn seeds_with_repeated_cells_merged_read_like_their_text() {
    for seed in TAB_SEEDS {
        let html = render(&seed_text(seed), Cells::Repeated);
        assert!(html.contains("rowspan"), "{seed}");
        assert_reads_like_text(seed, "repeated", html.as_bytes(), &read_seed(seed));
    }
}

#[test]
fn seeds_with_broken_cells_read_like_their_text() {
    for seed in TAB_SEEDS {
        let html = render(&seed_text(seed), Cells::Broken);
        assert!(html.contains("<br>"), "{seed}");
        let text = read_seed(seed);
        assert_reads_like_text(seed, "broken", html.as_bytes(), &text);
        // Line breaks inside cells move the lines below; the rest of the model stays.
        let html = render(&seed_text(seed), Cells::Wrapped);
        let doc = read_bytes(html.as_bytes(), "wrapped.html").unwrap();
        let (mut a, mut b) = (content(&doc), content(&text));
        set_every(&mut a, "line", &Json::Null);
        set_every(&mut b, "line", &Json::Null);
        if let Some(d) = first_difference(&a, &b, "") {
            panic!("{seed} wrapped differs from the text reading at {d}");
        }
        assert_eq!(a, b, "{seed}");
    }
}

/// Seed 000 is Word's one cell per line: its rows, not its lines, as a page read to the same model (but for
/// line numbers, as a row spans several lines of the text).
#[test]
fn seed_000_as_html_reads_like_its_text() {
    use jixiao::read::grid::{rows, TextLayout};
    let seed = "000_4d4b8abbc5176aaa";
    let text = seed_text(seed);
    let html = render_rows(&rows(&text, TextLayout::CellPerLine));
    let doc = read_bytes(html.as_bytes(), "000.html").unwrap();
    let original = read_path(&fixtures().join(format!("documents/{seed}.txt"))).unwrap();
    assert_eq!(original.layout.as_deref(), Some("cell-per-line"));
    assert_eq!(doc.tables.len(), 1);
    let (mut a, mut b) = (content(&doc), content(&original));
    set_every(&mut a, "line", &Json::Null);
    set_every(&mut b, "line", &Json::Null);
    if let Some(d) = first_difference(&a, &b, "") {
        panic!("{seed} as a page differs from the text reading at {d}");
    }
    assert_eq!(a, b);
}

/// A GBK page that says so in a `<meta>`: read as GB18030 (GBK's superset), the same model.
#[test]
fn seeds_as_gbk_pages_read_like_their_text() {
    for seed in TAB_SEEDS {
        let html = render(&seed_text(seed), Cells::Plain).replacen(
            "<meta charset=\"utf-8\">",
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">",
            1,
        );
        // Characters GBK lacks (OCR oddities of seed 002) become numeric character references, as browsers
        // encode them; the parser reads them back.
        let (gbk, _, _) = encoding_rs::GBK.encode(&html);
        assert!(std::str::from_utf8(&gbk).is_err());
        let doc = assert_reads_like_text(seed, "gbk", &gbk, &read_seed(seed));
        assert_eq!(doc.encoding.as_deref(), Some("gb18030"));
    }
}

/// A self-evaluation page as a reporting system exports it: a title and the money unit above the table, the
/// header part, funds, goals and indicators in one table with merged cells, `<br>` in header cells, entities.
#[test]
fn a_self_evaluation_page() {
    let doc = read_path(&fixtures().join("html/self_eval_county.html")).unwrap();
    assert_eq!(doc.layout.as_deref(), Some("html"));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    assert!(doc.unread.is_empty(), "{:?}", doc.unread);
    assert_eq!(doc.rows.placed, doc.rows.table_rows);
    assert_eq!(doc.tables.len(), 1);
    let t = &doc.tables[0];
    assert_eq!(t.title.as_deref(), Some("2023年度项目支出绩效自评表"));
    assert_eq!(t.location.line, Some(11));
    assert_eq!(t.year.as_deref(), Some("2023"));
    // Each header cell is its own field: 主管部门's value is not glued to the 实施单位 label after it.
    assert_eq!(t.project.as_deref(), Some("耕地保护与土地综合整治"));
    assert_eq!(t.dept.as_deref(), Some("某县自然资源局"));
    assert_eq!(t.unit.as_deref(), Some("某县土地整理中心"));
    let fields: Vec<(&str, &str)> = t
        .fields
        .iter()
        .map(|f| (f.label.as_str(), f.value.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("项目名称", "耕地保护与土地综合整治"),
            ("主管部门", "某县自然资源局"),
            ("实施单位", "某县土地整理中心"),
        ]
    );
    assert_eq!(t.money_unit.map(|u| u.as_str()), Some("万元"));
    let funds = t.funds.as_ref().expect("funds");
    let amount = |m: Option<&jixiao::model::Money>| m.map(|m| m.amount.to_string());
    assert_eq!(amount(funds.total.initial.as_ref()).as_deref(), Some("120"));
    assert_eq!(
        amount(funds.total.full_year.as_ref()).as_deref(),
        Some("150")
    );
    assert_eq!(
        amount(funds.total.executed.as_ref()).as_deref(),
        Some("135")
    );
    assert_eq!(funds.rate_percent.unwrap().to_string(), "90");
    assert_eq!(funds.weight.unwrap().to_string(), "10");
    assert_eq!(funds.score.unwrap().to_string(), "9");
    assert_eq!(funds.lines.len(), 2);
    // A source line break between two CJK characters is no space.
    assert_eq!(
        t.goal_expected.as_deref(),
        Some("新增耕地500亩，实施整治项目3个，耕地质量等别不降低。")
    );
    assert_eq!(
        t.goal_achieved.as_deref(),
        Some("新增耕地520亩，3个整治项目全部完工验收。")
    );
    assert_eq!(t.printed_total_score.unwrap().to_string(), "95");

    use jixiao::model::Level1::{Benefit, Output, Satisfaction};
    use jixiao::model::Level2::*;
    #[rustfmt::skip]
    let expected = [
        (Output, Quantity, "新增耕地面积", "≥500亩", "520亩", "15", "15", None),
        (Output, Quantity, "整治项目个数", "=3个", "3个", "10", "10", None),
        (Output, Quality, "新增耕地验收合格率", "≥95%", "100%", "10", "10", None),
        (Output, Timeliness, "项目完工时间", "2023年12月底前", "2023年11月", "10", "10", None),
        (Output, Cost, "亩均建设成本", "≤3000元/亩", "2800元/亩", "5", "5", None),
        (Benefit, EconomicBenefit, "新增耕地指标交易收入", "≥1000万元", "800万元", "10", "8",
         Some("部分指标跨年交易， 2024年一季度完成")),
        (Benefit, SocialBenefit, "受益农户数", "≥2000户", "2100户", "10", "10", None),
        (Benefit, Sustainability, "耕地保护长效机制", "建立", "已建立", "10", "10", None),
        (Satisfaction, ServiceSatisfaction, "受益群众满意度", "≥90%", "88%", "10", "8", Some("加强政策宣传")),
    ];
    assert_eq!(t.indicators.len(), expected.len());
    for (i, (ind, e)) in t.indicators.iter().zip(expected).enumerate() {
        // The categories come from the rowspan cells above, carried down.
        let want = expect(e.0, e.1, [Some(e.2), Some(e.3), Some(e.4)], e.5, e.6);
        assert_eq!(reading(ind), want, "row {i}");
        assert_eq!(ind.deviation.as_deref(), e.7, "row {i}");
        assert!(!ind.placeholder, "row {i}");
        assert_eq!(ind.location.line, Some(25 + i as u32), "row {i}");
    }
    // The category is printed once, in the top cell of its block.
    let printed: Vec<Option<&str>> = t
        .indicators
        .iter()
        .map(|i| i.level1_printed.as_deref())
        .collect();
    assert_eq!(
        printed,
        [
            Some("产出指标"),
            None,
            None,
            None,
            None,
            Some("效益指标"),
            None,
            None,
            Some("满意度指标")
        ]
    );
}

/// Markup with end tags left out, misnested and unclosed reads as a browser shows it.
/// A self-evaluation that leaves its 分值 and 得分 cells blank (many do, before scoring): the rows are whole rows
/// of the page's grid and are read with weight and score empty, not left unread.
#[test]
fn rows_with_blank_weight_and_score_cells_are_read() {
    let html = "<p>项目支出绩效自评表</p><table>\
        <tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td>\
        <td>分值</td><td>得分</td><td>偏差原因分析及改进措施</td></tr>\
        <tr><td rowspan=2>产出指标</td><td rowspan=2>数量指标</td><td>储备到位率</td><td>100%</td><td>100%</td>\
        <td></td><td></td><td></td></tr>\
        <tr><td>库存成本核算率</td><td>100%</td><td>98%</td><td></td><td></td><td>核算滞后</td></tr>\
        <tr><td>满意度指标</td><td>服务对象满意度指标</td><td>市民满意度</td><td>≥90%</td><td>95%</td>\
        <td></td><td></td><td></td></tr></table>";
    let doc = read_bytes(html.as_bytes(), "blank.html").unwrap();
    let got: Vec<_> = doc.tables.iter().flat_map(|t| &t.indicators).collect();
    let names: Vec<_> = got.iter().filter_map(|i| i.name.as_deref()).collect();
    assert_eq!(names, ["储备到位率", "库存成本核算率", "市民满意度"]);
    assert_eq!(got[1].actual.as_ref().map(|c| c.text.as_str()), Some("98%"));
    assert_eq!(got[1].deviation.as_deref(), Some("核算滞后"));
    assert!(got.iter().all(|i| i.weight.is_none() && i.score.is_none()));
    assert!(doc.unread.is_empty(), "{:?}", doc.unread);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
}

#[test]
fn unclosed_and_misnested_tags() {
    let html = concat!(
        "<title>x</title><p>项目支出绩效自评表<p>单位：万元",
        "<table><tr><td>项目名称<td colspan=3>示例<b>项目",
        "<tr><td>主管部门<td>某局<td>实施单位<td><i>某中心</b></i>",
        "<tr><th>一级指标<th>二级指标<th>三级指标",
        "<tr><td rowspan=2>产出指标<td>数量指标<td><div>培训<span>人次",
        "<tr><td>质量指标<td>合格率</table",
    );
    let (rows, warnings) = jixiao::read::html::html_rows(html, "t.html").unwrap();
    assert!(warnings.is_empty());
    let cells: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.cells.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        cells,
        [
            vec!["项目支出绩效自评表"],
            vec!["单位：万元"],
            vec!["项目名称", "示例项目"],
            vec!["主管部门", "某局", "实施单位", "某中心"],
            vec!["一级指标", "二级指标", "三级指标"],
            vec!["产出指标", "数量指标", "培训人次"],
            vec!["", "质量指标", "合格率"],
        ]
    );
    assert_eq!(rows.iter().filter(|r| r.after_blank).count(), 1);
    assert!(rows[2].after_blank);
}

/// A thousand tables nested in each other's cells: every level's text and the innermost table come out as
/// rows, in order, without deep recursion.
#[test]
fn a_thousand_nested_tables() {
    let depth = 1000;
    let mut html = String::new();
    for i in 0..depth {
        html.push_str(&format!("<table><tr><td>第{i}层</td><td>"));
    }
    html.push_str("<table><tr><td>项目名称</td><td>示例</td></tr></table>");
    html.push_str(&"</td></tr></table>".repeat(depth));
    let started = std::time::Instant::now();
    let doc = read_bytes(html.as_bytes(), "nested.html").unwrap();
    assert!(started.elapsed().as_secs() < 10);
    let (rows, _) = jixiao::read::html::html_rows(&html, "nested.html").unwrap();
    assert_eq!(rows.len(), depth + 1);
    assert_eq!(rows[0].cells, ["第0层"]);
    assert_eq!(rows[depth - 1].cells, [format!("第{}层", depth - 1)]);
    assert_eq!(rows[depth].cells, ["项目名称", "示例"]);
    assert_eq!(doc.layout.as_deref(), Some("html"));
    // Unclosed, and a hundred times deeper: still linear (tables are scope boundaries for the parser).
    let unclosed = "<table><tr><td>x".repeat(100_000);
    let (rows, _) = jixiao::read::html::html_rows(&unclosed, "deep.html").unwrap();
    assert_eq!(rows.len(), 100_000);
}

#[test]
fn huge_spans_are_clamped() {
    let html = concat!(
        "<table><tr><td colspan=\"100000\" rowspan=\"100000\">总分</td><td>100</td></tr>",
        "<tr><td>a</td></tr><tr><td rowspan=\"4294967296\">b</td><td>c</td></tr><tr><td>d</td></tr></table>",
    );
    let doc = read_bytes(html.as_bytes(), "spans.html").unwrap();
    assert_eq!(doc.layout.as_deref(), Some("html"));
    let (rows, _) = jixiao::read::html::html_rows(html, "spans.html").unwrap();
    let widths: Vec<usize> = rows.iter().map(|r| r.cells.len()).collect();
    // The colspan reaches column 1000 at most and the rowspans end with the table's rows: 总分 holds columns 0 to
    // 999 of every row, and b (rowspan past u32) column 1000 of the last two, so d moves to column 1001.
    assert_eq!(widths, [1001, 1001, 1002, 1002]);
    assert_eq!(rows[0].cells[1000], "100");
    assert_eq!(rows[1].cells[1000], "a");
    assert_eq!(rows[2].cells[1000..], ["b", "c"]);
    assert_eq!(rows[3].cells[1000..], ["", "d"]);
    assert!(rows
        .iter()
        .all(|r| r.cells[1..1000].iter().all(String::is_empty)));
}

#[test]
fn a_table_past_the_grid_cap_is_cut_with_a_warning() {
    let max = jixiao::read::html::MAX_GRID_CELLS;
    let html = format!(
        "<p>项目支出绩效自评表</p><table>{}</table><p>完</p>",
        "<tr><td>x</td><td colspan=999></td></tr>\n".repeat(max / 1000 + 10)
    );
    let doc = read_bytes(html.as_bytes(), "cap.html").unwrap();
    let cut: Vec<_> = doc
        .warnings
        .iter()
        .filter(|w| w.message_en.contains("grid cells"))
        .collect();
    assert_eq!(cut.len(), 1, "{:?}", doc.warnings);
    assert_eq!(cut[0].location.line, Some(1));
    let (rows, _) = jixiao::read::html::html_rows(&html, "cap.html").unwrap();
    assert_eq!(rows.len(), 1 + max / 1000 + 1);
    assert_eq!(rows.last().unwrap().cells, ["完"]);
}

/// Deeply nested unclosed tags make the parser's work grow with the square of the depth; the reader stops
/// early with an error that names the line, instead of running for hours.
#[test]
fn runaway_nesting_is_a_located_error() {
    for (what, html) in [
        (
            "divs",
            format!("<p>标题</p>\n{}", "<div>".repeat(2_000_000)),
        ),
        (
            "formatting",
            (0..50_000).map(|i| format!("<b id={i}>")).collect(),
        ),
        ("fonts", "<font size=3><p>x</p>\n".repeat(100_000)),
    ] {
        let started = std::time::Instant::now();
        let err = read_bytes(html.as_bytes(), "deep.html").unwrap_err();
        assert!(started.elapsed().as_secs() < 20, "{what}");
        assert!(
            matches!(err.kind, jixiao::error::ErrorKind::Html { .. }),
            "{what}"
        );
        assert!(err.location.line.is_some(), "{what}");
        assert!(err.to_string().starts_with("deep.html:"), "{what}: {err}");
        assert!(err.message_zh().contains("嵌套过深"), "{what}");
    }
}

/// Markup at scale reads in time linear in its size: 5 MB of the seeds as pages (50 MB reads the same way
/// but takes some 15 s in a debug build; the benchmark measures the speed).
#[test]
fn megabytes_of_markup() {
    let one: String = TAB_SEEDS
        .iter()
        .map(|s| render(&seed_text(s), Cells::Merged))
        .collect();
    let small = read_bytes(one.as_bytes(), "one.html").unwrap();
    let copies = 5_000_000 / one.len() + 1;
    let big = one.repeat(copies);
    let doc = read_bytes(big.as_bytes(), "big.html").unwrap();
    assert_eq!(doc.tables.len(), small.tables.len() * copies);
    assert_eq!(doc.allocations.len(), small.allocations.len() * copies);
}

mod props {
    use jixiao::read::html::html_rows;
    use jixiao::read::read_bytes;
    use proptest::prelude::*;

    /// A cell: colspan, rowspan (0 is "to the end of the group"), and whether it has text.
    type Cell = (usize, usize, bool);

    fn tables() -> impl Strategy<Value = Vec<Vec<Cell>>> {
        let cell = (1usize..4, 0usize..5, prop::bool::weighted(0.8));
        prop::collection::vec(prop::collection::vec(cell, 0..6), 1..12)
    }

    fn text(i: usize, j: usize) -> String {
        format!("r{i}c{j}")
    }

    fn page(table: &[Vec<Cell>]) -> String {
        let mut html = String::from("<table>\n");
        for (i, row) in table.iter().enumerate() {
            html.push_str("<tr>");
            for (j, &(colspan, rowspan, filled)) in row.iter().enumerate() {
                let t = if filled { text(i, j) } else { String::new() };
                html.push_str(&format!("<td colspan={colspan} rowspan={rowspan}>{t}</td>"));
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</table>");
        html
    }

    /// The rows a browser's table model gives, worked out on a plain occupancy grid: each cell at the first
    /// free slot of its row, holding the slots it spans; empty slots are empty cells, trailing ones dropped, and
    /// rows without text dropped.
    fn expected(table: &[Vec<Cell>]) -> Vec<Vec<String>> {
        let n = table.len();
        let mut held = vec![vec![false; 64]; n];
        let mut out = Vec::new();
        for (i, row) in table.iter().enumerate() {
            let mut cells = Vec::new();
            let mut x = 0;
            for (j, &(colspan, rowspan, filled)) in row.iter().enumerate() {
                while held[i][x] {
                    x += 1;
                }
                let down = if rowspan == 0 {
                    n - i
                } else {
                    rowspan.min(n - i)
                };
                for held_row in &mut held[i..i + down] {
                    held_row[x..x + colspan].fill(true);
                }
                cells.resize(x, String::new());
                cells.push(if filled { text(i, j) } else { String::new() });
                cells.resize(x + colspan, String::new());
                x += colspan;
            }
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            if !cells.is_empty() {
                out.push(cells);
            }
        }
        out
    }

    fn tokens() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("<table>".to_owned()),
            Just("</table>".to_owned()),
            Just("<tr>".to_owned()),
            Just("</tr>".to_owned()),
            Just("<td>".to_owned()),
            Just("<td rowspan=0>".to_owned()),
            Just("<th colspan=99999 rowspan=3>".to_owned()),
            Just("</td>".to_owned()),
            Just("<tbody>".to_owned()),
            Just("<tfoot>".to_owned()),
            Just("<caption>".to_owned()),
            Just("<p>".to_owned()),
            Just("</p>".to_owned()),
            Just("<br>".to_owned()),
            Just("<b>".to_owned()),
            Just("</b>".to_owned()),
            Just("<div>".to_owned()),
            Just("<template>".to_owned()),
            Just("<script>".to_owned()),
            Just("<svg>".to_owned()),
            Just("<select>".to_owned()),
            Just("&nbsp;".to_owned()),
            Just("\n".to_owned()),
            Just("产出指标".to_owned()),
            Just("≥95%".to_owned()),
            "\\PC{0,8}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Spanned cells land where a browser puts them, each cell's text once, in its top-left slot.
        #[test]
        fn spans_lay_out_on_the_grid(table in tables()) {
            let (rows, warnings) = html_rows(&page(&table), "grid.html").unwrap();
            prop_assert!(warnings.is_empty());
            let got: Vec<Vec<String>> = rows.into_iter().map(|r| r.cells).collect();
            prop_assert_eq!(&got, &expected(&table));
            for (i, row) in table.iter().enumerate() {
                for (j, &(_, _, filled)) in row.iter().enumerate() {
                    let t = text(i, j);
                    let count = got.iter().flatten().filter(|c| **c == t).count();
                    prop_assert_eq!(count, usize::from(filled));
                }
            }
        }

        /// Tag soup reads without a panic (no catch_unwind here), and every row has text and sane lines.
        #[test]
        fn tag_soup_reads(parts in prop::collection::vec(tokens(), 0..80)) {
            let html = parts.concat();
            let (rows, _) = html_rows(&html, "soup.html").unwrap();
            for r in &rows {
                prop_assert!(r.cells.iter().any(|c| !c.is_empty()));
                prop_assert!(r.line >= 1 && r.end_line >= r.line);
            }
            let _ = read_bytes(html.as_bytes(), "soup.html");
        }

        /// Any bytes after `<table` give a document or an error, never a panic.
        #[test]
        fn any_bytes_after_a_table_tag(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
            let mut input = b"<table".to_vec();
            input.extend(bytes);
            let _ = read_bytes(&input, "bytes.html");
            let _ = html_rows(&String::from_utf8_lossy(&input), "bytes.html");
        }
    }
}
