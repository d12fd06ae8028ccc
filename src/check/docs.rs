//! The documentation page of each rule, generated from the same text the catalogue holds (`docs/rules/`).

use super::{Check, Rule, RULES};

/// The Markdown page of one rule.
pub fn page(rule: &Rule) -> String {
    let scope = match rule.check {
        Check::Table(_) => "each table",
        Check::Document(_) => "the whole document",
    };
    let doc = rule.doc.split_whitespace().collect::<Vec<_>>().join(" ");
    format!(
        "# {code} {name}\n\n\
         **{title_zh}** · {title_en}\n\n\
         | severity 严重性 | scope 范围 |\n|---|---|\n| {severity} | {scope} |\n\n\
         ## What it checks, and why\n\n{doc}\n\n\
         ## Source 依据\n\n{source}\n\n\
         ## Message 提示\n\n- {message_zh}\n- {message_en}\n\n\
         ## Examples\n\n\
         - reported: [`tests/fixtures/rules/{code}/`](../../tests/fixtures/rules/{code}/) `fail.*` (lines in `expect.toml`)\n\
         - not reported: the `pass.*` file beside it\n",
        code = rule.code,
        name = rule.name,
        title_zh = rule.title_zh,
        title_en = rule.title_en,
        severity = rule.severity.as_str(),
        source = rule.source.split_whitespace().collect::<Vec<_>>().join(" "),
        message_zh = rule.message_zh,
        message_en = rule.message_en,
    )
}

/// The index page: every rule with its title.
pub fn index() -> String {
    let mut out = String::from(
        "# Rules 规则目录\n\nGenerated from the catalogue in `src/check/` (`JIXIAO_BLESS=1 cargo test --test rule_docs`).\n\
         List them with `jixiao rules` or `jixiao.rules()`.\n\n\
         | code | name | severity | 标题 | title |\n|---|---|---|---|---|\n",
    );
    for r in RULES {
        out.push_str(&format!(
            "| [{c}]({c}.md) | {n} | {s} | {tz} | {te} |\n",
            c = r.code,
            n = r.name,
            s = r.severity.as_str(),
            tz = r.title_zh,
            te = r.title_en
        ));
    }
    out
}
