//! What the in-memory benchmarks share: the seed corpus. Used by
//! `benches/count.rs` and by `examples/numbers_vs_count.rs` (through
//! `#[path]`), so that both time the same text.

use std::path::Path;

/// The corpus of `benches/count.rs`: at least this many bytes.
pub const SEED_CORPUS_BYTES: usize = 32 << 20;

/// The five seed reports of `fixtures/seeds`, in file-name order, each
/// followed by a line break, repeated to [`SEED_CORPUS_BYTES`] or more.
pub fn seed_corpus() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures/seeds")
        .map(|e| e.expect("dir entry").path())
        .collect();
    paths.sort();
    let seeds: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("seed"))
        .collect();
    let mut text = String::with_capacity(SEED_CORPUS_BYTES + 64 * 1024);
    while text.len() < SEED_CORPUS_BYTES {
        for s in &seeds {
            text.push_str(s);
            text.push('\n');
        }
    }
    text
}
