//! Framework profiles: the weights, indicator tree, grade bands and thresholds a document is checked and scored
//! under. They are data (TOML files shipped in the package under `jixiao/profiles/`), so users can read, copy
//! and change them; the built-in ones are compiled in from the same files.

use std::str::FromStr;
use std::sync::LazyLock;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};

use crate::model::{Level1, Level2, Table};

/// The built-in profiles, by name, from the files the Python package ships.
const BUILTIN: &[(&str, &str)] = &[
    (
        "central",
        include_str!("../../python/jixiao/profiles/central.toml"),
    ),
    (
        "cost-first",
        include_str!("../../python/jixiao/profiles/cost-first.toml"),
    ),
    (
        "hunan-2024",
        include_str!("../../python/jixiao/profiles/hunan-2024.toml"),
    ),
];

/// One framework: weights, tree, grades, thresholds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    pub title_zh: String,
    pub title_en: String,
    /// Where the numbers come from (document number and article).
    pub source: String,
    /// Points of a whole table (预算执行率 plus every indicator).
    #[serde(deserialize_with = "decimal")]
    pub total: Decimal,
    /// Points of the budget execution rate (预算执行率).
    #[serde(default, deserialize_with = "opt_decimal")]
    pub execution_weight: Option<Decimal>,
    /// The level-1 category that takes the satisfaction weight when a table has no satisfaction indicator.
    #[serde(default)]
    pub satisfaction_fallback: Option<Level1>,
    pub level1: Vec<Level1Spec>,
    pub grades: Vec<GradeBand>,
    pub qualitative: QualitativeBands,
    pub thresholds: Thresholds,
}

/// A first-level category in a profile.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level1Spec {
    pub category: Level1,
    /// Its points, when the framework fixes them.
    #[serde(default, deserialize_with = "opt_decimal")]
    pub weight: Option<Decimal>,
    /// A table without it is incomplete.
    #[serde(default)]
    pub required: bool,
    /// The second-level categories allowed under it.
    pub level2: Vec<Level2>,
}

/// The lowest total that earns a grade.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    pub grade: String,
    #[serde(deserialize_with = "decimal")]
    pub min: Decimal,
}

/// Share of the weight a qualitative result earns at least, per band.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualitativeBands {
    /// 达成年度指标: [achieved, 1].
    #[serde(deserialize_with = "decimal")]
    pub achieved: Decimal,
    /// 部分达成年度指标并具有一定效果: [partial, achieved).
    #[serde(deserialize_with = "decimal")]
    pub partial: Decimal,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    /// Actual at or above this multiple of the target needs a deviation reason.
    #[serde(deserialize_with = "decimal")]
    pub overshoot: Decimal,
    /// An execution rate (percent) below this needs an explanation.
    #[serde(deserialize_with = "decimal")]
    pub execution_reason_below: Decimal,
}

/// A profile file that cannot be used, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileError(pub String);

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ProfileError {}

impl Profile {
    /// The names of the built-in profiles.
    pub fn builtin_names() -> Vec<&'static str> {
        BUILTIN.iter().map(|(n, _)| *n).collect()
    }

    /// A built-in profile by name.
    pub fn builtin(name: &str) -> Option<Profile> {
        Profile::builtin_ref(name).cloned()
    }

    /// A built-in profile by name, parsed once per process.
    pub fn builtin_ref(name: &str) -> Option<&'static Profile> {
        static PARSED: LazyLock<Vec<Profile>> = LazyLock::new(|| {
            BUILTIN
                .iter()
                .map(|(_, text)| {
                    Profile::from_toml(text).expect("built-in profiles are valid (tested)")
                })
                .collect()
        });
        PARSED.iter().find(|p| p.name == name)
    }

    /// A profile from the text of a TOML file, checked for consistency.
    pub fn from_toml(text: &str) -> Result<Profile, ProfileError> {
        let p: Profile = toml::from_str(text).map_err(|e| ProfileError(e.to_string()))?;
        p.validate()?;
        Ok(p)
    }

    /// A built-in name, or the path of a TOML file.
    pub fn load(name_or_path: &str) -> Result<Profile, ProfileError> {
        if let Some(p) = Profile::builtin(name_or_path) {
            return Ok(p);
        }
        let text = std::fs::read_to_string(name_or_path).map_err(|e| {
            ProfileError(format!(
                "未知的框架配置「{name_or_path}」（内置：{}）/ unknown profile {name_or_path:?} \
                 (built in: {}; or a path to a .toml file): {e}",
                Profile::builtin_names().join("、"),
                Profile::builtin_names().join(", ")
            ))
        })?;
        Profile::from_toml(&text).map_err(|e| ProfileError(format!("{name_or_path}: {e}")))
    }

    fn validate(&self) -> Result<(), ProfileError> {
        let fixed: Decimal = self.level1.iter().filter_map(|l| l.weight).sum::<Decimal>()
            + self.execution_weight.unwrap_or_default();
        if self.level1.iter().all(|l| l.weight.is_some()) && fixed != self.total {
            return Err(ProfileError(format!(
                "weights add up to {fixed}, not the total {}",
                self.total
            )));
        }
        if self.grades.windows(2).any(|w| w[0].min <= w[1].min) {
            return Err(ProfileError(
                "grades must be listed from the highest minimum down".into(),
            ));
        }
        let q = &self.qualitative;
        if !(Decimal::ZERO < q.partial && q.partial < q.achieved && q.achieved <= Decimal::ONE) {
            return Err(ProfileError(
                "qualitative bands need 0 < partial < achieved <= 1".into(),
            ));
        }
        Ok(())
    }

    /// The spec of a level-1 category, when the profile has it.
    pub fn level1(&self, category: Level1) -> Option<&Level1Spec> {
        self.level1.iter().find(|l| l.category == category)
    }

    /// Whether `level2` may sit under `level1` in this profile's tree.
    pub fn allows(&self, level1: Level1, level2: Level2) -> bool {
        self.level1(level1)
            .is_some_and(|l| l.level2.contains(&level2))
    }

    /// The grade of a total.
    pub fn grade(&self, total: Decimal) -> Option<&str> {
        self.grades
            .iter()
            .find(|g| total >= g.min)
            .map(|g| g.grade.as_str())
    }

    /// The profile a table follows, from its categories and its printed level-1 weights: a table with 成本指标
    /// at level 1 follows the built-in cost-first profile whose fixed weights match what it prints (hunan-2024
    /// when it prints 40/10/30/10), else cost-first; any other table the central default.
    pub fn detect(table: &Table) -> &'static Profile {
        let builtin = |name| Profile::builtin_ref(name).expect("built in");
        let cost_first = table
            .indicators
            .iter()
            .any(|i| i.level1 == Some(Level1::Cost));
        if !cost_first {
            return builtin("central");
        }
        let printed = printed_level1_weights(table);
        let hunan = builtin("hunan-2024");
        let matches = !printed.is_empty()
            && printed
                .iter()
                .all(|(l1, w)| hunan.level1(*l1).and_then(|s| s.weight) == Some(*w));
        if matches {
            hunan
        } else {
            builtin("cost-first")
        }
    }
}

/// The "(NN分)" weights a table prints beside its level-1 labels, per category, in order of appearance.
pub fn printed_level1_weights(table: &Table) -> Vec<(Level1, Decimal)> {
    let mut out: Vec<(Level1, Decimal)> = Vec::new();
    let mut current: Option<(Level1, String)> = None;
    let flush = |cur: &mut Option<(Level1, String)>, out: &mut Vec<(Level1, Decimal)>| {
        if let Some((l1, text)) = cur.take() {
            if let Some(w) = points_in(&text) {
                if !out.iter().any(|(c, _)| *c == l1) {
                    out.push((l1, w));
                }
            }
        }
    };
    for ind in &table.indicators {
        let Some(l1) = ind.level1 else { continue };
        if current.as_ref().is_none_or(|(c, _)| *c != l1) {
            flush(&mut current, &mut out);
            current = Some((l1, String::new()));
        }
        if let (Some((_, text)), Some(p)) = (current.as_mut(), &ind.level1_printed) {
            text.push_str(p);
        }
    }
    flush(&mut current, &mut out);
    out
}

/// `产出指标 (50分)`, `(30分)`, `成本指标 (10 分)`: the points in parentheses.
pub fn points_in(text: &str) -> Option<Decimal> {
    let s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let end = s.find('分')?;
    let head = &s[..end];
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    let before = head[..start].chars().next_back();
    if !matches!(before, Some('(' | '（')) {
        return None;
    }
    Decimal::from_str(&head[start..]).ok()
}

/// Numbers in profile files may be written as integers, decimals or strings; all are read exactly.
fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = Decimal;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a number")
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Decimal, E> {
            Ok(Decimal::from(v))
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Decimal, E> {
            // The shortest text of the float is what the file says (0.8, not 0.8000000000000000444).
            Decimal::from_str(&v.to_string()).map_err(E::custom)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Decimal, E> {
            Decimal::from_str(v.trim()).map_err(E::custom)
        }
    }
    d.deserialize_any(V)
}

fn opt_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    decimal(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_load_and_add_up() {
        for name in Profile::builtin_names() {
            let p = Profile::builtin(name).unwrap();
            assert_eq!(p.name, name);
            assert_eq!(p.total, Decimal::from(100));
        }
        let central = Profile::builtin("central").unwrap();
        assert_eq!(
            central.level1(Level1::Output).unwrap().weight,
            Some(Decimal::from(50))
        );
        assert!(central.allows(Level1::Output, Level2::Cost));
        assert!(!central.allows(Level1::Output, Level2::SocialBenefit));
        assert_eq!(central.qualitative.achieved.to_string(), "0.8");
        assert_eq!(central.grade(Decimal::from(90)), Some("优"));
        assert_eq!(central.grade(Decimal::new(8999, 2)), Some("良"));
        assert_eq!(central.grade(Decimal::from(59)), Some("差"));
    }

    #[test]
    fn bad_profiles_are_refused() {
        let good = include_str!("../../python/jixiao/profiles/central.toml");
        let wrong_sum = good.replace("weight = 50", "weight = 55");
        assert!(Profile::from_toml(&wrong_sum)
            .unwrap_err()
            .0
            .contains("add up"));
        let unknown = good.replace("category = \"产出指标\"", "category = \"产出\"");
        assert!(Profile::from_toml(&unknown).is_err());
        assert!(Profile::load("no-such-profile").is_err());
    }

    #[test]
    fn printed_points() {
        assert_eq!(points_in("产出指标 (50分)"), Some(Decimal::from(50)));
        assert_eq!(points_in("成本指标 (10 分)"), Some(Decimal::from(10)));
        assert_eq!(points_in("（30分）"), Some(Decimal::from(30)));
        assert_eq!(points_in("产出指标"), None);
        assert_eq!(points_in("得分50分"), None);
    }
}
