//! The scalar functions: `tifa_count`, `tifa_matches`, `tifa_numbers`.
//!
//! Each one walks the text column once (see [`crate::text`]), runs tifa-core
//! on each value, and fills typed Arrow builders column by column; the list
//! offsets and the null mask are kept by [`Lists`].

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use datafusion::arrow::array::{
    ArrayRef, BooleanBuilder, ListArray, StringBuilder, StructArray, UInt64Builder,
};
use datafusion::arrow::buffer::{NullBuffer, OffsetBuffer};
use datafusion::arrow::datatypes::{DataType, Field, Fields};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, TypeSignature,
    Volatility,
};
use tifa_core::{Counts, EntryId, LineCounter, Matcher};

use crate::text::for_each_text;
use crate::{Engine, Engines};

/// The three functions over `engines`.
pub(crate) fn all(engines: &Arc<Engines>) -> Vec<Arc<ScalarUDF>> {
    [Kind::Count, Kind::Matches, Kind::Numbers]
        .into_iter()
        .map(|kind| {
            Arc::new(ScalarUDF::new_from_impl(TifaUdf::new(
                kind,
                engines.clone(),
            )))
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Count,
    Matches,
    Numbers,
}

/// One of tifa's functions. Two are equal when they are the same function
/// over the same engines.
#[derive(Debug)]
struct TifaUdf {
    kind: Kind,
    engines: Arc<Engines>,
    signature: Signature,
}

impl PartialEq for TifaUdf {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && Arc::ptr_eq(&self.engines, &other.engines)
    }
}

impl Eq for TifaUdf {}

impl Hash for TifaUdf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.kind.hash(state);
        (Arc::as_ptr(&self.engines) as usize).hash(state);
    }
}

impl TifaUdf {
    fn new(kind: Kind, engines: Arc<Engines>) -> TifaUdf {
        let signature = match kind {
            Kind::Count => Signature::one_of(
                vec![TypeSignature::String(1), TypeSignature::String(2)],
                Volatility::Immutable,
            ),
            Kind::Matches | Kind::Numbers => Signature::string(1, Volatility::Immutable),
        };
        TifaUdf {
            kind,
            engines,
            signature,
        }
    }
}

fn utf8(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::Utf8, nullable)
}

fn uint64(name: &str) -> Field {
    Field::new(name, DataType::UInt64, false)
}

/// Fields of a `tifa_count` element.
pub(crate) fn count_fields() -> Fields {
    Fields::from(vec![
        utf8("phrase", false),
        utf8("category", false),
        uint64("count"),
        uint64("expanded"),
    ])
}

/// Fields of a `tifa_matches` element (the `tifa scan` fields but `doc`).
pub(crate) fn match_fields() -> Fields {
    Fields::from(vec![
        utf8("phrase", false),
        utf8("category", false),
        utf8("variant", false),
        utf8("form", false),
        Field::new("quoted", DataType::Boolean, false),
        uint64("start"),
        uint64("end"),
        uint64("char_start"),
        uint64("char_end"),
        uint64("line"),
    ])
}

/// Fields of a `tifa_numbers` element (SPEC §2.1).
pub(crate) fn number_fields() -> Fields {
    Fields::from(vec![
        utf8("text", false),
        uint64("start"),
        uint64("end"),
        uint64("char_start"),
        uint64("char_end"),
        utf8("kind", false),
        utf8("value", true),
        utf8("value_high", true),
        utf8("unit", true),
        utf8("approx", true),
        Field::new("placeholder", DataType::Boolean, false),
        utf8("subject", true),
    ])
}

fn list_of(fields: Fields) -> DataType {
    DataType::List(Arc::new(Field::new("item", DataType::Struct(fields), true)))
}

impl ScalarUDFImpl for TifaUdf {
    fn name(&self) -> &str {
        match self.kind {
            Kind::Count => "tifa_count",
            Kind::Matches => "tifa_matches",
            Kind::Numbers => "tifa_numbers",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.kind {
            Kind::Count if arg_types.len() == 2 => DataType::UInt64,
            Kind::Count => list_of(count_fields()),
            Kind::Matches => list_of(match_fields()),
            Kind::Numbers => list_of(number_fields()),
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let engine = self.engines.get(&args.config_options, self.name())?;
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let out = match (self.kind, arrays.as_slice()) {
            (Kind::Count, [text]) => count(&engine, text)?,
            (Kind::Count, [text, phrase]) => count_one(&engine, text, phrase)?,
            (Kind::Matches, [text]) => matches(&engine, text)?,
            (Kind::Numbers, [text]) => numbers(&engine, text)?,
            _ => {
                return Err(DataFusionError::Plan(format!(
                    "{} takes {} argument(s), not {}",
                    self.name(),
                    if self.kind == Kind::Count {
                        "1 or 2"
                    } else {
                        "1"
                    },
                    arrays.len()
                )))
            }
        };
        Ok(ColumnarValue::Array(out))
    }
}

/// List offsets and validity, one row at a time.
struct Lists {
    offsets: Vec<i32>,
    valid: Vec<bool>,
}

impl Lists {
    fn with_capacity(rows: usize) -> Lists {
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        Lists {
            offsets,
            valid: Vec::with_capacity(rows),
        }
    }

    /// Ends a row whose elements end at `len` (`None`: a null row).
    fn end_row(&mut self, len: Option<usize>) -> Result<()> {
        let last = *self.offsets.last().unwrap_or(&0);
        let end = match len {
            Some(n) => i32::try_from(n).map_err(|_| {
                DataFusionError::Execution(
                    "more than 2^31 results in one batch: lower datafusion.execution.batch_size"
                        .into(),
                )
            })?,
            None => last,
        };
        self.offsets.push(end);
        self.valid.push(len.is_some());
        Ok(())
    }

    fn finish(self, fields: Fields, columns: Vec<ArrayRef>) -> Result<ArrayRef> {
        let values = StructArray::try_new(fields.clone(), columns, None)?;
        let nulls = NullBuffer::from(self.valid);
        let nulls = (nulls.null_count() > 0).then_some(nulls);
        let field = Arc::new(Field::new("item", DataType::Struct(fields), true));
        Ok(Arc::new(ListArray::try_new(
            field,
            OffsetBuffer::new(self.offsets.into()),
            Arc::new(values),
            nulls,
        )?))
    }
}

fn count(engine: &Engine, text: &ArrayRef) -> Result<ArrayRef> {
    let lexicon = engine.matcher.lexicon();
    let mut lists = Lists::with_capacity(text.len());
    let (mut phrase, mut category) = (StringBuilder::new(), StringBuilder::new());
    let (mut literal, mut expanded) = (UInt64Builder::new(), UInt64Builder::new());
    let mut counts = Counts::new(lexicon.len());
    let mut n = 0usize;
    for_each_text(text, "tifa_count", |t| {
        let Some(t) = t else {
            return lists.end_row(None);
        };
        counts.clear();
        engine.matcher.count_into(t, &mut counts);
        for (id, l, x) in counts.iter() {
            let e = lexicon.entry(id);
            phrase.append_value(&e.phrase);
            category.append_value(&e.category);
            literal.append_value(l);
            expanded.append_value(x);
            n += 1;
        }
        lists.end_row(Some(n))
    })?;
    lists.finish(
        count_fields(),
        vec![
            Arc::new(phrase.finish()),
            Arc::new(category.finish()),
            Arc::new(literal.finish()),
            Arc::new(expanded.finish()),
        ],
    )
}

/// `tifa_count(text, phrase)`: the literal count of one phrase per row; a
/// phrase outside the lexicon is counted as an added `custom` entry.
fn count_one(engine: &Engine, text: &ArrayRef, phrase: &ArrayRef) -> Result<ArrayRef> {
    let lexicon = engine.matcher.lexicon();
    // Per row: None for a null phrase, else the entry in the engine's own
    // matcher, or an ad-hoc matcher (phrases outside the lexicon).
    let mut phrases: Vec<Option<Counter>> = Vec::with_capacity(phrase.len());
    for_each_text(phrase, "tifa_count", |p| {
        phrases.push(match p {
            None => None,
            Some(p) => Some(match lexicon.find(p).or_else(|| lexicon.find_form(p)) {
                Some(id) => Counter::Own(id),
                None => Counter::AdHoc(engine.for_phrase(p)?),
            }),
        });
        Ok(())
    })?;
    let mut out = UInt64Builder::with_capacity(text.len());
    let mut counts = Counts::new(lexicon.len());
    let mut extra = Counts::new(lexicon.len() + 1);
    let mut row = 0usize;
    for_each_text(text, "tifa_count", |t| {
        match (t, phrases.get(row).and_then(Option::as_ref)) {
            (Some(t), Some(Counter::Own(id))) => {
                counts.clear();
                engine.matcher.count_into(t, &mut counts);
                out.append_value(counts.literal(*id));
            }
            (Some(t), Some(Counter::AdHoc(x))) => {
                let (matcher, id) = x.as_ref();
                extra.clear();
                matcher.count_into(t, &mut extra);
                out.append_value(extra.literal(*id));
            }
            _ => out.append_null(),
        }
        row += 1;
        Ok(())
    })?;
    Ok(Arc::new(out.finish()))
}

/// What counts one row's phrase.
enum Counter {
    Own(EntryId),
    AdHoc(Arc<(Matcher, EntryId)>),
}

fn matches(engine: &Engine, text: &ArrayRef) -> Result<ArrayRef> {
    let mut lists = Lists::with_capacity(text.len());
    let mut b = MatchColumns::default();
    let mut n = 0usize;
    for_each_text(text, "tifa_matches", |t| {
        let Some(t) = t else {
            return lists.end_row(None);
        };
        let mut lines = LineCounter::default();
        for m in engine.matcher.find_iter(t) {
            b.phrase.append_value(m.phrase());
            b.category.append_value(m.category());
            b.variant.append_value(m.variant());
            b.form.append_value(m.form().as_str());
            b.quoted.append_value(m.quoted());
            b.start.append_value(m.start() as u64);
            b.end.append_value(m.end() as u64);
            b.char_start.append_value(m.char_start() as u64);
            b.char_end.append_value(m.char_end() as u64);
            b.line.append_value(lines.line_at(t, m.start()) as u64);
            n += 1;
        }
        lists.end_row(Some(n))
    })?;
    let b = &mut b;
    lists.finish(
        match_fields(),
        vec![
            Arc::new(b.phrase.finish()),
            Arc::new(b.category.finish()),
            Arc::new(b.variant.finish()),
            Arc::new(b.form.finish()),
            Arc::new(b.quoted.finish()),
            Arc::new(b.start.finish()),
            Arc::new(b.end.finish()),
            Arc::new(b.char_start.finish()),
            Arc::new(b.char_end.finish()),
            Arc::new(b.line.finish()),
        ],
    )
}

#[derive(Default)]
struct MatchColumns {
    phrase: StringBuilder,
    category: StringBuilder,
    variant: StringBuilder,
    form: StringBuilder,
    quoted: BooleanBuilder,
    start: UInt64Builder,
    end: UInt64Builder,
    char_start: UInt64Builder,
    char_end: UInt64Builder,
    line: UInt64Builder,
}

fn numbers(engine: &Engine, text: &ArrayRef) -> Result<ArrayRef> {
    let extractor = engine.numbers()?;
    let mut lists = Lists::with_capacity(text.len());
    let mut b = NumberColumns::default();
    let mut n = 0usize;
    for_each_text(text, "tifa_numbers", |t| {
        let Some(t) = t else {
            return lists.end_row(None);
        };
        for m in extractor.extract(t) {
            b.text.append_value(&m.text);
            b.start.append_value(m.start as u64);
            b.end.append_value(m.end as u64);
            b.char_start.append_value(m.char_start as u64);
            b.char_end.append_value(m.char_end as u64);
            b.kind.append_value(m.kind.as_str());
            b.value
                .append_option(m.value.as_ref().map(|v| v.to_string()));
            b.value_high
                .append_option(m.value_high.as_ref().map(|v| v.to_string()));
            b.unit.append_option(m.unit.as_deref());
            b.approx.append_option(m.approx.as_deref());
            b.placeholder.append_value(m.placeholder);
            b.subject.append_option(m.subject.as_deref());
            n += 1;
        }
        lists.end_row(Some(n))
    })?;
    let b = &mut b;
    lists.finish(
        number_fields(),
        vec![
            Arc::new(b.text.finish()),
            Arc::new(b.start.finish()),
            Arc::new(b.end.finish()),
            Arc::new(b.char_start.finish()),
            Arc::new(b.char_end.finish()),
            Arc::new(b.kind.finish()),
            Arc::new(b.value.finish()),
            Arc::new(b.value_high.finish()),
            Arc::new(b.unit.finish()),
            Arc::new(b.approx.finish()),
            Arc::new(b.placeholder.finish()),
            Arc::new(b.subject.finish()),
        ],
    )
}

#[derive(Default)]
struct NumberColumns {
    text: StringBuilder,
    start: UInt64Builder,
    end: UInt64Builder,
    char_start: UInt64Builder,
    char_end: UInt64Builder,
    kind: StringBuilder,
    value: StringBuilder,
    value_high: StringBuilder,
    unit: StringBuilder,
    approx: StringBuilder,
    placeholder: BooleanBuilder,
    subject: StringBuilder,
}
