//! The corpus driver: inputs read in order, each document worked on by a
//! pool of threads, results handed back in input order, the account kept.
//! And what several commands share: the lexicon with the phrases a run
//! asks for, the rows chosen, the one counting loop of `count` and `trend`.

use std::collections::HashSet;
use std::process::ExitCode;

use serde::Serialize;
use tifa_core::meta::field_value;
use tifa_core::{AdHoc, CountTable, Counts, EntryId, Matcher};
use tifa_corpus::{find_inputs, for_each_part_in_order, DocInfo, Document, Part, ReadOptions};

use crate::account::Account;
use crate::args::{InputOpts, LexiconOpts, SelectOpts};
use crate::error::{Failure, Result};
use crate::output::Printer;

/// `--threads`, or one per core.
pub(crate) fn thread_count(input: &InputOpts) -> usize {
    input
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1)
}

/// Reads every input, runs `work` on each document in parallel, and calls
/// `each` with the results in input order; keeps the account.
pub(crate) fn run_corpus<T: Send>(
    input: &InputOpts,
    work: impl Fn(&Document) -> T + Sync,
    each: impl FnMut(&DocInfo, T, &mut Account),
) -> Result<Account> {
    run_corpus_by_part(input, |d, emit| emit(work(d)), each)
}

/// As [`run_corpus`], the work handing over its results in parts (`emit`),
/// each passed to `each` as soon as the documents before it are done.
pub(crate) fn run_corpus_by_part<T: Send>(
    input: &InputOpts,
    work: impl Fn(&Document, &mut dyn FnMut(T)) + Sync,
    mut each: impl FnMut(&DocInfo, T, &mut Account),
) -> Result<Account> {
    let threads = thread_count(input);
    let found = find_inputs(&input.paths);
    for e in &found.errors {
        note!("tifa: error: {e}");
    }
    let mut account = Account::start(found.bytes);
    account.config_errors = found.errors.len();
    account.ignored = found.ignored.len();
    for w in &found.warnings {
        account.warning(w);
    }
    let opts = ReadOptions {
        format: input.input_format,
        text_field: input.text_field.clone(),
        id_field: input.id_field.clone(),
        meta: input.meta.clone(),
        no_mmap: input.no_mmap,
    };
    let mut current: Option<DocInfo> = None;
    for_each_part_in_order(&found.inputs, &opts, threads, work, |part| match part {
        Part::Begin(doc) => {
            account.document(&doc);
            current = Some(doc);
        }
        Part::Result(result) => {
            if let Some(doc) = &current {
                each(doc, result, &mut account);
            }
        }
        Part::Skipped(n) => account.skipped(&n),
        Part::Warning(n) => account.warning(&n),
    });
    Ok(account)
}

/// Runs `work` on every document and prints the records it returns, in
/// input order (`tifa numbers --subjects`). After a write error
/// (a closed pipe) nothing more is printed and the error ends the command.
pub(crate) fn print_per_document<R: Serialize + Send>(
    input: &InputOpts,
    printer: Printer,
    work: impl Fn(&Document) -> Vec<R> + Sync,
) -> Result<ExitCode> {
    print_by_piece(input, printer, |d, emit| emit(work(d)), |p, _, r| p.push(r))
}

/// As [`print_per_document`], the work handing over its records a part at
/// a time (`emit`: the records of one piece of a long document), each
/// printed by `print` with its document's info (a record borrows the
/// document id instead of holding a copy): each part is printed as soon as
/// the documents before it are, so a long document's records are never all
/// held at once (`tifa numbers`, `scan`, `kwic` on a 300 MiB text).
pub(crate) fn print_by_piece<T: Send>(
    input: &InputOpts,
    mut printer: Printer,
    work: impl Fn(&Document, &mut dyn FnMut(Vec<T>)) + Sync,
    mut print: impl FnMut(&mut Printer, &DocInfo, &T) -> std::io::Result<()>,
) -> Result<ExitCode> {
    let mut failed = None;
    let account = run_corpus_by_part(input, work, |info, items, account| {
        account.matches += items.len() as u64;
        if failed.is_none() {
            failed = items
                .iter()
                .try_for_each(|item| print(&mut printer, info, item))
                .err();
        }
    })?;
    if let Some(e) = failed {
        return Err(Failure::Write(e));
    }
    printer.finish()?;
    account.print();
    Ok(account.exit_code(input.strict_input))
}

/// The lexicon of a run: the one `opts` name, with the phrases asked for
/// that it lacks added (category `custom`, SPEC §4).
pub(crate) fn lexicon_with(opts: &LexiconOpts, phrases: &[String]) -> Result<AdHoc> {
    Ok(opts.sources().load()?.with_phrases(phrases)?)
}

/// The entries a count or trend keeps: the phrases asked for and the
/// entries of the categories named; `None` when neither was given. An
/// unknown category is an error listing the categories.
pub(crate) fn select_entries(
    adhoc: &AdHoc,
    select: &SelectOpts,
) -> Result<Option<HashSet<EntryId>>> {
    let categories = &select.category;
    if select.phrases.is_empty() && categories.is_empty() {
        return Ok(None);
    }
    let lexicon = &adhoc.lexicon;
    let mut keep: HashSet<EntryId> = adhoc.wanted.iter().copied().collect();
    for c in categories {
        if !lexicon.entries().iter().any(|e| &e.category == c) {
            let mut known: Vec<&str> = lexicon
                .entries()
                .iter()
                .map(|e| e.category.as_str())
                .collect();
            known.sort_unstable();
            known.dedup();
            return Err(format!(
                "no phrase has category {c}; the categories are {}",
                known.join(", ")
            )
            .into());
        }
        keep.extend(
            lexicon
                .iter()
                .filter(|(_, e)| &e.category == c)
                .map(|(id, _)| id),
        );
    }
    Ok(Some(keep))
}

/// The one note about the phrases added for a run: their names, and for
/// each that occurs nowhere and is close to an entry, the entries it may
/// have meant (a typo is the one thing adding makes harder to see).
pub(crate) fn note_added(adhoc: &AdHoc, occurrences: impl Fn(EntryId) -> u64) {
    if adhoc.added.is_empty() {
        return;
    }
    let names: Vec<String> = adhoc
        .added
        .iter()
        .map(|p| {
            let Some(id) = adhoc.lexicon.find(p) else {
                return p.clone();
            };
            let near: Vec<&str> = adhoc
                .lexicon
                .nearest(p, 3)
                .into_iter()
                .filter(|n| !adhoc.added.iter().any(|a| a == n))
                .collect();
            if occurrences(id) == 0 && !near.is_empty() {
                format!("{p} (found 0 times; did you mean {}?)", near.join(", "))
            } else {
                p.clone()
            }
        })
        .collect();
    note!(
        "tifa: note: not in the lexicon, added for this run as `custom`: {}",
        names.join(", ")
    );
}

/// Counts every document of the corpus into `table` (grouped by its
/// fields) — the one counting loop of `count`, `trend` and `keyness` — and
/// the totals per entry.
pub(crate) fn count_corpus(
    input: &InputOpts,
    matcher: &Matcher,
    mut table: CountTable,
    mut each_doc: impl FnMut(&DocInfo),
) -> Result<(CountTable, Counts, Account)> {
    let by = table.by().to_vec();
    let mut totals = Counts::new(matcher.lexicon().len());
    let threads = thread_count(input);
    let account = run_corpus(
        input,
        // A long document (one big file) is counted on every thread, cut
        // after sentence ends; short ones on their worker alone.
        |doc| matcher.count_parallel(&doc.text, threads),
        |doc, counts, account| {
            account.matches += counts.total_literal() + counts.total_expanded();
            let key = by
                .iter()
                .map(|f| field_value(&doc.id, &doc.meta, f))
                .collect();
            table.add(key, &counts, doc.chars);
            totals.add(&counts);
            each_doc(doc);
        },
    )?;
    Ok((table, totals, account))
}
