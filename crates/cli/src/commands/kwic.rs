//! `tifa kwic`: each match of the phrases asked for, with its context.

use std::collections::HashSet;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use tifa_core::{kwic_lines_by_piece, EntryId, KwicLine, KwicLineOf};

use crate::args::KwicArgs;
use crate::driver::{lexicon_with, note_added, print_by_piece, thread_count};
use crate::error::Result;
use crate::output::{Format, Printer};

pub(crate) fn run(args: KwicArgs) -> Result<ExitCode> {
    let wanted: Vec<String> = args
        .phrases
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect();
    if wanted.is_empty() {
        return Err("kwic needs at least one phrase, e.g. tifa kwic 两院,一府两院 PATH".into());
    }
    let adhoc = lexicon_with(&args.matching.lexicon, &wanted)?;
    let matcher = args.matching.options().build(&adhoc.lexicon)?;
    // A variant names its entry: kwic shows the entry's matches in any form.
    let keep: HashSet<EntryId> = adhoc.wanted.iter().copied().collect();
    let found: Vec<AtomicU64> = (0..adhoc.lexicon.len())
        .map(|_| AtomicU64::new(0))
        .collect();
    let printer = Printer::new(
        Format::resolve(args.format.format),
        &["doc", "left", "match", "right", "start", "char_start"],
    )
    .align_right(&["left"]);
    // Lines without their document, printed with its id (one allocation
    // a line, not four), a piece of a long document at a time.
    // A long document's pieces on every thread, as count cuts it.
    let threads = thread_count(&args.input);
    let lines = |doc: &tifa_corpus::Document, emit: &mut dyn FnMut(Vec<KwicLine>)| {
        let keep = |m: &tifa_core::Match<'_>| {
            let kept = keep.contains(&m.entry());
            if kept {
                found[m.entry().index()].fetch_add(1, Ordering::Relaxed);
            }
            kept
        };
        kwic_lines_by_piece(&matcher, &doc.text, keep, args.width, threads, emit);
    };
    let code = print_by_piece(&args.input, printer, lines, |printer, info, line| {
        printer.push(&KwicLineOf {
            doc: &info.id,
            line,
        })
    })?;
    note_added(&adhoc, |id| found[id.index()].load(Ordering::Relaxed));
    Ok(code)
}
