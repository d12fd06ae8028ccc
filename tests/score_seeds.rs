//! Re-scoring the self-evaluations of seeds 002 (深圳, 14 tables) and 004 (湖南, 5 tables) by the rules:
//! the printed fund scores and totals are recomputed, every table's standard total is pinned, and so is every
//! indicator whose self-score differs from what the rules give. Quality features are pinned on rows chosen by
//! hand.

use std::path::Path;
use std::str::FromStr;

use jixiao::check::Profile;
use jixiao::model::{Document, Table};
use jixiao::score::grade::{Flaw, Form, GradeModel};
use jixiao::score::quality::{name_counts, table_quality};
use jixiao::score::{scorable_tables, score_table, Policy, Status, TableScore};
use rust_decimal::Decimal;

fn read(seed: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/documents")
        .join(format!("{seed}.txt"));
    jixiao::read::read_path(&path).unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn scores(
    doc: &Document,
) -> Vec<(
    usize,
    &Table,
    Vec<jixiao::score::IndicatorScore>,
    TableScore,
)> {
    scorable_tables(doc)
        .map(|(i, t)| {
            let p = Profile::detect(t);
            let (rows, s) = score_table(t, p, &Policy::for_profile(p));
            (i, t, rows, s)
        })
        .collect()
}

/// A printed figure agrees with a computed one at the precision it is printed with.
fn at_printed_precision(printed: Decimal, computed: Decimal) -> bool {
    computed.round_dp(printed.scale()) == printed
}

#[test]
fn printed_fund_scores_and_totals_are_recomputed() {
    for seed in ["002_64eb690d41cac579", "004_717b51cf7e2c8e2d"] {
        let doc = read(seed);
        let tables = scores(&doc);
        assert_eq!(
            tables.len(),
            if seed.starts_with("002") { 14 } else { 5 },
            "{seed}"
        );
        for (i, t, _, s) in &tables {
            // 分值 × 全年执行数 / 全年预算数, against the printed score (004 T4 prints 8.6 for 8.642).
            let printed = s.fund_self_score.unwrap();
            assert!(
                at_printed_precision(printed, s.fund_score.unwrap()),
                "{seed} T{i}: {printed} vs {:?}",
                s.fund_score
            );
            // The printed total is the printed fund score plus the printed indicator scores. 002 T6 prints its
            // 总分 label without numbers (its parts add up to 99.62).
            let sum: Decimal =
                t.indicators.iter().filter_map(|x| x.score).sum::<Decimal>() + printed;
            match t.printed_total_score {
                Some(total) => assert!(
                    at_printed_precision(total, sum),
                    "{seed} T{i}: total {total} vs {sum}"
                ),
                None => assert_eq!((seed, *i, sum), ("002_64eb690d41cac579", 6, d("99.62"))),
            }
        }
    }
}

#[test]
fn standard_totals_of_every_table() {
    let totals = |seed: &str| -> Vec<String> {
        scores(&read(seed))
            .iter()
            .map(|(_, _, _, s)| s.standard_total.normalize().to_string())
            .collect()
    };
    // 002: equal to the printed totals except T7 (92.74 printed; 维护维修及时性 earns 1.5 of its 15 points).
    assert_eq!(
        totals("002_64eb690d41cac579"),
        [
            "100", "93.99", "99.87", "100", "99.85", "99.8", "99.62", "79.24", "93.44", "100",
            "98.41", "99.98", "97.56", "95.39"
        ]
    );
    // 004: printed 98.07, 98.48, 97.32, 98.4, 98. The differences are the rows pinned below (004 rounds its
    // partial scores to steps of 0.05) and, in T4, the fund score printed as 8.6 for 8.642.
    assert_eq!(
        totals("004_717b51cf7e2c8e2d"),
        ["98.11", "98.46", "97.27", "98.4", "97.66"]
    );
    let grades: Vec<(Option<String>, Option<String>)> = scores(&read("002_64eb690d41cac579"))
        .into_iter()
        .map(|(_, _, _, s)| (s.standard_grade, s.self_grade))
        .collect();
    assert_eq!(grades[7], (Some("中".into()), Some("优".into())));
    assert!(grades
        .iter()
        .enumerate()
        .all(|(i, (a, b))| i == 7 || a == b));
}

#[test]
fn self_scores_the_rules_do_not_support() {
    // (table, row, line, self-score, standard score) of every row whose self-score differs from the rules'.
    let differing = |seed: &str| -> Vec<(usize, usize, u32, String, String)> {
        let doc = read(seed);
        let mut out = Vec::new();
        for (i, t, rows, _) in scores(&doc) {
            for (r, (s, ind)) in rows.iter().zip(&t.indicators).enumerate() {
                if let (Status::Scored, Some(std), Some(own)) = (s.status, s.standard, ind.score) {
                    if (own - std).abs() > d("0.005") {
                        out.push((
                            i,
                            r,
                            ind.location.line.unwrap(),
                            own.normalize().to_string(),
                            std.normalize().to_string(),
                        ));
                    }
                }
            }
        }
        out
    };
    let row = |t, r, l, own: &str, std: &str| (t, r, l, own.to_owned(), std.to_owned());
    // 002: 维护维修及时性, target 100%, actual 10%, scored 15 of 15; the rules give 1.5.
    assert_eq!(
        differing("002_64eb690d41cac579"),
        [row(7, 2, 241, "15", "1.5")]
    );
    assert_eq!(
        differing("004_717b51cf7e2c8e2d"),
        [
            // 5400 m² → 2629.88 m² of 0.5 points: 0.2435, printed 0.25 (and 4 points: 1.95, printed 2).
            row(0, 9, 295, "0.25", "0.24"),
            // Below the rules (rounded down to 0.05 steps): 22/40 × 0.6 = 0.33, 10/30 × 0.5 = 0.17.
            row(0, 40, 327, "0.3", "0.33"),
            row(0, 58, 347, "0.15", "0.17"),
            // 约 300 份 → 143 of 1 point: 0.48, printed 0.5.
            row(1, 18, 428, "0.5", "0.48"),
            row(2, 7, 486, "2", "1.95"),
            row(4, 14, 634, "0.3", "0.29"),
            // 部分项目工作任务没有在年度内完成: the bottom band (under 60% of 0.4), scored full marks.
            row(4, 112, 740, "0.4", "0.23"),
            // ≤2100元 against 1930.57万元 as printed: nothing by the rules, scored full marks.
            row(4, 118, 746, "0.3", "0"),
        ]
    );
}

#[test]
fn unscorable_rows_say_why() {
    let doc = read("002_64eb690d41cac579");
    let mut reasons = Vec::new();
    for (i, t, rows, _) in scores(&doc) {
        for (r, (s, ind)) in rows.iter().zip(&t.indicators).enumerate() {
            if s.status == Status::Unscorable {
                reasons.push((i, r, ind.location.line.unwrap(), s.method.as_str()));
            }
        }
    }
    assert_eq!(
        reasons,
        [
            // ≥考核年份党员总数 → 209: the target names another quantity.
            (1, 2, 46, "target_reference"),
            // 办公实际面积 → 8602.34.
            (3, 0, 114, "target_reference"),
            // 在约定时限内上线 → 2024年10月: the agreed deadline is not printed.
            (5, 9, 175, "text_actual"),
            // OCR-garbled actuals.
            (6, 5, 211, "text_actual"),
            (6, 9, 216, "text_actual"),
        ]
    );
}

#[test]
fn reverse_policy_and_renormalisation_are_switchable() {
    let doc = read("004_717b51cf7e2c8e2d");
    let t = &doc.tables[4];
    let p = Profile::detect(t);
    let linear = Policy {
        reverse: jixiao::score::ReversePolicy::Linear,
        ..Policy::for_profile(p)
    };
    let (rows, _) = score_table(t, p, &linear);
    // ≤2100元 against 19,305,700元: 0 under both policies (far beyond twice the cap).
    assert_eq!(rows[118].standard, Some(d("0.00")));
    // Seed 002 T1 has 4 not-applicable rows of 0 points: renormalising changes nothing when all 100 points
    // are applicable.
    let doc = read("002_64eb690d41cac579");
    let p = Profile::detect(&doc.tables[1]);
    let renorm = Policy {
        renormalize: true,
        ..Policy::for_profile(p)
    };
    assert_eq!(
        score_table(&doc.tables[1], p, &renorm).1.standard_total,
        d("93.99")
    );
}

#[test]
fn quality_features_on_rows_chosen_by_hand() {
    let docs: Vec<Document> = [
        "001_8ac005536caa6091",
        "002_64eb690d41cac579",
        "004_717b51cf7e2c8e2d",
    ]
    .iter()
    .map(|s| read(s))
    .collect();
    let names = name_counts(docs.iter());
    let features = |doc: usize, table: usize| {
        let t = &docs[doc].tables[table];
        table_quality(t, Profile::detect(t), &names, GradeModel::shipped())
    };
    // 001 T4 r2 数据备份完成率 (line 16) under 社会效益: an output measure filed as a benefit, the example.
    // Its 100% is a completion rate, which the reviewers do not count as routine (RUBRIC 3.5): only compliance
    // rates (发放率, 公示率, 核算率 …) at 100% are.
    let (f, _) = features(0, 4);
    assert!(f[2].miscategorized.is_some() && !f[2].routine_100);
    // 001 T5 r2 成果推广应用 ≥0 (line 18): cannot fail, and counts nothing in particular (no unit).
    let (f, t5) = features(0, 5);
    assert!(f[2].cannot_fail && f[2].unit_present == Some(false));
    assert_eq!(t5.share_cannot_fail, 0.5);
    // 001: 服务对象满意度 is used in 4 tables, so it is boilerplate (the threshold is 3 tables).
    let (f, _) = features(0, 2);
    assert!(f[3].boilerplate);
    // 002 T1 r7 党员党性修养 提高 → 提高 (line 51): neither quantified nor measurable; target equals actual.
    let (f, _) = features(1, 1);
    assert!(!f[7].quantified && !f[7].measurable && f[7].equals_actual == Some(true));
    // 002 T7 r2 维护维修及时性 100% → 10% (line 241): not met.
    let (f, t7) = features(1, 7);
    assert_eq!(f[2].met, Some(false));
    assert_eq!(t7.share_met, Some(0.8));
    // 004 T0 r27 湖南省居民自建房实地核查 ≥3000栋 → 14000栋 (line 314): delivered far above the target.
    let (f, t0) = features(2, 0);
    assert_eq!(f[27].far_above, Some(true));
    // Every dimension and the index lie in [0, 100]; feasibility exists for self-evaluations only.
    for (di, doc) in docs.iter().enumerate() {
        for ti in 0..doc.tables.len() {
            let (_, q) = features(di, ti);
            for v in [q.completeness, q.relevance, q.appropriateness, q.index] {
                assert!((0.0..=100.0).contains(&v), "{di} {ti} {q:?}");
            }
            assert_eq!(
                q.feasibility.is_some(),
                doc.tables[ti].kind == jixiao::model::TableKind::SelfEval
            );
        }
    }
    // 004 T0: its slogans with the target 是 are not measurable (RUBRIC 3.2); its spending lines capped at their
    // budget (≤480 万元 …), its ≥1次 targets and its funds disbursed by a date are too easy (3.5), and the
    // disbursement rows are budget execution filed as indicators (3.4).
    assert!((t0.index - INDEX_004_T0).abs() < 0.01, "{}", t0.index);
    // Row grades (the shipped model): 001 T5 r2 ≥0 cannot fail and is capped low; 004 T0 r0 0.2m 航飞影像保障获取
    // 面积 4120km² is a specific quantity with no flaw, graded as the reviewers graded it (5 … rounded from the
    // quantity base); r27 ≥3000栋 → 14000栋 is capped by far_above.
    let (f, _) = features(0, 5);
    assert!(
        f[2].flaws.contains(&Flaw::CannotFail) && f[2].grade <= 2,
        "{:?}",
        f[2]
    );
    let (f, _) = features(2, 0);
    assert_eq!(
        (f[0].form, f[0].flaws.as_slice()),
        (Form::Quantity, &[][..])
    );
    assert!(f[0].grade >= 4, "{:?}", f[0]);
    assert!(f[27].flaws.contains(&Flaw::FarAbove) && f[27].grade < f[0].grade);
    // 004 T0 caps ten spending lines (r73 地质灾害防治 ≤480 万元 …): sub-lines of the budget, a notable flaw that
    // the reviewers graded 2 (RUBRIC 3.8), not the certainty of one cap restating the whole budget. It is capped
    // at the low_bar level (2.44 in the shipped model), which sits at the cut between 2 and 3: graded 2 or 3,
    // below the unflawed quantity and above the rows that cannot fail.
    assert!(f[73].cannot_fail && f[73].flaws.contains(&Flaw::LowBar));
    assert!(!f[73].flaws.contains(&Flaw::CannotFail));
    assert!(
        (2..=3).contains(&f[73].grade) && f[73].grade_score < f[0].grade_score,
        "{:?}",
        f[73]
    );
    let (fives, _) = features(0, 5);
    assert!(f[73].grade_score > fives[2].grade_score);
}

/// 004 T0's index under the shipped grade model (changes only when the model is refitted).
const INDEX_004_T0: f64 = 59.52;
