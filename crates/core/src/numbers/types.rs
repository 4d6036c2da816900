//! What a mention is: its kind, its exact value, its fields.

/// The string type of a [`NumberMention`]'s fields (re-exported from
/// `compact_str`).
pub use compact_str::CompactString;
use rust_decimal::Decimal;
use serde::ser::{Serialize, Serializer};

/// What a number states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberKind {
    /// A quantity: 7次, 3,000, 60余场.
    Cardinal,
    /// 5.5%, 百分之三十, 2个百分点.
    Percent,
    /// 1.2万亿元.
    Money,
    /// 第十八届, 二十大, 四中全会.
    Ordinal,
    /// 2023年.
    Year,
    /// 2023年1月13日, 2023年2月, 2月11日.
    Date,
    /// 1-6月, 2021-2035年.
    Range,
}

impl NumberKind {
    /// The kind's name, as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            NumberKind::Cardinal => "cardinal",
            NumberKind::Percent => "percent",
            NumberKind::Money => "money",
            NumberKind::Ordinal => "ordinal",
            NumberKind::Year => "year",
            NumberKind::Date => "date",
            NumberKind::Range => "range",
        }
    }

    /// The kind named `s`.
    pub fn from_name(s: &str) -> Option<NumberKind> {
        [
            NumberKind::Cardinal,
            NumberKind::Percent,
            NumberKind::Money,
            NumberKind::Ordinal,
            NumberKind::Year,
            NumberKind::Date,
            NumberKind::Range,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A normalized value: an exact number, or a date as an ISO string
/// (`2023-01-13`, `2023-02`, `--02-11` when the year is not given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberValue {
    /// An exact number (up to 28 significant digits).
    Number(Decimal),
    /// A number beyond 28 significant digits, exactly, as plain decimal
    /// text (`1000000000000000000000000000000`): a long digit string in a
    /// document is still a mention, with its exact value.
    Big(String),
    /// An ISO date.
    Date(String),
}

impl NumberValue {
    /// The number, if it is one that fits a [`Decimal`].
    pub fn as_decimal(&self) -> Option<Decimal> {
        match self {
            NumberValue::Number(d) => Some(*d),
            NumberValue::Big(_) | NumberValue::Date(_) => None,
        }
    }
}

impl std::fmt::Display for NumberValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NumberValue::Number(d) => write!(f, "{}", d.normalize()),
            NumberValue::Big(s) | NumberValue::Date(s) => f.write_str(s),
        }
    }
}

impl Serialize for NumberValue {
    /// Exact in every format. A number is written as a number when that
    /// number *is* the value: integers that fit 64 bits, and decimals whose
    /// shortest `f64` form reads back as the same decimal (every report
    /// figure). Anything else (an integer of 2^64 or more, a decimal of more
    /// than ~15 significant digits) is written as a string holding the exact
    /// decimal, which a reader parses without loss. Dates are strings.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            NumberValue::Date(d) | NumberValue::Big(d) => s.serialize_str(d),
            NumberValue::Number(d) => {
                let d = d.normalize();
                if d.scale() == 0 {
                    if let Ok(i) = i64::try_from(d) {
                        return s.serialize_i64(i);
                    }
                    if let Ok(u) = u64::try_from(d) {
                        return s.serialize_u64(u);
                    }
                    return s.collect_str(&d);
                }
                let text = d.to_string();
                match text.parse::<f64>() {
                    Ok(f) if f.is_finite() && f.to_string() == text => s.serialize_f64(f),
                    _ => s.serialize_str(&text),
                }
            }
        }
    }
}

/// One numeric mention (SPEC §2.1).
///
/// Its strings are [`CompactString`]s, which `Deref` to `str` (`m.text ==
/// "7次"`, `m.unit.as_deref()`): a mention's text, unit and subject are a
/// few chars, held in the struct itself (up to 24 bytes), so that extracting
/// nearly every mention allocates nothing: a `String` each cost `tifa
/// numbers` 8% of its time (BENCHMARKS.md, session 14).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NumberMention {
    /// The surface span, as written.
    pub text: CompactString,
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end (exclusive).
    pub end: usize,
    /// Char offset of the start.
    pub char_start: usize,
    /// Char offset of the end (exclusive).
    pub char_end: usize,
    /// What it states.
    pub kind: NumberKind,
    /// The value (the low end of a range); `None` for placeholders.
    pub value: Option<NumberValue>,
    /// The high end of a range.
    pub value_high: Option<NumberValue>,
    /// The unit without its magnitude word (亿元 → 元), `%` for percents.
    pub unit: Option<CompactString>,
    /// The approximation (余, 多, 近, 约, 以上, 左右 …).
    pub approx: Option<CompactString>,
    /// A template number (x次, xx区): no value, never an error.
    pub placeholder: bool,
    /// What a cardinal counts (SPEC §2.3).
    pub subject: Option<CompactString>,
}

impl NumberMention {
    /// The names of a mention's fields, in the order they serialize (SPEC
    /// §2.1): the columns of `tifa numbers` after `doc`, and of the Python
    /// package's tables.
    pub const FIELDS: [&'static str; 12] = [
        "text",
        "start",
        "end",
        "char_start",
        "char_end",
        "kind",
        "value",
        "value_high",
        "unit",
        "approx",
        "placeholder",
        "subject",
    ];
}

/// A mention with its document, as `tifa numbers` prints it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NumberRecord {
    /// The document's id.
    pub doc: String,
    /// The mention's fields.
    #[serde(flatten)]
    pub mention: NumberMention,
}

/// A [`NumberRecord`] that borrows its document id and mention: serializes
/// exactly as the owned one, for printing without copying either.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct NumberRecordRef<'a> {
    /// The document's id.
    pub doc: &'a str,
    /// The mention's fields.
    #[serde(flatten)]
    pub mention: &'a NumberMention,
}
