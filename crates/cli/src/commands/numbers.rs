//! `tifa numbers`: every numeric mention (SPEC §2), or with `--subjects`
//! the work statistics: one row per document × subject × unit.

use std::process::ExitCode;

use serde::Serialize;
use tifa_core::meta::field_value;
use tifa_core::{numbers_by_subject, NumberExtractor, NumberMention, NumberRecordRef};
use tifa_corpus::Document;

use crate::args::NumbersArgs;
use crate::driver::{print_by_piece, print_per_document, thread_count};
use crate::error::Result;
use crate::output::{Format, Printer};

/// A row of `tifa numbers --subjects`.
#[derive(Serialize)]
struct SubjectRecord {
    doc: String,
    year: String,
    region: String,
    subject: String,
    unit: String,
    value: tifa_core::NumberValue,
    mentions: u64,
}

pub(crate) fn run(args: NumbersArgs) -> Result<ExitCode> {
    let lexicon = args.lexicon.sources().load()?;
    let extractor = NumberExtractor::new(&lexicon)?;
    let format = Format::resolve(args.format.format);
    let kinds = args.kind.clone();
    let asked_for = |m: &NumberMention| kinds.is_empty() || kinds.contains(&m.kind);
    let mentions = |doc: &Document| -> Vec<NumberMention> {
        let mut found = extractor.extract(&doc.text);
        found.retain(asked_for);
        found
    };
    if args.subjects {
        let columns = [
            "doc", "year", "region", "subject", "unit", "value", "mentions",
        ];
        print_per_document(&args.input, Printer::new(format, &columns), |doc| {
            numbers_by_subject(&mentions(doc))
                .into_iter()
                .map(|t| SubjectRecord {
                    doc: doc.id.clone(),
                    year: field_value(&doc.id, &doc.meta, "year"),
                    region: field_value(&doc.id, &doc.meta, "region"),
                    subject: t.subject,
                    unit: t.unit,
                    value: t.value,
                    mentions: t.mentions,
                })
                .collect()
        })
    } else {
        let mut columns = vec!["doc"];
        columns.extend(NumberMention::FIELDS);
        // A long document's mentions are printed a piece at a time, as scan
        // and kwic print (cut where no rule reads across: the mentions are
        // the whole text's), its pieces worked on every thread.
        let threads = thread_count(&args.input);
        print_by_piece(
            &args.input,
            Printer::new(format, &columns),
            |doc, emit| {
                extractor.extract_by_piece(&doc.text, threads, |mut found| {
                    found.retain(asked_for);
                    emit(found)
                })
            },
            |printer, info, mention| {
                printer.push(&NumberRecordRef {
                    doc: &info.id,
                    mention,
                })
            },
        )
    }
}
