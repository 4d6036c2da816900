//! Profiling aid: extracts numbers from the given file N times
//! (`valgrind --tool=callgrind target/release/examples/numbers_profile FILE`).
fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: numbers_profile FILE [TIMES]");
    let times: usize = std::env::args()
        .nth(2)
        .and_then(|t| t.parse().ok())
        .unwrap_or(1);
    let text = std::fs::read_to_string(path).expect("utf-8 file");
    let ex = tifa::NumberExtractor::new(&tifa::Lexicon::builtin()).expect("extractor");
    let mut n = 0;
    for _ in 0..times {
        n += ex.extract(&text).len();
    }
    println!("{n} mentions");
}
