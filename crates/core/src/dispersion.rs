//! Dispersion: is a phrase spread over the parts (documents) of a corpus, or
//! packed into a few? Two measures, both from per-part counts v_i and sizes
//! s_i (characters) over n parts, f = Σ v_i the phrase's count and
//! S = Σ s_i the corpus size.
//!
//! **Gries' DP** (Gries 2008, "Dispersions and adjusted frequencies in
//! corpora", IJCL 13(4)): DP = ½·Σ_i |v_i/f − s_i/S|, half the distance
//! between where the phrase occurs and where the text is. 0 = spread exactly
//! as the text is; towards 1 = all in a small part of the corpus.
//! **DPnorm** (Lijffijt & Gries 2012, IJCL 17(1)) divides by its largest
//! possible value, 1 − min_i(s_i/S), so that it reaches 1.
//!
//! **Juilland's D** (Juilland & Chang-Rodríguez 1964, in the form of Gries
//! 2008 for parts of unequal size): with p_i = v_i/s_i the rate in part i,
//! D = 1 − CV/√(n−1), CV = σ/μ the coefficient of variation of the p_i with
//! the population standard deviation σ (divided by n). With σ over n, CV
//! is at most √(n−1) (everything in one part), so D runs from 0 (all in
//! one part) to 1 (the same rate in every part).
//!
//! **Why only the parts where the phrase occurs are needed, exactly.** A
//! part with v_i = 0 adds |0/f − s_i/S| = s_i/S to DP's sum; together those
//! parts add (S − Σ_occ s_i)/S, known from the corpus size S and the sizes
//! of the occupied parts. For Juilland's D such a part has p_i = 0: it adds
//! nothing to Σ p_i (so μ = Σ_occ p_i / n) and adds (0 − μ)² to the sum of
//! squared deviations, so those parts add (n − k)·μ² for k occupied parts.
//! Both are the sums over all n parts, regrouped; nothing is approximated.
//! So a streaming count keeps per group only n, S and the smallest size
//! ([`PartSizes`]), and per phrase its (v_i, s_i) where v_i > 0.
//!
//! **Conventions (where the sources are silent).** Parts of size 0 (empty
//! documents) hold nothing and have no rate: they are not parts (not in n,
//! not the smallest size). A phrase that occurs nowhere has no dispersion
//! (`None`). With one part, DP = 0 but DPnorm and D are undefined (`None`).

use serde::Serialize;

/// The parts of a group, all of them: how many, their total size, the
/// smallest. Parts of size 0 are not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PartSizes {
    /// Number of parts of positive size (n).
    pub parts: u64,
    /// Their total size (S).
    pub total: u64,
    /// The smallest size (0 when there is no part).
    pub smallest: u64,
}

impl PartSizes {
    /// Adds one part of `size` characters (ignored when 0).
    pub fn add(&mut self, size: u64) {
        if size == 0 {
            return;
        }
        self.smallest = if self.parts == 0 {
            size
        } else {
            self.smallest.min(size)
        };
        self.parts += 1;
        self.total += size;
    }

    /// Adds every part of `other`.
    pub fn merge(&mut self, other: &PartSizes) {
        if other.parts == 0 {
            return;
        }
        self.smallest = if self.parts == 0 {
            other.smallest
        } else {
            self.smallest.min(other.smallest)
        };
        self.parts += other.parts;
        self.total += other.total;
    }
}

/// The dispersion of one phrase over the parts of a group.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Dispersion {
    /// Gries' DP, 0 (even) to nearly 1 (concentrated).
    pub dp: Option<f64>,
    /// DP / (1 − smallest share): 0 to 1.
    pub dp_norm: Option<f64>,
    /// Juilland's D, 0 (one part) to 1 (even).
    pub juilland_d: Option<f64>,
}

/// DP, DPnorm and Juilland's D of a phrase from the parts where it occurs,
/// `occupied` = (count v_i, size s_i) with v_i > 0 (entries with a zero
/// count or size are skipped), and all the parts of the group, `sizes`.
/// The order of `occupied` does not matter: it is sorted before summing,
/// so the result is the same to the last bit however the parts arrived.
pub fn dispersion(sizes: &PartSizes, occupied: &[(u64, u64)]) -> Dispersion {
    let mut occ: Vec<(u64, u64)> = occupied
        .iter()
        .copied()
        .filter(|&(v, s)| v > 0 && s > 0)
        .collect();
    occ.sort_unstable();
    let none = Dispersion {
        dp: None,
        dp_norm: None,
        juilland_d: None,
    };
    let f: u64 = occ.iter().map(|p| p.0).sum();
    let occupied_size: u64 = occ.iter().map(|p| p.1).sum();
    // Parts that are not among the group's (an inconsistent caller) would
    // make shares above 1: no answer rather than a wrong one.
    if f == 0 || sizes.total == 0 || occupied_size > sizes.total || occ.len() as u64 > sizes.parts {
        return none;
    }
    let dp = gries_dp(&occ, f, sizes.total, occupied_size);
    let n = sizes.parts;
    let dp_norm = (n > 1).then(|| {
        let largest = 1.0 - sizes.smallest as f64 / sizes.total as f64;
        dp / largest
    });
    Dispersion {
        dp: Some(dp),
        dp_norm,
        juilland_d: juilland_d(&occ, n),
    }
}

/// ½·(Σ_occ |v_i/f − s_i/S| + (S − Σ_occ s_i)/S): DP with the empty parts
/// added as one known term.
fn gries_dp(occ: &[(u64, u64)], f: u64, total: u64, occupied_size: u64) -> f64 {
    let (f, total) = (f as f64, total as f64);
    let occupied: f64 = occ
        .iter()
        .map(|&(v, s)| (v as f64 / f - s as f64 / total).abs())
        .sum();
    let empty = (total - occupied_size as f64) / total;
    (0.5 * (occupied + empty)).clamp(0.0, 1.0)
}

/// 1 − (σ/μ)/√(n−1) over the rates p_i = v_i/s_i of all n parts, the
/// n − k empty ones adding (0 − μ)² each; `None` when n < 2.
fn juilland_d(occ: &[(u64, u64)], n: u64) -> Option<f64> {
    if n < 2 {
        return None;
    }
    let nf = n as f64;
    let rates = occ.iter().map(|&(v, s)| v as f64 / s as f64);
    let mean = rates.clone().sum::<f64>() / nf;
    let empty_parts = (n - occ.len() as u64) as f64;
    let squares = rates.map(|p| (p - mean).powi(2)).sum::<f64>() + empty_parts * mean * mean;
    let cv = (squares / nf).sqrt() / mean;
    Some((1.0 - cv / (nf - 1.0).sqrt()).clamp(0.0, 1.0))
}
