//! Keyness of one phrase: is it used more (or less) in a target corpus than
//! in a reference corpus, and by how much?
//!
//! The data are a 2×2 table (sizes in characters):
//!
//! |           | the phrase | everything else | size  |
//! |-----------|-----------:|----------------:|------:|
//! | target    | a          | c − a           | c     |
//! | reference | b          | d − b           | d     |
//! | total     | a + b      | N − a − b       | N = c + d |
//!
//! **Expected counts** (what a phrase used at the same rate everywhere would
//! give): E1 = c·(a+b)/N, E2 = d·(a+b)/N.
//!
//! **Log-likelihood G²** (Dunning 1993, "Accurate methods for the
//! statistics of surprise and coincidence"), in the form of Rayson & Garside
//! (2000, "Comparing corpora using frequency profiling") that Wmatrix and
//! AntConc print: G² = 2·(a·ln(a/E1) + b·ln(b/E2)), with 0·ln 0 = 0. It sums
//! over the phrase's two cells only; the full four-cell G² (quanteda's
//! `textstat_keyness(measure = "lr")`) adds the "everything else" cells,
//! which change it by an amount that shrinks as the corpora grow. G² ≥ 0 by
//! the log-sum inequality (a + b = E1 + E2).
//!
//! **Chi² with Yates' correction** (Yates 1934), on the full table, as R's
//! `chisq.test(correct = TRUE)` computes it: every cell's |O − E| is the same
//! in a 2×2 table, and the correction subtracts min(0.5, |O − E|), so
//! χ² = N·max(0, |a(d−b) − b(c−a)| − N/2)² / (c·d·(a+b)·(N−a−b)).
//!
//! **p-values**: G² and χ² are compared with the chi-squared distribution
//! of one degree of freedom, whose upper tail is P(X > x) = erfc(√(x/2))
//! (X = Z² for a standard normal Z); `libm::erfc` computes it.
//!
//! **Log ratio** (Hardie 2014, "Log Ratio: an informal introduction",
//! CASS): log2((a/c)/(b/d)), the binary log of the ratio of the relative
//! frequencies: 1 = twice as frequent in the target, −1 = half. A zero count
//! is replaced by **0.5** before dividing by its size (Hardie's adjustment,
//! as in CQPweb), so a phrase absent from one side gets a finite value; only
//! the zero side is adjusted.
//!
//! **Use**: `over` when a/c > b/d, `under` when a/c < b/d, `equal` when the
//! rates are the same (compared exactly, as a·d against b·c).
//!
//! Where a statistic is undefined it is `None` or 0, as each field says.

use serde::Serialize;

/// Whether the target uses a phrase more or less than the reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Use {
    /// Higher rate in the target.
    Over,
    /// Lower rate in the target.
    Under,
    /// The same rate (or no text to compare).
    Equal,
}

impl Use {
    /// `over`, `under` or `equal`.
    pub fn as_str(self) -> &'static str {
        match self {
            Use::Over => "over",
            Use::Under => "under",
            Use::Equal => "equal",
        }
    }
}

/// The keyness statistics of one phrase in one 2×2 table, not rounded.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Keyness {
    /// Expected count in the target: c·(a+b)/N (0 when N = 0).
    pub expected_target: f64,
    /// Expected count in the reference: d·(a+b)/N (0 when N = 0).
    pub expected_reference: f64,
    /// Log-likelihood G² (two cells); 0 when the phrase occurs nowhere.
    pub g2: f64,
    /// Upper tail of G² under chi-squared with 1 degree of freedom.
    pub p: f64,
    /// Chi² with Yates' correction (full table); 0 when a margin is 0.
    pub chi2_yates: f64,
    /// Upper tail of `chi2_yates` with 1 degree of freedom.
    pub p_chi2: f64,
    /// log2 of the ratio of the relative frequencies, zeros taken as 0.5;
    /// `None` when a side has no text or the phrase occurs on neither.
    pub log_ratio: Option<f64>,
    /// Over- or under-use in the target.
    pub direction: Use,
}

/// Keyness of a phrase seen `a` times in a target of `c` characters and `b`
/// times in a reference of `d` characters.
///
/// ```
/// let k = tifa_core::stats::keyness::keyness(50, 100_000, 30, 200_000);
/// assert!((k.g2 - 28.339017248023701).abs() < 1e-9);
/// assert_eq!(k.direction, tifa_core::stats::Use::Over);
/// ```
pub fn keyness(a: u64, c: u64, b: u64, d: u64) -> Keyness {
    let (e1, e2) = expected(a, c, b, d);
    let g2 = log_likelihood(a, c, b, d);
    let chi2 = chi2_yates(a, c, b, d);
    Keyness {
        expected_target: e1,
        expected_reference: e2,
        g2,
        p: p_value_1df(g2),
        chi2_yates: chi2,
        p_chi2: p_value_1df(chi2),
        log_ratio: log_ratio(a, c, b, d),
        direction: direction(a, c, b, d),
    }
}

/// Expected counts (E1, E2) = (c·(a+b)/N, d·(a+b)/N); (0, 0) when N = 0.
pub fn expected(a: u64, c: u64, b: u64, d: u64) -> (f64, f64) {
    let n = c as f64 + d as f64;
    if n == 0.0 {
        return (0.0, 0.0);
    }
    let total = a as f64 + b as f64;
    (c as f64 * total / n, d as f64 * total / n)
}

/// One cell's O·ln(O/E), with 0·ln 0 = 0 (the limit). A positive count with
/// nothing expected only arises from a count in no text (c = 0 with a > 0),
/// which no corpus gives; it contributes 0 rather than infinity.
fn o_ln_o_over_e(o: f64, e: f64) -> f64 {
    if o == 0.0 || e == 0.0 {
        0.0
    } else {
        o * (o / e).ln()
    }
}

/// Log-likelihood G² = 2·(a·ln(a/E1) + b·ln(b/E2)) (Rayson & Garside 2000).
pub fn log_likelihood(a: u64, c: u64, b: u64, d: u64) -> f64 {
    let (e1, e2) = expected(a, c, b, d);
    let g2 = 2.0 * (o_ln_o_over_e(a as f64, e1) + o_ln_o_over_e(b as f64, e2));
    // Non-negative in exact arithmetic; rounding can leave −1e-15.
    g2.max(0.0)
}

/// Chi² with Yates' correction on the full 2×2 table:
/// N·max(0, |a(d−b) − b(c−a)| − N/2)² / (c·d·(a+b)·(N−a−b)); 0 when a
/// margin is 0 (R gives NaN there: nothing can be told apart).
pub fn chi2_yates(a: u64, c: u64, b: u64, d: u64) -> f64 {
    let (a, c, b, d) = (a as f64, c as f64, b as f64, d as f64);
    let n = c + d;
    let (with, without) = (a + b, n - a - b);
    let margins = c * d * with * without;
    if margins <= 0.0 {
        return 0.0;
    }
    let cross = (a * (d - b) - b * (c - a)).abs();
    let corrected = (cross - n / 2.0).max(0.0);
    // Divided step by step: the product of four margins can pass 1e308.
    n * (corrected / c) * (corrected / d) / with / without
}

/// P(X > x) for X chi-squared with 1 degree of freedom: erfc(√(x/2)).
/// 1 for x ≤ 0.
pub fn p_value_1df(x: f64) -> f64 {
    if x <= 0.0 || x.is_nan() {
        return 1.0;
    }
    libm::erfc((x / 2.0).sqrt())
}

/// Hardie's log ratio log2((a/c)/(b/d)), a zero count taken as 0.5; `None`
/// when c or d is 0 or a = b = 0.
pub fn log_ratio(a: u64, c: u64, b: u64, d: u64) -> Option<f64> {
    if c == 0 || d == 0 || (a == 0 && b == 0) {
        return None;
    }
    let adjusted = |n: u64| if n == 0 { 0.5 } else { n as f64 };
    Some(((adjusted(a) / c as f64) / (adjusted(b) / d as f64)).log2())
}

/// Over-use when a/c > b/d, compared as a·d against b·c (exact integers,
/// widened so that no product overflows). Equal when a side has no text.
pub fn direction(a: u64, c: u64, b: u64, d: u64) -> Use {
    if c == 0 || d == 0 {
        return Use::Equal;
    }
    match (a as u128 * d as u128).cmp(&(b as u128 * c as u128)) {
        std::cmp::Ordering::Greater => Use::Over,
        std::cmp::Ordering::Less => Use::Under,
        std::cmp::Ordering::Equal => Use::Equal,
    }
}
