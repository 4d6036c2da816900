//! `tifa scan`: one record per match.

use std::process::ExitCode;

use tifa_core::{scan_hits_by_piece, ScanHitOf};

use crate::args::ScanArgs;
use crate::driver::{print_by_piece, thread_count};
use crate::error::Result;
use crate::output::{Format, Printer};

/// The fields of a scan record (SPEC §4).
const SCAN_COLUMNS: &[&str] = &[
    "doc",
    "phrase",
    "category",
    "variant",
    "form",
    "quoted",
    "start",
    "end",
    "char_start",
    "char_end",
    "line",
];

pub(crate) fn run(args: ScanArgs) -> Result<ExitCode> {
    let lexicon = args.matching.lexicon.sources().load()?;
    let matcher = args.matching.options().build(&lexicon)?;
    let printer = Printer::new(Format::resolve(args.format.format), SCAN_COLUMNS);
    // Printed a piece at a time: a long document's hits are never all held
    // at once. Its pieces are matched on every thread, as count cuts it.
    let threads = thread_count(&args.input);
    print_by_piece(
        &args.input,
        printer,
        |doc, emit| scan_hits_by_piece(&matcher, &doc.text, threads, emit),
        |printer, info, hit| printer.push(&ScanHitOf { doc: &info.id, hit }),
    )
}
