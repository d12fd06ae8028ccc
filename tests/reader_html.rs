//! HTML pages read into the same model as text.
//!
//! The strongest checks render the tab-row seeds as HTML in the test (each text line on the same source line:
//! a tab line a `<tr>` of `<td>`s, a run of them a `<table>`, any other line a `<p>`, a blank line an empty
//! `<p>`), in several ways a page may lay the same table out, and require the same model as the text.

mod common;

use std::path::{Path, PathBuf};

use common::{content, expect, first_difference, reading, set_every};
use jixiao::model::Document;
use jixiao::read::grid::clean_cell;
use jixiao::read::{read_bytes, read_path};
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

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// How a rendering lays a table cell out.
#[derive(Clone, Copy, PartialEq)]
enum Cells {
    /// One `<td>` per tab-separated cell.
    Plain,
    /// Empty cells below a filled one in the same column are covered by its `rowspan`, as a merged cell.
    Merged,
    /// Cells broken by `<br>` and paragraphs between CJK characters, as wrapped cells are.
    Broken,
    /// `Broken`, and a source line break inside the cell (this moves the lines below).
    Wrapped,
}

/// The cells of a text line as the text reader sees them, with runs of white space as one space: HTML shows
/// them so (the text reader keeps a double space where it strips `</p> <p>` from a cell of seed 001).
fn line_cells(line: &str) -> Vec<String> {
    line.split('\t')
        .map(|c| {
            clean_cell(c)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The seed's text with the cells as [`line_cells`] gives them: what the HTML rendering shows.
fn shown_text(text: &str) -> String {
    text.lines()
        .map(|l| line_cells(l).join("\t"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Breaks a cell's text between CJK characters: a `<br>` in the middle, a source line break (or a plain
/// `<span>` boundary) after the first character pair, and the rest as a second paragraph. All of these read
/// back as the same text.
fn broken(cell: &str, newline: bool) -> String {
    let chars: Vec<char> = cell.chars().collect();
    let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let splits: Vec<usize> = (1..chars.len())
        .filter(|&i| cjk(chars[i - 1]) && cjk(chars[i]))
        .collect();
    if splits.len() < 3 {
        return escape(cell);
    }
    let piece = |a: usize, b: usize| escape(&chars[a..b].iter().collect::<String>());
    let (a, b, c) = (
        splits[0],
        splits[splits.len() / 2],
        splits[splits.len() - 1],
    );
    format!(
        "<span>{}</span>{}{}<br>{}<p>{}</p>",
        piece(0, a),
        if newline { "\n  " } else { "" },
        piece(a, b),
        piece(b, c),
        piece(c, chars.len())
    )
}

/// A seed's text as an HTML page, line for line.
fn render(text: &str, cells: Cells) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let grid: Vec<Option<Vec<String>>> = lines
        .iter()
        .map(|l| l.contains('\t').then(|| line_cells(l)))
        .collect();
    // For `Merged`: how many rows below each cell it covers (empty cells of the same table and column).
    let mut cover = vec![Vec::new(); lines.len()];
    let mut covered = vec![Vec::new(); lines.len()];
    for (i, row) in grid.iter().enumerate() {
        let Some(row) = row else { continue };
        cover[i] = vec![1usize; row.len()];
        covered[i] = vec![false; row.len()];
    }
    if cells == Cells::Merged {
        for i in 0..lines.len() {
            let Some(row) = &grid[i] else { continue };
            for (c, text) in row.iter().enumerate() {
                if text.is_empty() || covered[i][c] {
                    continue;
                }
                let mut j = i + 1;
                while let Some(Some(below)) = grid.get(j) {
                    if below.get(c).is_none_or(|t| !t.is_empty()) {
                        break;
                    }
                    covered[j][c] = true;
                    j += 1;
                }
                cover[i][c] = j - i;
            }
        }
    }
    let mut out = String::new();
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        if i == 0 {
            out.push_str("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>seed</title></head><body>");
        } else {
            out.push('\n');
        }
        match &grid[i] {
            Some(row) => {
                if !open {
                    out.push_str("<table border=\"1\">");
                    open = true;
                }
                out.push_str("<tr>");
                for (c, text) in row.iter().enumerate() {
                    if covered[i][c] {
                        continue;
                    }
                    let body = match cells {
                        Cells::Broken => broken(text, false),
                        Cells::Wrapped => broken(text, true),
                        _ => escape(text),
                    };
                    match cover[i][c] {
                        1 => out.push_str(&format!("<td>{body}</td>")),
                        n => out.push_str(&format!("<td rowspan=\"{n}\">{body}</td>")),
                    }
                }
                out.push_str("</tr>");
            }
            None => {
                if open {
                    out.push_str("</table>");
                    open = false;
                }
                out.push_str(&format!("<p>{}</p>", escape(&clean_cell(line))));
            }
        }
    }
    if open {
        out.push_str("</table>");
    }
    out.push_str("</body></html>\n");
    out
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
    // Only runs of white space differ (seed 001): the model read from the file itself is the same but for them.
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
