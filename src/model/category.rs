//! The indicator tree's first- and second-level categories (一级指标, 二级指标), their canonical names, and how
//! printed names (with weights, variants and OCR damage) map to them.
//!
//! Both trees in use are accepted: 财预〔2015〕88号 with 成本指标 under 产出指标, and 财预〔2021〕101号 with 成本指标
//! as a first-level indicator split into 经济/社会/生态环境成本 (`shared/DOMAIN.md`, R2.1 and R3.1).

use serde::{Deserialize, Serialize};

/// 一级指标.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Level1 {
    #[serde(rename = "产出指标")]
    Output,
    #[serde(rename = "成本指标")]
    Cost,
    #[serde(rename = "效益指标")]
    Benefit,
    #[serde(rename = "满意度指标")]
    Satisfaction,
}

/// 二级指标.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Level2 {
    #[serde(rename = "数量指标")]
    Quantity,
    #[serde(rename = "质量指标")]
    Quality,
    #[serde(rename = "时效指标")]
    Timeliness,
    #[serde(rename = "成本指标")]
    Cost,
    #[serde(rename = "经济成本指标")]
    EconomicCost,
    #[serde(rename = "社会成本指标")]
    SocialCost,
    #[serde(rename = "生态环境成本指标")]
    EcologicalCost,
    #[serde(rename = "经济效益指标")]
    EconomicBenefit,
    #[serde(rename = "社会效益指标")]
    SocialBenefit,
    #[serde(rename = "生态效益指标")]
    EcologicalBenefit,
    #[serde(rename = "可持续影响指标")]
    Sustainability,
    #[serde(rename = "服务对象满意度指标")]
    ServiceSatisfaction,
    #[serde(rename = "其他满意度指标")]
    OtherSatisfaction,
}

fn squeeze(printed: &str) -> String {
    // Weights such as (50分) and every space go; OCR splits category cells with spaces.
    let mut out = String::with_capacity(printed.len());
    let mut depth = 0usize;
    for c in printed.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            c if c.is_whitespace() => {}
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

impl Level1 {
    pub fn as_str(self) -> &'static str {
        match self {
            Level1::Output => "产出指标",
            Level1::Cost => "成本指标",
            Level1::Benefit => "效益指标",
            Level1::Satisfaction => "满意度指标",
        }
    }

    /// The category a printed first-level cell names (`产出指标 (50分)`, `效益 指标`, `服务对象满意度指标`), or
    /// `None` when it names none. `环境效益指标` printed at level 1 (seed 003) is a benefit.
    pub fn from_printed(printed: &str) -> Option<Level1> {
        let s = squeeze(printed);
        if s.contains("满意") {
            Some(Level1::Satisfaction)
        } else if s.contains("效益") || s.contains("效果") || s.contains("影响") {
            Some(Level1::Benefit)
        } else if s.contains("成本") {
            Some(Level1::Cost)
        } else if s.contains("产出") {
            Some(Level1::Output)
        } else {
            None
        }
    }

    /// The second-level categories allowed under this one (union of the 2015 and 2021 trees).
    pub fn allowed_level2(self) -> &'static [Level2] {
        use Level2::*;
        match self {
            Level1::Output => &[Quantity, Quality, Timeliness, Cost],
            Level1::Cost => &[EconomicCost, SocialCost, EcologicalCost, Cost],
            Level1::Benefit => &[
                EconomicBenefit,
                SocialBenefit,
                EcologicalBenefit,
                Sustainability,
            ],
            Level1::Satisfaction => &[ServiceSatisfaction, OtherSatisfaction],
        }
    }
}

impl Level2 {
    pub fn as_str(self) -> &'static str {
        match self {
            Level2::Quantity => "数量指标",
            Level2::Quality => "质量指标",
            Level2::Timeliness => "时效指标",
            Level2::Cost => "成本指标",
            Level2::EconomicCost => "经济成本指标",
            Level2::SocialCost => "社会成本指标",
            Level2::EcologicalCost => "生态环境成本指标",
            Level2::EconomicBenefit => "经济效益指标",
            Level2::SocialBenefit => "社会效益指标",
            Level2::EcologicalBenefit => "生态效益指标",
            Level2::Sustainability => "可持续影响指标",
            Level2::ServiceSatisfaction => "服务对象满意度指标",
            Level2::OtherSatisfaction => "其他满意度指标",
        }
    }

    /// The category a printed second-level cell names, or `None`. `环境效益` is read as 生态效益 (seed 003).
    pub fn from_printed(printed: &str) -> Option<Level2> {
        let s = squeeze(printed);
        let has = |w: &str| s.contains(w);
        Some(if has("经济成本") {
            Level2::EconomicCost
        } else if has("社会成本") {
            Level2::SocialCost
        } else if has("生态环境成本") || has("生态成本") || has("环境成本") {
            Level2::EcologicalCost
        } else if has("成本") {
            Level2::Cost
        } else if has("数量") {
            Level2::Quantity
        } else if has("质量") {
            Level2::Quality
        } else if has("时效") || has("进度") || has("工期") {
            Level2::Timeliness
        } else if has("经济效益") {
            Level2::EconomicBenefit
        } else if has("社会效益") {
            Level2::SocialBenefit
        } else if has("生态效益") || has("环境效益") {
            Level2::EcologicalBenefit
        } else if has("可持续") {
            Level2::Sustainability
        } else if has("其他满意") {
            Level2::OtherSatisfaction
        } else if has("满意") {
            Level2::ServiceSatisfaction
        } else {
            return None;
        })
    }

    /// The first-level category this one normally sits under (成本指标 is ambiguous: under 产出 in the 2015 tree).
    pub fn parent(self) -> Level1 {
        use Level2::*;
        match self {
            Quantity | Quality | Timeliness | Cost => Level1::Output,
            EconomicCost | SocialCost | EcologicalCost => Level1::Cost,
            EconomicBenefit | SocialBenefit | EcologicalBenefit | Sustainability => Level1::Benefit,
            ServiceSatisfaction | OtherSatisfaction => Level1::Satisfaction,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_names_map_to_categories() {
        assert_eq!(
            Level1::from_printed("产出指标 (50分)"),
            Some(Level1::Output)
        );
        assert_eq!(Level1::from_printed("成本指标 (10 分)"), Some(Level1::Cost));
        assert_eq!(Level1::from_printed("环境效益指标"), Some(Level1::Benefit));
        assert_eq!(
            Level1::from_printed("服务对象满意度指标"),
            Some(Level1::Satisfaction)
        );
        assert_eq!(Level1::from_printed("X X W. X."), None);
        assert_eq!(
            Level2::from_printed("经济成本 指标"),
            Some(Level2::EconomicCost)
        );
        assert_eq!(
            Level2::from_printed("环境效益指标"),
            Some(Level2::EcologicalBenefit)
        );
        assert_eq!(
            Level2::from_printed("服务对象满意度指标"),
            Some(Level2::ServiceSatisfaction)
        );
        assert_eq!(Level2::from_printed("灰星 1400"), None); // OCR damage: the reader infers it from context
    }

    #[test]
    fn trees_are_consistent() {
        for l1 in [
            Level1::Output,
            Level1::Cost,
            Level1::Benefit,
            Level1::Satisfaction,
        ] {
            for l2 in l1.allowed_level2() {
                assert!(
                    l2.parent() == l1 || *l2 == Level2::Cost,
                    "{l2:?} under {l1:?}"
                );
                assert_eq!(Level2::from_printed(l2.as_str()), Some(*l2));
            }
            assert_eq!(Level1::from_printed(l1.as_str()), Some(l1));
        }
    }
}
