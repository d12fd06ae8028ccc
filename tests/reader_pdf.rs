//! PDF reading from the Rust core: the committed fixtures (LibreOffice exports made by
//! tests/fixtures/pdf/make_pdfs.py), the located errors, the limits, and mutated files that must never panic.

use std::path::{Path, PathBuf};

use jixiao::error::ErrorKind;
use jixiao::read::pdf::{extract, Problem};
use jixiao::read::read_bytes;
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(dir().join(name)).unwrap()
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf")
}

#[test]
fn a_ruled_goal_table_reads_with_merged_categories_carried_down() {
    let doc = read_bytes(&fixture("000_4d4b8abbc5176aaa.pdf"), "000.pdf").unwrap();
    assert_eq!(doc.layout.as_deref(), Some("pdf"));
    let t = &doc.tables[0];
    assert_eq!(t.indicators.len(), 18);
    let last = &t.indicators[17];
    assert_eq!(last.name.as_deref(), Some("群众及业务部门满意度（%）"));
    assert_eq!(last.level1, Some(jixiao::model::Level1::Satisfaction));
    assert_eq!(last.target.as_ref().map(|v| v.text.as_str()), Some("≥95%"));
    // The allocation plan on the same pages, a row cut by the page break joined.
    let plan = &doc.allocations[0];
    assert_eq!(plan.rows.len(), 13);
    assert_eq!(
        plan.rows[4].project.as_deref(),
        Some("广东省智慧自然资源—海洋数据治理与应用开发（2022-2024年）项目")
    );
    // Rows on the second page say so.
    assert_eq!(plan.rows[12].location.page, Some(2));
}

#[test]
fn broken_files_are_located_errors() {
    let cases = [
        ("encrypted.pdf", "encrypted"),
        ("truncated.pdf", "damaged or truncated"),
        (
            "scan.pdf",
            "no text layer: page 1 is an image and needs OCR",
        ),
    ];
    for (name, says) in cases {
        let e = read_bytes(&fixture(name), name).unwrap_err();
        assert!(matches!(e.kind, ErrorKind::Pdf(_)), "{name}");
        assert!(e.to_string().contains(says), "{name}: {e}");
        assert!(e.to_string().contains(name), "{name}: {e}");
    }
}

#[test]
fn limits_hold() {
    let limits = extract::Limits {
        max_pages: 1,
        ..extract::Limits::default()
    };
    let e = extract::pages(&fixture("two_pages.pdf"), &limits).unwrap_err();
    assert!(
        matches!(e, Problem::Limit { .. } | Problem::Malformed(_)),
        "{e:?}"
    );
    assert!(e.what().1.contains("limit"), "{e:?}");
    let cut = extract::Limits {
        max_glyphs_per_page: 10,
        ..extract::Limits::default()
    };
    let pages = extract::pages(&fixture("unruled.pdf"), &cut).unwrap();
    assert!(pages[0].cut && pages[0].glyphs.len() == 10);
    // A page cut at the limits is read as far as it goes, with a warning naming it.
    let doc =
        jixiao::read::pdf::read_pdf_with(&fixture("unruled.pdf"), "unruled.pdf", &cut).unwrap();
    assert!(doc
        .warnings
        .iter()
        .any(|w| w.location.page == Some(1) && w.message_en.contains("reading limits")));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Damaged PDFs (bytes overwritten, the file cut) read to a document or a located error, never a panic.
    #[test]
    fn mutated_pdfs_never_panic(
        which in 0usize..3,
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..12),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let name = ["003_4ea89972e077d80e.pdf", "unruled.pdf", "two_pages.pdf"][which];
        let mut bytes = fixture(name);
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        if let Some(c) = cut {
            bytes.truncate(c.index(bytes.len()).max(5));
        }
        match read_bytes(&bytes, name) {
            Ok(doc) => prop_assert_eq!(doc.layout.as_deref(), Some("pdf")),
            Err(e) => prop_assert!(e.to_string().contains(name)),
        }
    }
}
