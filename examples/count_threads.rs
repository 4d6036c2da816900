//! One large text on one and on two threads, in process: `Matcher::count_parallel`
//! alone (no reading, validation or process start), the two alternated in 15
//! rounds so that the drift of a shared machine cancels; prints the medians
//! and the median of the per-round ratios (BENCHMARKS.md, "One large file").
//!
//! cargo run --release --example count_threads -- FILE

use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: count_threads FILE");
    let text = std::fs::read_to_string(path).expect("FILE must be readable UTF-8");
    let m = tifa::Matcher::new(&tifa::Lexicon::builtin()).expect("matcher");
    let (mut one, mut two, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..15 {
        let t = Instant::now();
        let a = m.count_parallel(&text, 1).total_literal();
        let t1 = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let b = m.count_parallel(&text, 2).total_literal();
        let t2 = t.elapsed().as_secs_f64() * 1e3;
        assert_eq!(a, b, "counts must not depend on threads");
        one.push(t1);
        two.push(t2);
        ratios.push(t1 / t2);
    }
    for v in [&mut one, &mut two, &mut ratios] {
        v.sort_by(f64::total_cmp);
    }
    println!(
        "1 thread {:.1} ms, 2 threads {:.1} ms (medians); paired ratio median {:.2} (min {:.2}, max {:.2})",
        one[7], two[7], ratios[7], ratios[0], ratios[14]
    );
}
