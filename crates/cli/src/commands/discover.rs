//! `tifa discover`: candidate formulations not in the lexicon, ranked, as
//! a table or as a lexicon file to edit.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;
use tifa_core::discover::candidates;
use tifa_core::{Discovery, Entry, Matcher};

use crate::args::DiscoverArgs;
use crate::driver::run_corpus;
use crate::error::Result;
use crate::output::{Format, Printer};

pub(crate) fn run(args: DiscoverArgs) -> Result<ExitCode> {
    let lexicon = args.lexicon.sources().load()?;
    let matcher = Matcher::new(&lexicon)?;
    let mut discovery = Discovery::new();
    let mut account = run_corpus(
        &args.input,
        |doc| candidates(&matcher, &doc.text),
        |doc, found, _| discovery.add(&doc.id, found),
    )?;
    let mut ranked = discovery.ranked(args.min_count);
    if let Some(n) = args.top {
        ranked.truncate(n);
    }
    account.matches = ranked.len() as u64;
    if args.as_lexicon {
        let entries: Vec<Entry> = ranked
            .iter()
            .map(|r| {
                let mut e = Entry::new(r.phrase.clone(), "candidate");
                e.note = Some(format!(
                    "{}; {} times in {} documents; e.g. {}",
                    r.kind, r.count, r.docs, r.example
                ));
                e
            })
            .collect();
        print_lexicon_toml(&entries)?;
    } else {
        let mut p = Printer::new(
            Format::resolve(args.format.format),
            &["phrase", "kind", "count", "docs", "example", "doc"],
        );
        p.push_all(&ranked)?;
        p.finish()?;
    }
    account.print();
    Ok(account.exit_code(args.input.strict_input))
}

/// Entries as a TOML lexicon file, on standard output.
pub(crate) fn print_lexicon_toml(entries: &[Entry]) -> Result<()> {
    #[derive(Serialize)]
    struct File<'a> {
        entry: &'a [Entry],
    }
    let text = toml::to_string(&File { entry: entries }).map_err(|e| e.to_string())?;
    write_stdout(text.trim_end())
}

/// Writes `text` and a line break to standard output (write errors, a
/// closed pipe among them, go up to `main`).
pub(crate) fn write_stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}
