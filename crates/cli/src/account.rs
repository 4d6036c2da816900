//! The run account printed on standard error at the end of every corpus
//! run (SPEC §3): documents read = processed + skipped, the reasons for
//! skips, warnings, characters, matches, time; and the progress line on a
//! terminal.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use tifa_corpus::{DocInfo, Notice};

/// Warnings printed in full; the rest are counted in the account.
const MAX_WARNINGS: u64 = 50;

/// What a run read, for the account printed on stderr (SPEC §3).
#[derive(Default)]
pub(crate) struct Account {
    pub(crate) read: u64,
    pub(crate) processed: u64,
    pub(crate) skipped: u64,
    pub(crate) warnings: u64,
    pub(crate) chars: u64,
    pub(crate) bytes: u64,
    pub(crate) matches: u64,
    pub(crate) ignored: usize,
    pub(crate) config_errors: usize,
    pub(crate) skip_reasons: BTreeMap<String, u64>,
    pub(crate) started: Option<Instant>,
    pub(crate) progress: Option<indicatif::ProgressBar>,
}

impl Account {
    pub(crate) fn start(total_bytes: u64) -> Account {
        Account {
            started: Some(Instant::now()),
            progress: std::io::stderr().is_terminal().then(|| {
                let bar = indicatif::ProgressBar::with_draw_target(
                    Some(total_bytes),
                    indicatif::ProgressDrawTarget::hidden(),
                );
                bar.set_style(
                    indicatif::ProgressStyle::with_template(
                        "{spinner} {bytes}/{total_bytes} {bytes_per_sec} {pos:>0}",
                    )
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                );
                bar
            }),
            ..Account::default()
        }
    }

    fn elapsed(&self) -> Duration {
        self.started.map(|s| s.elapsed()).unwrap_or_default()
    }

    pub(crate) fn document(&mut self, doc: &DocInfo) {
        self.read += 1;
        self.processed += 1;
        self.bytes += doc.bytes;
        self.chars += doc.chars;
        if let Some(bar) = &self.progress {
            // Shown only once a run has lasted a second: short runs stay quiet.
            if bar.is_hidden() && self.elapsed() > Duration::from_secs(1) {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
            bar.set_position(self.bytes);
        }
    }

    pub(crate) fn skipped(&mut self, notice: &Notice) {
        self.read += 1;
        self.skipped += 1;
        // The reason's words without its numbers, so that like skips add up
        // ("row has 2 fields" and "row has 1 fields" → "row has N fields").
        let head = notice
            .message
            .split([',', '(', ';', ':'])
            .next()
            .unwrap_or("")
            .trim();
        let mut reason = String::with_capacity(head.len());
        for c in head.chars() {
            if c.is_ascii_digit() {
                if !reason.ends_with('N') {
                    reason.push('N');
                }
            } else {
                reason.push(c);
            }
        }
        *self.skip_reasons.entry(reason).or_default() += 1;
        self.say("skipped", notice);
    }

    pub(crate) fn warning(&mut self, notice: &Notice) {
        self.warnings += 1;
        self.say("warning", notice);
    }

    fn say(&self, what: &str, notice: &Notice) {
        if self.skipped + self.warnings <= MAX_WARNINGS {
            self.suspend(|| note!("tifa: {what}: {notice}"));
        }
    }

    fn suspend(&self, f: impl FnOnce()) {
        match &self.progress {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    pub(crate) fn print(&self) {
        if let Some(bar) = &self.progress {
            bar.finish_and_clear();
        }
        let secs = self.elapsed().as_secs_f64();
        let mb_s = if secs > 0.0 {
            self.bytes as f64 / 1e6 / secs
        } else {
            0.0
        };
        let mut line = format!(
            "tifa: {} documents read ({} processed, {} skipped), {} characters, {} matches, {:.2} s, {:.1} MB/s",
            self.read, self.processed, self.skipped, self.chars, self.matches, secs, mb_s
        );
        if !self.skip_reasons.is_empty() {
            let reasons: Vec<String> = self
                .skip_reasons
                .iter()
                .map(|(r, n)| format!("{n} {r}"))
                .collect();
            line.push_str(&format!("; skipped: {}", reasons.join(", ")));
        }
        if self.warnings > 0 {
            line.push_str(&format!("; {} warnings", self.warnings));
        }
        if self.skipped + self.warnings > MAX_WARNINGS {
            line.push_str(&format!(" (the first {MAX_WARNINGS} shown)"));
        }
        if self.ignored > 0 {
            line.push_str(&format!(
                "; {} files in directories passed over (not a corpus format)",
                self.ignored
            ));
        }
        note!("{line}");
    }

    pub(crate) fn exit_code(&self, strict_input: bool) -> ExitCode {
        if self.config_errors > 0 {
            ExitCode::from(crate::EXIT_CONFIG)
        } else if strict_input && self.skipped > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}
