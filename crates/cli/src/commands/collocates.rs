//! `tifa collocates`: the words around a phrase, scored
//! (`tifa_core::stats::collocates`).

use std::process::ExitCode;

use tifa_core::stats::collocates::{
    CollocateCounts, CollocateOptions, Node, Unit, COLLOCATE_COLUMNS,
};

use crate::args::CollocatesArgs;
use crate::driver::run_corpus;
use crate::error::Result;
use crate::output::{Format, Printer};

pub(crate) fn run(args: CollocatesArgs) -> Result<ExitCode> {
    let lexicon = args.matching.lexicon.sources().load()?;
    let node = Node::new(&lexicon, args.matching.options(), &args.phrase)?;
    let opts = CollocateOptions {
        window: args.window,
        unit: args.chars.map_or(Unit::Words, Unit::Chars),
        min_freq: args.min_freq,
        min_co: args.min_co,
        sort: args.sort,
        top: args.top,
    };
    opts.check().map_err(|e| format!("--{e}"))?;
    // Each document counted on its worker; the sums are those of
    // `stats::collocates` over the same documents.
    let mut total = CollocateCounts::default();
    let account = run_corpus(
        &args.input,
        |doc| CollocateCounts::of_document(&node.matcher, node.entry, &doc.text, &opts),
        |_, counts, account| {
            account.matches += counts.node;
            total.add(counts);
        },
    )?;
    let phrase = &node.matcher.lexicon().entry(node.entry).phrase;
    let result = total.collocates(phrase, &opts);
    let mut p = Printer::new(Format::resolve(args.format.format), COLLOCATE_COLUMNS);
    p.push_all(&result.rows)?;
    p.finish()?;
    if node.added {
        eprintln!("tifa: note: {phrase} is not in the lexicon; searched for as `custom`");
    }
    eprintln!(
        "tifa: note: {phrase}: f_n = {} matches; W = {} words in the windows; N = {} words",
        result.node_freq, result.window_words, result.corpus_words
    );
    account.print();
    Ok(account.exit_code(args.input.strict_input))
}
