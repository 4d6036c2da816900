//! Discovery of candidate formulations not in the lexicon (`tifa
//! discover`, SPEC §4).
//!
//! Three kinds of candidate, each found per document:
//!
//! * `quoted`: the content of “…” or 「…」, 2–16 chars of Han characters,
//!   digits, letters, 、 or ·;
//! * `numbered`: a Chinese numeral up to 十 (or a digit) + 个 + two Han
//!   characters (两个大局, 四个意识), unless the two characters are a unit of
//!   time or amount (个月, 个百分点 …);
//! * `paired`: 一X一Y (一村一品, 一事一议).
//!
//! A candidate that one lexicon match covers entirely (it is a phrase or a
//! variant already, in any script or with quotes) is left out.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use serde::Serialize;

use crate::matcher::Matcher;
use crate::records::one_line;

/// One candidate of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The candidate phrase.
    pub phrase: String,
    /// `quoted`, `numbered` or `paired`.
    pub kind: &'static str,
    /// Occurrences in the document.
    pub count: u64,
    /// Some context of the first occurrence.
    pub example: String,
}

/// A ranked candidate, as `tifa discover` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiscoveryRecord {
    /// The candidate phrase.
    pub phrase: String,
    /// `quoted`, `numbered` or `paired`.
    pub kind: &'static str,
    /// Occurrences over the corpus.
    pub count: u64,
    /// Documents holding it.
    pub docs: u64,
    /// Context of one occurrence.
    pub example: String,
    /// The document of the example.
    pub doc: String,
}

fn patterns() -> &'static [Regex; 3] {
    static RE: OnceLock<[Regex; 3]> = OnceLock::new();
    RE.get_or_init(|| {
        let re = |p: &str| Regex::new(p).expect("constant regex");
        [
            re(r"[“「]([\p{Han}0-9A-Za-z、·]{2,16})[”」]"),
            re(r"(?:[一二两三四五六七八九十]{1,3}|[0-9]{1,2})个\p{Han}{2}"),
            re(r"一([\p{Han}&&[^一]])一([\p{Han}&&[^一]])"),
        ]
    })
}

/// Second halves of N个XX that make a quantity, not a formula.
const NOT_FORMULA: &[&str] = &[
    "月份", "月来", "月内", "月的", "年度", "小时", "百分", "季度", "星期", "世纪", "以上", "左右",
    "多月", "方面", "工作", "阶段", "问题", "部门", "单位", "地区", "国家", "项目", "人的",
];

/// The candidates of one document, in order of first occurrence.
pub fn candidates(matcher: &Matcher, text: &str) -> Vec<Candidate> {
    let known: Vec<(usize, usize)> = matcher
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    let covered = |s: usize, e: usize| known.iter().any(|&(ks, ke)| ks <= s && e <= ke);
    let mut out: Vec<Candidate> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    // Spans already taken by a candidate: one occurrence counts once, under
    // the first kind that finds it (quoted before numbered before paired).
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut add = |phrase: &str, kind: &'static str, s: usize, e: usize| {
        if covered(s, e) || taken.iter().any(|&(ts, te)| ts < e && s < te) {
            return;
        }
        taken.push((s, e));
        match index.get(phrase) {
            Some(&i) => out[i].count += 1,
            None => {
                index.insert(phrase.to_string(), out.len());
                out.push(Candidate {
                    phrase: phrase.to_string(),
                    kind,
                    count: 1,
                    example: context(text, s, e, 12),
                });
            }
        }
    };
    let [quoted, numbered, paired] = patterns();
    for c in quoted.captures_iter(text) {
        if let Some(m) = c.get(1) {
            add(m.as_str(), "quoted", m.start(), m.end());
        }
    }
    for m in numbered.find_iter(text) {
        // The numeral must be whole (十五个 is not 五个) and not an ordinal.
        let before = text[..m.start()].chars().next_back();
        if before.is_some_and(|c| is_numeral(c) || c == '第') {
            continue;
        }
        let tail: String = m
            .as_str()
            .chars()
            .rev()
            .take(2)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let quantity = NOT_FORMULA.iter().any(|w| tail.starts_with(w))
            || tail.starts_with(['月', '人', '年', '亿', '万'])
            || tail.starts_with(is_numeral);
        if !quantity {
            add(m.as_str(), "numbered", m.start(), m.end());
        }
    }
    for m in paired.find_iter(text) {
        add(m.as_str(), "paired", m.start(), m.end());
    }
    out
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "零〇一二两三四五六七八九十百千".contains(c)
}

fn context(text: &str, s: usize, e: usize, width: usize) -> String {
    let mut left: Vec<char> = text[..s].chars().rev().take(width).collect();
    left.reverse();
    let mut out = one_line(left.into_iter());
    out.push_str(&one_line(text[s..e].chars()));
    out.push_str(&one_line(text[e..].chars().take(width)));
    out
}

/// Candidates over a corpus, for ranking.
///
/// ```
/// use tifa_core::{Discovery, Lexicon, Matcher};
/// let matcher = Matcher::new(&Lexicon::builtin())?;
/// let mut d = Discovery::new();
/// d.add("a", tifa_core::discover::candidates(&matcher, "心系“国之大者”，胸怀“两个大局”，落实“四个机关”"));
/// d.add("b", tifa_core::discover::candidates(&matcher, "胸怀“两个大局”"));
/// let ranked = d.ranked(1);
/// assert_eq!((ranked[0].phrase.as_str(), ranked[0].docs, ranked[0].count), ("两个大局", 2, 2));
/// assert!(ranked.iter().all(|r| r.phrase != "四个机关")); // in the lexicon
/// # Ok::<(), tifa_core::Error>(())
/// ```
#[derive(Debug, Default)]
pub struct Discovery {
    found: HashMap<String, DiscoveryRecord>,
}

impl Discovery {
    /// Nothing found yet.
    pub fn new() -> Discovery {
        Discovery::default()
    }

    /// Adds the candidates of one document.
    pub fn add(&mut self, doc: &str, candidates: Vec<Candidate>) {
        for c in candidates {
            let r = self
                .found
                .entry(c.phrase.clone())
                .or_insert_with(|| DiscoveryRecord {
                    phrase: c.phrase,
                    kind: c.kind,
                    count: 0,
                    docs: 0,
                    example: c.example,
                    doc: doc.to_string(),
                });
            r.count += c.count;
            r.docs += 1;
        }
    }

    /// Candidates seen at least `min_count` times, by documents, then
    /// count, then phrase.
    pub fn ranked(&self, min_count: u64) -> Vec<DiscoveryRecord> {
        let mut v: Vec<DiscoveryRecord> = self
            .found
            .values()
            .filter(|r| r.count >= min_count)
            .cloned()
            .collect();
        v.sort_by(|a, b| (b.docs, b.count, &a.phrase).cmp(&(a.docs, a.count, &b.phrase)));
        v
    }
}
