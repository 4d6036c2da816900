//! Replays the fuzz corpus (fuzz/corpus/<target>/*, inputs saved from the
//! fuzzing runs, and fuzz/regressions/<target>/*, inputs that once failed)
//! through the same checks as the fuzz targets, as an ordinary test.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut n = 0;
    for dir in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        let mut files: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        files.sort();
        for f in files {
            let data = std::fs::read(&f).unwrap();
            check(&data);
            n += 1;
        }
    }
    assert!(n > 0, "no saved inputs for {target}");
}

#[test]
fn matcher() {
    replay("matcher", checks::matcher);
}

#[test]
fn numbers() {
    replay("numbers", checks::numbers);
}

#[test]
fn lexicon() {
    replay("lexicon", checks::lexicon);
}

#[test]
fn readers() {
    replay("readers", checks::readers);
}

#[test]
fn server() {
    replay("server", checks::server);
}
