//! Prints the re-scored tables and the indicators whose self-score the rules do not support:
//! `cargo run --example score_doc -- FILE...`
use jixiao::check::Profile;
use jixiao::score::{inflated, scorable_tables, score_table, Policy, Status};

fn main() {
    for path in std::env::args().skip(1) {
        let doc = match jixiao::read::read_path(std::path::Path::new(&path)) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("{e}");
                continue;
            }
        };
        println!("== {path}");
        for (i, table) in scorable_tables(&doc) {
            let profile = Profile::detect(table);
            let (rows, t) = score_table(table, profile, &Policy::for_profile(profile));
            println!(
                "T{i} [{}] fund {:?}/{:?} (printed {:?}) rate {:?}; standard {} {:?}; self {:?} {:?}; scored {} unscorable {} ({}) n/a {}; inflated {} (+{})",
                t.profile, t.fund_score.map(|d| d.to_string()), t.fund_weight.map(|d| d.to_string()),
                t.fund_self_score.map(|d| d.to_string()), t.fund_rate.map(|d| d.to_string()),
                t.standard_total, t.standard_grade, t.self_total.map(|d| d.to_string()), t.self_grade,
                t.n_scored, t.n_unscorable, t.unscorable_weight, t.n_not_applicable, t.n_inflated, t.inflated_points
            );
            for (r, (s, ind)) in rows.iter().zip(&table.indicators).enumerate() {
                if inflated(s, ind.score)
                    || (std::env::var_os("ALL").is_some() && s.status == Status::Unscorable)
                {
                    println!(
                        "   r{r} l{:?} {:?} {} | {} -> {} | w {:?} self {:?} std {:?} {}",
                        ind.location.line,
                        s.status,
                        ind.name.as_deref().unwrap_or("-"),
                        ind.target.as_ref().map_or("", |c| c.text.as_str()),
                        ind.actual.as_ref().map_or("", |c| c.text.as_str()),
                        ind.weight.map(|d| d.to_string()),
                        ind.score.map(|d| d.to_string()),
                        s.standard.map(|d| d.to_string()),
                        s.method.as_str()
                    );
                }
            }
        }
    }
}
