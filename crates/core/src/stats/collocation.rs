//! Association measures of collocation: how strongly a collocate keeps
//! company with a node (the phrase searched for) within a window, as
//! AntConc's Collocates tool and quanteda score it. The counting that feeds
//! them (words, windows, documents) is [`collocates`](mod@super::collocates).
//!
//! The data (Evert 2008, "Corpora and collocations", in Lüdeling & Kytö
//! (eds.), *Corpus Linguistics. An International Handbook*, §5 on surface
//! co-occurrence in windows): O the number of times the collocate occurs in
//! the windows around the node, f_n the node's frequency, f_c the
//! collocate's frequency, N the corpus size in tokens, and W the number of
//! tokens in the windows. With a span of k tokens a window (k = 10 for 5
//! each side) W = k·f_n, as long as no window is cut short by the edge of
//! a document and no two windows share a token; Evert counts the tokens
//! actually covered instead, each once, so that the four cells below are
//! never negative, and so does this module: W is given, not derived. A
//! collocate spread at random is **expected** E = W·f_c/N times in the
//! windows (= k·f_n·f_c/N, Church & Hanks 1990, AntConc's E, when nothing
//! is cut or shared).
//!
//! - **MI** (mutual information, Church & Hanks 1990): log2(O/E).
//!   Undefined (`None`) for O = 0.
//! - **t-score** (Church et al. 1991, as Evert 2008 gives it): (O − E)/√O.
//!   Undefined (`None`) for O = 0.
//! - **log-likelihood** (Dunning 1993) on the full 2×2 table of window
//!   tokens against the rest (Evert 2008): O11 = O, O12 = W − O,
//!   O21 = f_c − O, O22 = N − W − f_c + O, each E_ij = R_i·C_j/N, and
//!   G² = 2·Σ O_ij·ln(O_ij/E_ij) with 0·ln 0 = 0. Unlike keyness (two
//!   cells, Rayson & Garside) it sums all four cells, as Evert and AntConc
//!   do. `None` when a cell would be negative (counts that do not fit in
//!   the corpus).
//!
//! Every measure is `None` when N = 0 or E = 0 (a collocate that never
//! occurs, or empty windows).

/// The counts of one node–collocate pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cooccurrence {
    /// O: occurrences of the collocate within the windows around the node.
    pub observed: u64,
    /// f_n: occurrences of the node.
    pub node: u64,
    /// f_c: occurrences of the collocate.
    pub collocate: u64,
    /// W: tokens in the windows around the node's occurrences, each token
    /// once (k·f_n when no window is cut short or shares a token).
    pub window: u64,
    /// N: tokens in the corpus.
    pub corpus: u64,
}

impl Cooccurrence {
    /// E = W·f_c/N; `None` when N or E is 0.
    pub fn expected(&self) -> Option<f64> {
        if self.corpus == 0 {
            return None;
        }
        let e = self.window as f64 * self.collocate as f64 / self.corpus as f64;
        (e > 0.0).then_some(e)
    }
}

/// Mutual information log2(O/E).
pub fn mutual_information(c: &Cooccurrence) -> Option<f64> {
    let e = c.expected()?;
    (c.observed > 0).then(|| (c.observed as f64 / e).log2())
}

/// t-score (O − E)/√O.
pub fn t_score(c: &Cooccurrence) -> Option<f64> {
    let e = c.expected()?;
    let o = c.observed as f64;
    (c.observed > 0).then(|| (o - e) / o.sqrt())
}

/// Log-likelihood G² over the four cells of the window table.
pub fn log_likelihood(c: &Cooccurrence) -> Option<f64> {
    c.expected()?;
    let n = c.corpus as f64;
    let window = c.window as f64;
    let o11 = c.observed as f64;
    let o12 = window - o11;
    let o21 = c.collocate as f64 - o11;
    let o22 = n - window - c.collocate as f64 + o11;
    if o12 < 0.0 || o21 < 0.0 || o22 < 0.0 {
        return None;
    }
    let (r1, r2) = (o11 + o12, o21 + o22);
    let (c1, c2) = (o11 + o21, o12 + o22);
    let term = |o: f64, r: f64, col: f64| {
        let e = r * col / n;
        if o == 0.0 || e == 0.0 {
            0.0
        } else {
            o * (o / e).ln()
        }
    };
    let g2 = 2.0 * (term(o11, r1, c1) + term(o12, r1, c2) + term(o21, r2, c1) + term(o22, r2, c2));
    Some(g2.max(0.0))
}
