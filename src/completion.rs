//! How far an actual value goes towards its target: the comparison the checks (shortfall, overshoot, full
//! marks on a miss) and the re-scoring share.
//!
//! Only like with like is compared: two quantities in the same unit (or one side without a unit, as actuals
//! are often printed bare: `≥4次` → `8`), two dates, or two durations. Anything else (prose, a target that
//! refers to another quantity, `%` against `个`) has no completion, and callers say so rather than guess.

use rust_decimal::Decimal;

use crate::value::{Kind, Op, Value};

/// Which way a target points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// `≥`, `>`: more is better.
    Higher,
    /// `≤`, `<`, `…内`: less is better (反向指标).
    Lower,
    /// A bare or `=` quantity (`100%`, `1 套`): scored like `≥` (over-delivery is not penalised, R1.5).
    Equal,
    /// A date with `前`/`底`/`≤`: on time or late.
    Deadline,
}

/// A target and an actual on one scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Completion {
    pub direction: Direction,
    /// The target (days since 1970 for deadlines, seconds for durations).
    pub target: Decimal,
    /// The upper bound of a range target (`2—3家`), on the same scale: an actual up to it is no overshoot.
    pub target_high: Option<Decimal>,
    /// The actual, on the same scale; a negative actual counts as 0 (provincial systems clamp it).
    pub actual: Decimal,
    /// The actual reaches the target (inclusive; strictly for `>` and `<`).
    pub met: bool,
    /// actual / target for more-is-better and equality targets, target / actual for less-is-better; `None`
    /// for deadlines and when the divisor is 0.
    pub ratio: Option<Decimal>,
}

impl Completion {
    /// The actual falls short of the target.
    pub fn short(&self) -> bool {
        !self.met
    }
}

/// The completion of `actual` against `target`, when the two can be compared.
pub fn completion(target: &Value, actual: &Value) -> Option<Completion> {
    match (target.kind, actual.kind) {
        (Kind::Number, Kind::Number) => quantities(target, actual),
        (Kind::Range, Kind::Number) => {
            // A range target is met from its lower bound on.
            let low = Value {
                kind: Kind::Number,
                op: Some(Op::Ge),
                value: target.low,
                ..target.clone()
            };
            let mut c = quantities(&low, actual)?;
            c.target_high = target.high;
            Some(c)
        }
        (Kind::Date, Kind::Date) => {
            let (t, a) = (target.date?, actual.date?);
            if matches!(target.op, Some(Op::Ge | Op::Gt)) {
                return None; // "no earlier than" is not a deadline
            }
            let (t, a) = (
                Decimal::from(t.days_since_epoch()),
                Decimal::from(a.days_since_epoch()),
            );
            Some(Completion {
                direction: Direction::Deadline,
                target: t,
                target_high: None,
                actual: a,
                met: if target.op == Some(Op::Lt) {
                    a < t
                } else {
                    a <= t
                },
                ratio: None,
            })
        }
        (Kind::Duration, Kind::Duration) => {
            let (t, a) = (target.duration_s?, actual.duration_s?);
            let direction = match target.op {
                Some(Op::Ge | Op::Gt) => Direction::Higher,
                // `约 300 天` (a museum open 300 days) is an amount of time to deliver.
                Some(Op::Approx | Op::Eq) => Direction::Equal,
                _ => Direction::Lower, // `3个月内`: a time limit
            };
            build(direction, target.op, t, a, actual.op)
        }
        _ => None,
    }
}

/// Units that count the same thing: 人, 名 and 位 all count people (`不少于2人` → `博士2名`).
fn same_unit(a: &str, b: &str) -> bool {
    const PEOPLE: &[&str] = &["人", "名", "位"];
    a == b || PEOPLE.contains(&a) && PEOPLE.contains(&b)
}

fn quantities(target: &Value, actual: &Value) -> Option<Completion> {
    let (t, a) = (target.value?, actual.value?);
    if let (Some(tu), Some(au)) = (&target.unit, &actual.unit) {
        if !same_unit(tu, au) {
            return None;
        }
    }
    // A target that refers to another quantity (`≥考核年份党员总数`) is not a number to compare with.
    if target.reference.is_some() {
        return None;
    }
    let direction = match target.op {
        Some(Op::Ge | Op::Gt) => Direction::Higher,
        Some(Op::Le | Op::Lt) => Direction::Lower,
        Some(Op::Eq | Op::Approx) | None => Direction::Equal,
    };
    build(direction, target.op, t, a, actual.op)
}

/// `actual_op` is the actual's own comparator: an actual printed as a bound (`小于20次`, `优于1mm`,
/// `2天以内`) is met when the bound is within the target, and cannot be compared against a target that points
/// the other way.
fn build(
    direction: Direction,
    op: Option<Op>,
    target: Decimal,
    actual: Decimal,
    actual_op: Option<Op>,
) -> Option<Completion> {
    let actual = actual.max(Decimal::ZERO);
    let bound_met = match actual_op {
        Some(Op::Le | Op::Lt) if direction == Direction::Lower => Some(actual <= target),
        Some(Op::Ge | Op::Gt) if matches!(direction, Direction::Higher | Direction::Equal) => {
            Some(actual >= target)
        }
        Some(Op::Le | Op::Lt | Op::Ge | Op::Gt) => return None,
        _ => None,
    };
    let met = bound_met.unwrap_or(match (direction, op) {
        (Direction::Higher, Some(Op::Gt)) => actual > target,
        (Direction::Lower, Some(Op::Lt)) => actual < target,
        (Direction::Lower, _) => actual <= target,
        // An "= 0" target is met by nothing happening.
        (Direction::Equal, _) if target.is_zero() => actual.is_zero(),
        _ => actual >= target,
    });
    let ratio = match direction {
        Direction::Lower => (!actual.is_zero()).then(|| target / actual),
        _ => (!target.is_zero()).then(|| actual / target),
    };
    Some(Completion {
        direction,
        target,
        target_high: None,
        actual,
        met,
        ratio,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::parse;

    fn c(t: &str, a: &str) -> Option<Completion> {
        completion(&parse(t), &parse(a))
    }

    #[test]
    fn real_rows() {
        // Seed 002: a timeliness target of 100% with an actual of 10%.
        let x = c("100%", "10%").unwrap();
        assert_eq!(x.direction, Direction::Equal);
        assert!(x.short());
        assert_eq!(x.ratio.unwrap().normalize().to_string(), "0.1");
        // Seed 002: ≥4次 → 8 (the actual printed without its unit).
        let x = c("≥4次", "8").unwrap();
        assert!(x.met);
        assert_eq!(x.ratio.unwrap().normalize().to_string(), "2");
        // Seed 002: 党员投诉数 <20份 → 0份: met, no ratio (nothing to divide by).
        let x = c("<20份", "0份").unwrap();
        assert!(x.met && x.ratio.is_none());
        // Seed 004: 5400 m² → 2629.88 m².
        assert!(c("5400 m ²", "2629.88 m ²").unwrap().short());
        // Seed 002: 3个月内 → 1个月.
        assert!(c("3个月内", "1个月").unwrap().met);
        // Seed 002: 不少于2人 → 参与招聘的外地来深博士2名 (people counted as 人 and as 名).
        assert!(c("不少于2人", "博士2名").unwrap().met);
        // Seed 002: an actual printed as a bound within the target (小于20次 → 小于20次), and seed 004's 优于1mm.
        assert!(c("小于20次", "小于20次").unwrap().met);
        assert!(c("优于1mm", "优于1mm").unwrap().met);
        assert!(c("≥90%", "少于10%").is_none());
        // Seed 004: a museum open 约 300 天, actually 304 天.
        assert!(c("约 300 天", "304 天").unwrap().met);
    }

    #[test]
    fn not_comparable() {
        assert!(c("≥考核年份党员总数", "209").is_none());
        assert!(c("≥95%", "20个").is_none());
        assert!(c("提高", "提高").is_none());
        assert!(c("不超年度预算", "不超年度预算").is_none());
    }

    #[test]
    fn deadlines_and_zero_targets() {
        assert!(c("2024年12月31日前", "2024年11月30日").unwrap().met);
        assert!(c("2024年6月30日前", "2024年12月").unwrap().short());
        assert!(c("0次", "0次").unwrap().met);
        assert!(c("0次", "2次").unwrap().short());
        assert!(c("≤5%", "-1%").unwrap().met); // a negative actual counts as 0
    }
}
