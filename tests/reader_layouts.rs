//! The generalisation test of the text layouts: a known self-evaluation table, rendered into each layout that
//! converters write (tab rows, padded pipe rows, one cell per line with pipes, markdown, one cell per line with
//! no row breaks, the same with the header part one cell per line and its labels wrapped, words separated by
//! spaces), reads back to the same indicators. Tables are drawn at random (categories, names, values,
//! weights), so the readers cannot be tuned to one file.

use proptest::prelude::*;

use jixiao::read::read_text;

#[path = "common/layouts.rs"]
mod layouts;
use layouts::tab_rows;

const HEADER: [&str; 8] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因分析及改进措施",
];

const CATEGORIES: [(&str, &str); 5] = [
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("产出指标", "时效指标"),
    ("效益指标", "社会效益指标"),
    ("满意度指标", "服务对象满意度指标"),
];

/// One indicator row as printed.
#[derive(Clone, Debug)]
struct Line {
    l1: &'static str,
    l2: &'static str,
    name: String,
    target: String,
    actual: String,
    weight: u32,
    score: u32,
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        (1u32..5000).prop_map(|n| format!("≥{n}人")),
        (50u32..100).prop_map(|n| format!("{n}%")),
        (1u32..900).prop_map(|n| format!("{n}万元")),
        Just("100%".to_owned()),
        Just("2024年12月前".to_owned()),
    ]
}

fn table() -> impl Strategy<Value = Vec<Line>> {
    let words = [
        "开展培训",
        "发放补助",
        "验收合格",
        "群众满意",
        "完成建设",
        "覆盖人口",
    ];
    prop::collection::vec(
        (
            0usize..CATEGORIES.len(),
            0usize..words.len(),
            value(),
            value(),
            1u32..20,
        ),
        1..9,
    )
    .prop_map(move |mut rows| {
        // Categories in block order, as tables print them.
        rows.sort_by_key(|r| r.0);
        rows.into_iter()
            .enumerate()
            .map(|(i, (c, w, target, actual, weight))| Line {
                l1: CATEGORIES[c].0,
                l2: CATEGORIES[c].1,
                name: format!("{}{}次数", words[w], i + 1),
                target,
                actual,
                weight,
                score: weight.saturating_sub(i as u32 % 2),
            })
            .collect()
    })
}

/// The table's rows as cells: title, project, header, indicator rows. With `merged`, a category prints only on
/// the first row of its block (the cell is merged down) and is blank below.
fn grid(lines: &[Line], merged: bool) -> Vec<Vec<String>> {
    let mut out = vec![
        vec!["项目支出绩效自评表".to_owned()],
        vec![
            "项目名称".to_owned(),
            "乡村公共服务提升".to_owned(),
            "主管部门及编码".to_owned(),
            "某县民政局".to_owned(),
        ],
        HEADER.iter().map(|s| s.to_string()).collect(),
    ];
    for (i, l) in lines.iter().enumerate() {
        let first_l1 = i == 0 || lines[i - 1].l1 != l.l1;
        let first_l2 = i == 0 || lines[i - 1].l2 != l.l2;
        let show = |first: bool, s: &str| {
            if !merged || first {
                s.to_owned()
            } else {
                String::new()
            }
        };
        out.push(vec![
            show(first_l1, l.l1),
            show(first_l2, l.l2),
            l.name.clone(),
            l.target.clone(),
            l.actual.clone(),
            l.weight.to_string(),
            l.score.to_string(),
            String::new(),
        ]);
    }
    out
}

fn pipe_rows(g: &[Vec<String>]) -> String {
    layouts::pipe_rows(g, HEADER.len())
}

/// The same converter writing one cell per line, the padding run on a line of its own.
fn cell_bar(g: &[Vec<String>]) -> String {
    let width = HEADER.len();
    let mut out = Vec::new();
    for r in g {
        let cells: Vec<&String> = r.iter().filter(|c| !c.is_empty()).collect();
        out.extend(cells.iter().map(|c| format!("{c} |")));
        if cells.len() < width {
            out.push("|".repeat(width - cells.len()));
        }
    }
    out.join("\n")
}

/// Markdown: pipes between cells and at both ends, a rule line under the header.
fn markdown(g: &[Vec<String>]) -> String {
    let mut out = Vec::new();
    for (i, r) in g.iter().enumerate() {
        let mut cells = r.clone();
        cells.resize(HEADER.len(), String::new());
        out.push(format!("| {} |", cells.join(" | ")));
        if i == 0 {
            out.push(format!("|{}", "---|".repeat(HEADER.len())));
        }
    }
    out.join("\n")
}

/// One cell per line and nothing between rows (a page's cells copied as paragraphs); merged and empty cells are
/// simply absent. The header fields stay on one tab row.
fn bare_cells(g: &[Vec<String>]) -> String {
    let mut out = vec![g[0][0].clone(), g[1].join("\t")];
    for r in &g[2..] {
        out.extend(r.iter().filter(|c| !c.is_empty()).cloned());
    }
    out.join("\n\n")
}

/// One cell per line with blank lines between, the header part too: each label on its line, its value on the
/// next, and a label longer than four characters broken over two lines as a narrow label column wraps it
/// (`主管部门` / `及编码`).
fn bare_cells_labels_wrapped(g: &[Vec<String>]) -> String {
    let mut out = vec![g[0][0].clone()];
    for (i, cell) in g[1].iter().enumerate() {
        let chars: Vec<char> = cell.chars().collect();
        if i % 2 == 0 && chars.len() > 4 {
            out.push(chars[..4].iter().collect());
            out.push(chars[4..].iter().collect());
        } else {
            out.push(cell.clone());
        }
    }
    for r in &g[2..] {
        out.extend(r.iter().filter(|c| !c.is_empty()).cloned());
    }
    out.join("\n\n")
}

/// Rows as words separated by single spaces (a PDF's text without its columns); merged cells absent.
fn spaced_words(g: &[Vec<String>]) -> String {
    let mut out = vec![g[0][0].clone(), g[1].join("\t")];
    for r in &g[2..] {
        out.push(
            r.iter()
                .filter(|c| !c.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    out.join("\n")
}

fn assert_reads_back(text: &str, lines: &[Line], layout: &str) {
    let doc = read_text(text, layout);
    let got: Vec<_> = doc.tables.iter().flat_map(|t| &t.indicators).collect();
    assert_eq!(got.len(), lines.len(), "{layout}: indicator count\n{text}");
    for (ind, want) in got.iter().zip(lines) {
        assert_eq!(
            ind.name.as_deref(),
            Some(want.name.as_str()),
            "{layout}: name\n{text}"
        );
        assert_eq!(
            ind.target.as_ref().map(|c| c.text.as_str()),
            Some(want.target.as_str()),
            "{layout}: target of {}\n{text}",
            want.name
        );
        assert_eq!(
            ind.actual.as_ref().map(|c| c.text.as_str()),
            Some(want.actual.as_str()),
            "{layout}: actual of {}\n{text}",
            want.name
        );
        assert_eq!(
            ind.weight.map(|w| w.to_string()),
            Some(want.weight.to_string()),
            "{layout}: weight of {}\n{text}",
            want.name
        );
        assert_eq!(
            ind.score.map(|w| w.to_string()),
            Some(want.score.to_string()),
            "{layout}: score of {}\n{text}",
            want.name
        );
        assert_eq!(
            ind.level2.map(|l| l.as_str()),
            Some(want.l2),
            "{layout}: level 2 of {}\n{text}",
            want.name
        );
    }
    assert_eq!(
        doc.tables[0].project.as_deref(),
        Some("乡村公共服务提升"),
        "{layout}: project"
    );
    assert_eq!(
        doc.tables[0].dept.as_deref(),
        Some("某县民政局"),
        "{layout}: dept\n{text}"
    );
    assert!(doc.warnings.is_empty(), "{layout}: {:?}", doc.warnings);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_layout_reads_back_the_same_table(lines in table(), merged in any::<bool>()) {
        let g = grid(&lines, merged);
        assert_reads_back(&tab_rows(&g), &lines, "tab-rows");
        assert_reads_back(&pipe_rows(&g), &lines, "pipe-rows");
        assert_reads_back(&cell_bar(&g), &lines, "cell-bar");
        assert_reads_back(&markdown(&g), &lines, "markdown");
        assert_reads_back(&bare_cells(&g), &lines, "one cell per line, no row breaks");
        assert_reads_back(
            &bare_cells_labels_wrapped(&g),
            &lines,
            "one cell per line, header labels wrapped",
        );
        assert_reads_back(&spaced_words(&g), &lines, "words separated by spaces");
    }
}

/// The layouts above with the text ending inside the last row, after its target or its actual: an excerpt or a
/// page cut off mid-row. Each layout ends as a cut leaves it (no closing pipe, no padding).
fn cut_renderings(g: &[Vec<String>], keep: usize) -> Vec<(&'static str, String)> {
    let (body, last) = g.split_at(g.len() - 1);
    let kept: Vec<String> = last[0][..keep]
        .iter()
        .filter(|c| !c.is_empty())
        .cloned()
        .collect();
    let with_newline = |s: String| if s.is_empty() { s } else { s + "\n" };
    vec![
        (
            "tab-rows",
            with_newline(tab_rows(body)) + &last[0][..keep].join("\t"),
        ),
        (
            "pipe-rows",
            with_newline(pipe_rows(body)) + &kept.join(" | "),
        ),
        (
            "cell-bar",
            with_newline(cell_bar(body))
                + &kept[..kept.len() - 1]
                    .iter()
                    .map(|c| format!("{c} |\n"))
                    .collect::<String>()
                + &kept[kept.len() - 1],
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The cut-off row keeps its name and what it has, with a warning on its line; the rows above are whole.
    #[test]
    fn a_table_cut_off_inside_its_last_row_keeps_that_row(
        lines in table(), merged in any::<bool>(), keep in 4usize..=5,
    ) {
        let g = grid(&lines, merged);
        let (whole, cut) = lines.split_at(lines.len() - 1);
        for (layout, text) in cut_renderings(&g, keep) {
            let doc = read_text(&text, layout);
            let got: Vec<_> = doc.tables.iter().flat_map(|t| &t.indicators).collect();
            prop_assert_eq!(got.len(), lines.len(), "{}: indicator count\n{}", layout, text);
            for (ind, want) in got.iter().zip(whole) {
                prop_assert_eq!(ind.name.as_deref(), Some(want.name.as_str()), "{}\n{}", layout, text);
                prop_assert_eq!(ind.score.map(|w| w.to_string()), Some(want.score.to_string()));
            }
            let last = got[got.len() - 1];
            prop_assert_eq!(last.name.as_deref(), Some(cut[0].name.as_str()), "{}\n{}", layout, text);
            prop_assert_eq!(last.target.as_ref().map(|c| c.text.as_str()), Some(cut[0].target.as_str()));
            let actual = (keep == 5).then_some(cut[0].actual.as_str());
            prop_assert_eq!(last.actual.as_ref().map(|c| c.text.as_str()), actual, "{}\n{}", layout, text);
            prop_assert_eq!(last.weight, None);
            prop_assert!(
                doc.warnings.iter().any(|w| w.message_en.contains("ends inside this indicator row")),
                "{}: {:?}", layout, doc.warnings
            );
        }
    }
}

/// A table whose cells a converter glued with no separator at all (a docx preview's text, an OCR'd scan): the
/// header words and every row run on, wrapped at about `width` characters between two Han characters (a wrap
/// inside a number or a date is not read back: `2024年1` / `2月` cannot be told from two cells).
fn glued(g: &[Vec<String>], width: usize) -> String {
    let mut out = vec![g[0][0].clone(), g[1].join("\t")];
    let run: String = g[2..].iter().flat_map(|r| r.iter().cloned()).collect();
    let chars: Vec<char> = run.chars().collect();
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let mut line = String::new();
    for (i, c) in chars.iter().enumerate() {
        line.push(*c);
        let wrap =
            line.chars().count() >= width && han(*c) && chars.get(i + 1).is_some_and(|n| han(*n));
        if wrap {
            out.push(std::mem::take(&mut line));
        }
    }
    out.push(line);
    out.join("\n")
}

/// Names as the field writes them, without digits (a digit inside a glued name cannot be told from a value).
fn glued_table() -> impl Strategy<Value = Vec<Line>> {
    let words = [
        "开展技能培训人次",
        "发放补助资金",
        "项目验收合格率",
        "群众满意度",
        "完成道路建设",
        "受益人口覆盖率",
        "资金支付及时率",
    ];
    // A target and its actual in one unit, as tables print them (a unit that differs is a cue the reader uses).
    let pair = (0usize..4, 1u32..5000, 1u32..5000).prop_map(|(kind, a, b)| match kind {
        0 => (format!("≥{a}人"), format!("{b}人")),
        1 => (format!("{}%", a % 100), format!("{}%", b % 100)),
        2 => (format!("{a}万元"), format!("{b}万元")),
        _ => ("2024年12月前".to_owned(), "2024年11月".to_owned()),
    });
    (
        table(),
        prop::collection::vec((0usize..words.len(), pair), 9),
    )
        .prop_map(move |(lines, picks)| {
            lines
                .into_iter()
                .zip(picks)
                .map(|(l, (w, (target, actual)))| Line {
                    name: words[w].to_owned(),
                    target,
                    actual,
                    // Full marks: a weight and a lower score glued (`109`, `1110`) are read by the digits'
                    // sizes alone, and short ones are ambiguous (`1` | `0` or `10`).
                    score: l.weight,
                    ..l
                })
                .collect()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn glued_tables_read_back(lines in glued_table(), merged in any::<bool>(), width in 40usize..400) {
        let g = grid(&lines, merged);
        assert_reads_back(&glued(&g, width), &lines, "glued");
    }
}

#[test]
fn a_header_with_indicator_columns_and_no_rows_is_reported() {
    let text = "项目支出绩效自评表\n项目名称\t某项目\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\
                见附件\n";
    let doc = read_text(text, "t.txt");
    assert!(
        doc.warnings
            .iter()
            .any(|w| w.location.line == Some(3) && w.message_en.contains("no indicator row")),
        "{:?}",
        doc.warnings
    );
}

/// A category cell printed as its start on the row and `指标` on the line below (the cell wrapped): the piece
/// completes the category, not the indicator's name.
#[test]
fn a_category_wrapped_below_its_row_completes_the_category() {
    let text = "项目支出绩效自评表\n项目名称\t购买第三方服务\n\
                一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施\n\
                产出指标 数量指标 服务对象人数 100人次 100人次 15 15\n\
                效益指标 社会效益 财政工作运行效率 ≥80% ≥80% 15 15\n\
                指标\n\
                满意度 服务对象满意度指标 受益群体满意度 90% 90% 15 15\n\
                指标\n\
                总分 100 90\n";
    let doc = read_text(text, "t.txt");
    let got: Vec<_> = doc.tables.iter().flat_map(|t| &t.indicators).collect();
    let names: Vec<_> = got
        .iter()
        .map(|i| i.name.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(
        names,
        ["服务对象人数", "财政工作运行效率", "受益群体满意度"]
    );
    assert_eq!(got[1].level2.map(|l| l.as_str()), Some("社会效益指标"));
    assert_eq!(got[2].level1.map(|l| l.as_str()), Some("满意度指标"));
    assert!(doc.unread.is_empty(), "{:?}", doc.unread);
}

/// A text that ends inside the next row's category cell (`生态(t`, a cut-off excerpt): the fragment is unread
/// with its reason, and the name above keeps its text.
#[test]
fn a_text_cut_inside_a_category_cell_leaves_the_name_above_whole() {
    let text = "项目绩效目标表\n一级指标 | 二级指标 | 三级指标 | 指标值 | ||\n\
                产出指标 | 数量指标 | 培训人次 | 100人次 | ||\n\
                效益指标 | 社会效益指标 | 保障单位正常运转 | 应保尽保 | ||\n生态(t";
    let doc = read_text(text, "t.txt");
    let got: Vec<_> = doc.tables.iter().flat_map(|t| &t.indicators).collect();
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].name.as_deref(), Some("保障单位正常运转"));
    assert!(
        doc.unread
            .iter()
            .any(|u| u.text == "生态(t" && u.reason.contains("category cell")),
        "{:?}",
        doc.unread
    );
}

/// A table as some PDF extractors emit it, column by column on one line: the header fields, the category header
/// words, the value run (one tuple per row, then the 总分 pair), and the second-level labels and the names
/// interleaved as `order` says (each in its own order). With `split`, the first name is printed before the value
/// header words without its last character, which comes out after the value run (a name wrapped in its cell).
fn column_runs(lines: &[Line], order: &[bool], split: bool) -> String {
    let mut t: Vec<String> = [
        "项目支出绩效自评表",
        "(2024",
        "年度)",
        "项目名称",
        "乡村公共服务提升",
        "主管部门",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    t.extend(["一级指标", "二级指标", "三级指标"].map(String::from));
    let names: Vec<String> = lines.iter().map(|l| l.name.clone()).collect();
    let (first_head, first_tail) = names[0].split_at(names[0].len() - '数'.len_utf8());
    if split {
        t.push(first_head.to_owned());
    }
    t.extend(["年度", "指标值", "实际", "完成值", "分值", "得分"].map(String::from));
    for l in lines {
        t.extend([
            l.target.clone(),
            l.actual.clone(),
            l.weight.to_string(),
            l.score.to_string(),
        ]);
    }
    let total_w: u32 = lines.iter().map(|l| l.weight).sum();
    let total_s: u32 = lines.iter().map(|l| l.score).sum();
    t.extend([total_w.to_string(), total_s.to_string()]);
    if split {
        t.push(first_tail.to_owned());
    }
    // Second-level labels print once per block of rows (merged cells); names each once.
    let mut labels: Vec<&str> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i == 0 || lines[i - 1].l2 != l.l2 {
            labels.push(l.l2);
        }
    }
    let rest: Vec<String> = names.into_iter().skip(usize::from(split)).collect();
    let (mut a, mut b) = (labels.into_iter().peekable(), rest.into_iter().peekable());
    for &take_label in order.iter().chain(std::iter::repeat(&true)) {
        match (take_label, a.peek().is_some(), b.peek().is_some()) {
            (_, false, false) => break,
            (true, true, _) | (false, true, false) => {
                t.push(a.next().unwrap_or_default().to_owned())
            }
            _ => t.push(b.next().unwrap_or_default()),
        }
    }
    t.extend(["总分", "-1-"].map(String::from));
    t.join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every row comes back with its name and values; its category too where each row has a label of its own
    /// (otherwise which label goes with which name is unknowable, and none is guessed).
    #[test]
    fn tables_emitted_column_by_column_read_back(
        lines in table(), order in prop::collection::vec(any::<bool>(), 0..20), split in any::<bool>(),
    ) {
        let text = column_runs(&lines, &order, split);
        let doc = read_text(&text, "column runs");
        let got: Vec<_> = doc.tables.iter().flat_map(|t| &t.indicators).collect();
        prop_assert_eq!(got.len(), lines.len(), "indicator count\n{}", text);
        let own_labels = lines.windows(2).all(|w| w[0].l2 != w[1].l2);
        for (ind, want) in got.iter().zip(&lines) {
            prop_assert_eq!(ind.name.as_deref(), Some(want.name.as_str()), "{}", text);
            prop_assert_eq!(ind.target.as_ref().map(|c| c.text.as_str()), Some(want.target.as_str()));
            prop_assert_eq!(ind.actual.as_ref().map(|c| c.text.as_str()), Some(want.actual.as_str()));
            prop_assert_eq!(ind.weight.map(|w| w.to_string()), Some(want.weight.to_string()));
            prop_assert_eq!(ind.score.map(|w| w.to_string()), Some(want.score.to_string()));
            let l2 = ind.level2.map(|l| l.as_str());
            prop_assert_eq!(l2, own_labels.then_some(want.l2), "{}", text);
        }
        prop_assert_eq!(doc.tables[0].year.as_deref(), Some("2024"));
        // The scrambled header fields are not guessed at: they are unread, with the reason.
        prop_assert!(doc.unread.iter().any(|u| u.reason.contains("column by column")), "{:?}", doc.unread);
    }
}

/// A target or actual written without its year (`12月31日前`) takes the year of its table, and a target `290%`
/// (an OCR'd ≥) is repaired while an actual `290%` is not.
#[test]
fn cells_are_read_with_their_table_year_and_column() {
    let text = "2024年度项目支出绩效自评表\n项目名称\t某项目\n\
                一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\
                产出指标\t时效指标\t完成时间\t12月31日前\t11月底\t10\t10\n\
                产出指标\t质量指标\t合格率\t290%\t290%\t10\t10\n";
    let doc = read_text(text, "t.txt");
    let got: Vec<_> = doc.tables.iter().flat_map(|t| &t.indicators).collect();
    assert_eq!(got.len(), 2, "{:?}", doc.tables);
    let target = &got[0].target.as_ref().unwrap().value;
    let actual = &got[0].actual.as_ref().unwrap().value;
    assert_eq!(
        target.date.map(|d| d.to_string()).as_deref(),
        Some("2024-12-31")
    );
    assert_eq!(
        actual.date.map(|d| d.to_string()).as_deref(),
        Some("2024-11-30")
    );
    let target = &got[1].target.as_ref().unwrap().value;
    let actual = &got[1].actual.as_ref().unwrap().value;
    assert!(target.ocr_repaired);
    assert_eq!(target.value.map(|v| v.to_string()).as_deref(), Some("90"));
    assert!(!actual.ocr_repaired);
    assert_eq!(actual.value.map(|v| v.to_string()).as_deref(), Some("290"));
}

/// The columns of a continued table: a self-evaluation's, a goal table's (categories, name, target), or a goal
/// table's with the long-term target before the annual one (the self-evaluation's actual is printed there).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Columns {
    SelfEval,
    Goal,
    GoalWithCycle,
}

/// The rows of a table continued from an earlier page, printed with no header above them (one image per page of
/// a scan, or an excerpt). The first row continues a category block, so its merged category cells are blank.
fn continuation(lines: &[Line], columns: Columns) -> Vec<Vec<String>> {
    let mut g = grid(lines, true);
    let mut rows = g.split_off(3);
    rows[0][0].clear();
    rows[0][1].clear();
    for r in &mut rows {
        match columns {
            Columns::SelfEval => {}
            Columns::Goal => r.truncate(4),
            Columns::GoalWithCycle => {
                r.truncate(5);
                r.swap(3, 4);
            }
        }
    }
    rows
}

/// Tables of at least three rows over at least two category blocks, so that a category label is printed below
/// the first row.
fn continued_table() -> impl Strategy<Value = Vec<Line>> {
    table().prop_filter("three rows, two blocks", |lines| {
        lines.len() >= 3 && lines.iter().any(|l| l.l2 != lines[0].l2)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Indicator rows with no header read back with columns inferred from their contents: every row with its
    /// values, the categories from the first printed label on, the kind from the columns, and a warning that
    /// says the columns were inferred.
    #[test]
    fn a_continued_table_without_its_header_reads_back(
        lines in continued_table(),
        columns in prop_oneof![Just(Columns::SelfEval), Just(Columns::Goal), Just(Columns::GoalWithCycle)],
    ) {
        let g = continuation(&lines, columns);
        for (layout, text) in [("tab-rows", tab_rows(&g)), ("pipe-rows", pipe_rows(&g))] {
            let doc = read_text(&text, layout);
            prop_assert_eq!(doc.unread.len(), 0, "{}: {:?}\n{}", layout, doc.unread, text);
            prop_assert_eq!(doc.tables.len(), 1, "{}\n{}", layout, text);
            let t = &doc.tables[0];
            let kind = if columns == Columns::SelfEval {
                jixiao::model::TableKind::SelfEval
            } else {
                jixiao::model::TableKind::Goal
            };
            prop_assert_eq!(t.kind, kind, "{}\n{}", layout, text);
            prop_assert_eq!(t.indicators.len(), lines.len(), "{}\n{}", layout, text);
            let labelled = lines.iter().position(|l| l.l2 != lines[0].l2).unwrap_or(0);
            for (k, (ind, want)) in t.indicators.iter().zip(&lines).enumerate() {
                prop_assert_eq!(ind.name.as_deref(), Some(want.name.as_str()), "{}\n{}", layout, text);
                prop_assert_eq!(ind.target.as_ref().map(|c| c.text.as_str()), Some(want.target.as_str()));
                let (actual, cycle, weight, score) = match columns {
                    Columns::SelfEval => (
                        Some(want.actual.as_str()),
                        None,
                        Some(want.weight.to_string()),
                        Some(want.score.to_string()),
                    ),
                    Columns::Goal => (None, None, None, None),
                    Columns::GoalWithCycle => (None, Some(want.actual.as_str()), None, None),
                };
                prop_assert_eq!(ind.actual.as_ref().map(|c| c.text.as_str()), actual, "{}\n{}", layout, text);
                prop_assert_eq!(ind.cycle_target.as_ref().map(|c| c.text.as_str()), cycle, "{}\n{}", layout, text);
                prop_assert_eq!(ind.weight.map(|w| w.to_string()), weight, "{}\n{}", layout, text);
                prop_assert_eq!(ind.score.map(|w| w.to_string()), score, "{}\n{}", layout, text);
                if k >= labelled {
                    prop_assert_eq!(ind.level2.map(|l| l.as_str()), Some(want.l2), "{}\n{}", layout, text);
                }
            }
            prop_assert!(
                doc.warnings.iter().any(|w| w.message_en.contains("columns were inferred")),
                "{}: {:?}", layout, doc.warnings
            );
        }
    }
}

/// Rows of names and numbers with no category label anywhere may belong to any table: they stay unread rather
/// than be guessed into indicators.
#[test]
fn rows_without_a_category_label_are_not_taken_for_indicators() {
    let text = "培训人次\t≥500人\t620人\t10\t10\n发放补助\t100万元\t98万元\t10\t9\n验收合格率\t100%\t100%\t10\t10";
    let doc = read_text(text, "tab-rows");
    assert!(doc.tables.is_empty(), "{:?}", doc.tables);
    assert_eq!(doc.unread.len(), 3);
}

/// OCR misreads a character of a category label: the row takes the category the vocabulary allows, and keeps
/// the label as printed.
#[test]
fn a_misread_category_label_is_read_with_its_printed_form_kept() {
    let text = "项目名称\t乡村公共服务提升\n\
                一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n\
                产岀指标\t数且指标\t培训人次\t≥500人\t620人\t10\t10\n\
                \t质虽指标\t验收合格率\t100%\t100%\t10\t10\n\
                效益指标\t社佘效益指标\t群众知晓率\t≥90%\t93%\t10\t9";
    let doc = read_text(text, "tab-rows");
    let got: Vec<_> = doc.tables[0]
        .indicators
        .iter()
        .map(|i| {
            (
                i.level1.map(|l| l.as_str()),
                i.level2.map(|l| l.as_str()),
                i.level2_printed.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Some("产出指标"), Some("数量指标"), Some("数且指标")),
            (Some("产出指标"), Some("质量指标"), Some("质虽指标")),
            (Some("效益指标"), Some("社会效益指标"), Some("社佘效益指标")),
        ]
    );
    assert_eq!(
        doc.tables[0].indicators[0].level1_printed.as_deref(),
        Some("产岀指标")
    );
}
