//! The pieces of one long text worked on several threads and handed over
//! in text order, a bounded number ahead of the one handed over.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use super::{for_each_piece, PieceStart};
use crate::turns::Turns;

/// Runs `work` on each piece of `text` named by `ranges` (with where the
/// piece starts) on up to `threads` threads, and hands the results to
/// `each` in text order, each as soon as those before it are handed over.
///
/// At most `2 × threads` pieces are worked on or waiting ahead of the
/// next one to hand over, so a long text's results are never all held at
/// once; a thread that would run further ahead waits. On one thread, or
/// one piece, it is [`for_each_piece`] without the stop. A panic in
/// `work` or `each` is a panic of this call (never a hang).
pub(crate) fn map_pieces_in_order<T: Send>(
    text: &str,
    ranges: impl Iterator<Item = Range<usize>>,
    threads: usize,
    work: impl Fn(&str, PieceStart) -> T + Sync,
    mut each: impl FnMut(T),
) {
    let mut ranges = ranges.peekable();
    let first = ranges.next();
    if threads <= 1 || ranges.peek().is_none() {
        let all = first.into_iter().chain(ranges);
        for_each_piece(text, all, || false, |piece, at| each(work(piece, at)));
        return;
    }
    // Where each piece starts, counted once in order (a pass of a few ms
    // over 70 MB), so that any thread can work on any piece.
    let mut pieces: Vec<(Range<usize>, PieceStart)> = Vec::new();
    let mut at = PieceStart::default();
    for r in first.into_iter().chain(ranges) {
        let next = at.after(&text[r.clone()]);
        pieces.push((r, at));
        at = next;
    }
    // No more threads than pieces (a huge count neither overflows the
    // window nor allocates a huge channel).
    let threads = threads.min(pieces.len());
    let turns = Turns::new(2 * threads);
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, T)>(turns.window());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (tx, pieces, next, turns, work) = (tx.clone(), &pieces, &next, &turns, &work);
            scope.spawn(move || {
                let _guard = turns.abandon_on_panic();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some((range, at)) = pieces.get(i) else {
                        break;
                    };
                    if !turns.wait_for(i) {
                        break;
                    }
                    if tx.send((i, work(&text[range.clone()], *at))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let _guard = turns.abandon_on_panic();
        let mut waiting = BTreeMap::new();
        let mut k = 0;
        for (i, result) in rx {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&k) {
                each(result);
                k += 1;
                turns.handed(k);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::sentence_pieces;
    use super::*;

    /// Pieces worked on many threads come back in order whatever the order
    /// they finish in, and no thread runs more than the window ahead.
    #[test]
    fn pieces_on_threads_are_handed_over_in_order() {
        let text = "句。".repeat(200);
        for threads in [2, 3, 8] {
            let (started, handed) = (AtomicUsize::new(0), AtomicUsize::new(0));
            let mut got = Vec::new();
            map_pieces_in_order(
                &text,
                sentence_pieces(&text, 1),
                threads,
                |piece, at| {
                    // Pieces started before this one and not yet handed over.
                    let before = started.fetch_add(1, Ordering::SeqCst);
                    let ahead = before.saturating_sub(handed.load(Ordering::SeqCst));
                    assert!(ahead < 2 * threads, "{ahead}");
                    // Later pieces of a round finish first.
                    std::thread::sleep(std::time::Duration::from_micros((at.byte % 7) as u64 * 50));
                    (at.byte, at.char, piece.len())
                },
                |r| {
                    handed.fetch_add(1, Ordering::SeqCst);
                    got.push(r);
                },
            );
            let want: Vec<_> = (0..200).map(|i| (i * 6, i * 2, 6)).collect();
            assert_eq!(got, want);
        }
        // No text, one piece: nothing, or the one piece on this thread.
        let mut n = 0;
        map_pieces_in_order("", sentence_pieces("", 1), 4, |_, _| (), |()| n += 1);
        map_pieces_in_order(
            "一句",
            sentence_pieces("一句", 1),
            4,
            |_, _| (),
            |()| n += 1,
        );
        assert_eq!(n, 1);
    }

    /// A panic in the work of one piece, or in handing a result over, is a
    /// panic of the call, not a hang of the threads waiting their turn.
    #[test]
    fn a_panic_on_any_thread_ends_the_call() {
        let text = "句。".repeat(100);
        for threads in [2, 4] {
            let work_panics = std::panic::catch_unwind(|| {
                map_pieces_in_order(
                    &text,
                    sentence_pieces(&text, 1),
                    threads,
                    |_, at| assert!(at.byte != 30, "work panics"),
                    |()| (),
                )
            });
            assert!(work_panics.is_err());
            let mut k = 0;
            let each_panics = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                map_pieces_in_order(
                    &text,
                    sentence_pieces(&text, 1),
                    threads,
                    |_, _| (),
                    |()| {
                        k += 1;
                        assert!(k != 3, "each panics");
                    },
                )
            }));
            assert!(each_panics.is_err());
        }
    }
}
