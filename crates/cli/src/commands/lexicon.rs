//! `tifa lexicon list | check | export`: show, validate and export the
//! lexicon in use.

use std::process::ExitCode;

use serde::Serialize;
use tifa_core::Lexicon;

use crate::args::LexiconCommand;
use crate::commands::discover::{print_lexicon_toml, write_stdout};
use crate::error::Result;
use crate::output::{Format, Printer};

/// An entry as `tifa lexicon list` prints it.
#[derive(Serialize)]
struct EntryRecord<'a> {
    phrase: &'a str,
    category: &'a str,
    variants: &'a [String],
    members: &'a [String],
    note: Option<&'a str>,
    source: String,
}

pub(crate) fn run(cmd: LexiconCommand) -> Result<ExitCode> {
    match cmd {
        LexiconCommand::List { lexicon, format } => {
            let lexicon = lexicon.sources().load()?;
            let records: Vec<EntryRecord> = lexicon
                .entries()
                .iter()
                .map(|e| EntryRecord {
                    phrase: &e.phrase,
                    category: &e.category,
                    variants: &e.variants,
                    members: &e.members,
                    note: e.note.as_deref(),
                    source: match e.origin.line {
                        Some(l) => format!("{}:{l}", e.origin.source),
                        None => e.origin.source.to_string(),
                    },
                })
                .collect();
            let mut p = Printer::new(
                Format::resolve(format.format),
                &[
                    "phrase", "category", "variants", "members", "note", "source",
                ],
            );
            p.push_all(&records)?;
            p.finish()?;
            Ok(ExitCode::SUCCESS)
        }
        LexiconCommand::Check {
            files,
            lexicon_only,
        } => {
            let mut failed = false;
            let mut merged = if lexicon_only {
                Lexicon::empty()
            } else {
                Lexicon::builtin()
            };
            for file in &files {
                match Lexicon::from_file(file).and_then(|l| {
                    let n = l.len();
                    merged.merge(l).map(|_| n)
                }) {
                    Ok(n) => write_stdout(&format!("{}: ok, {n} entries", file.display()))?,
                    Err(e) => {
                        failed = true;
                        write_stdout(&e.to_string())?;
                    }
                }
            }
            Ok(if failed {
                ExitCode::from(crate::EXIT_CONFIG)
            } else {
                ExitCode::SUCCESS
            })
        }
        LexiconCommand::Export { lexicon, format } => {
            let lexicon = lexicon.sources().load()?;
            if format == "json" {
                let text =
                    serde_json::to_string_pretty(lexicon.entries()).map_err(|e| e.to_string())?;
                write_stdout(&text)?;
            } else {
                print_lexicon_toml(lexicon.entries())?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
