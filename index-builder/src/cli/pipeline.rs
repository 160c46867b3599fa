//! An ordered parallel map with a bounded window: items are read on the caller's thread, worked
//! on in batches by `threads` workers, and consumed one by one **in the order they were read** by
//! one consumer thread, while at most `window` batches are anywhere between reader and consumer.
//!
//! Why a window and not just bounded queues: the consumer must take batches in order, so when one
//! batch is slow the others finish and wait for it. Bounded queues alone only slow the reader
//! down once the queues are full; the finished batches waiting for the slow one pile up in the
//! consumer's reorder buffer, without bound, while the reader keeps feeding the free workers. Here
//! the reader takes a slot before it hands a batch over and the consumer gives the slot back when
//! it has consumed that batch, so memory holds at most `window` batches (plus the one being
//! filled) whatever the timing — by construction, not by luck. Order, not timing, decides what
//! the consumer sees, so the output (an index's bytes) does not depend on threads.

use std::collections::BTreeMap;
use std::sync::{mpsc, Mutex};
use std::time::Instant;

/// Busy seconds of the workers (summed over them) and of the consumer.
#[derive(Clone, Copy, Debug, Default)]
pub struct Busy {
    pub work_secs: f64,
    pub consume_secs: f64,
}

/// The shape of a pipeline: workers, items per batch, batches in flight at most.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub threads: usize,
    pub batch: usize,
    pub window: usize,
}

impl Shape {
    /// `threads` workers with batches of `batch` items; a window of two batches per worker
    /// (one worked on, one queued so no worker waits for the reader) and two more (one finished
    /// batch waiting for the consumer, one being consumed).
    pub fn new(threads: usize, batch: usize) -> Shape {
        let threads = threads.max(1);
        Shape { threads, batch: batch.max(1), window: 2 * threads + 2 }
    }
}

/// Feeds every item `feed` gives to `work` (on a worker, with that worker's own `state`) and each
/// result to `consume`, in feed order. Returns what `feed` returned and the busy times.
///
/// `feed` blocks (inside the sink it is given) while `shape.window` batches are in flight.
pub fn ordered_map<I, O, S, T>(
    shape: Shape,
    state: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, I) -> O + Sync,
    mut consume: impl FnMut(O) + Send,
    feed: impl FnOnce(&mut dyn FnMut(I)) -> T,
) -> (T, Busy)
where
    I: Send,
    O: Send,
{
    let Shape { threads, batch: batch_len, window } = shape;
    let (threads, batch_len, window) = (threads.max(1), batch_len.max(1), window.max(1));
    // Slots: the reader takes one per batch it hands over, the consumer returns it once the batch
    // is consumed. The queues never hold more than `window` batches, so they never block.
    let (slot_tx, slot_rx) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        slot_tx.send(()).expect("the channel holds `window` slots");
    }
    let (work_tx, work_rx) = mpsc::sync_channel::<(usize, Vec<I>)>(window);
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::sync_channel::<(usize, Vec<O>, f64)>(window);
    let (state, work) = (&state, &work);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (work_rx, done_tx) = (&work_rx, done_tx.clone());
            scope.spawn(move || {
                let mut s = state();
                loop {
                    // The lock is held only while waiting for the next batch, not while working.
                    let job = work_rx.lock().expect("a worker does not panic").recv();
                    let Ok((seq, items)) = job else { break };
                    let started = Instant::now();
                    let out: Vec<O> = items.into_iter().map(|item| work(&mut s, item)).collect();
                    if done_tx.send((seq, out, started.elapsed().as_secs_f64())).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let consumer = scope.spawn(move || {
            // At most `window` entries: a batch is here only while it holds a slot.
            let (mut next, mut pending) = (0usize, BTreeMap::new());
            let mut busy = Busy::default();
            for (seq, out, secs) in done_rx {
                busy.work_secs += secs;
                pending.insert(seq, out);
                let started = Instant::now();
                while let Some(out) = pending.remove(&next) {
                    out.into_iter().for_each(&mut consume);
                    next += 1;
                    // The reader may be gone (it has read everything): nothing waits for the slot.
                    let _ = slot_tx.send(());
                }
                busy.consume_secs += started.elapsed().as_secs_f64();
            }
            busy
        });
        let (mut batch, mut seq, mut open) = (Vec::with_capacity(batch_len), 0usize, true);
        let mut hand_over = |items: Vec<I>, seq: &mut usize| {
            // A closed slot channel means the consumer stopped (it panicked): drop the rest and
            // let the join below report it.
            open = open && slot_rx.recv().is_ok() && work_tx.send((*seq, items)).is_ok();
            *seq += 1;
        };
        let result = feed(&mut |item| {
            batch.push(item);
            if batch.len() == batch_len {
                hand_over(std::mem::replace(&mut batch, Vec::with_capacity(batch_len)), &mut seq);
            }
        });
        if !batch.is_empty() {
            hand_over(batch, &mut seq);
        }
        // Closing the queue ends the workers, whose ends close the consumer's queue.
        drop(work_tx);
        let busy = consumer.join().expect("the consumer does not panic");
        (result, busy)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    /// Items come out in feed order whatever the workers' timing, and every item comes out once.
    #[test]
    fn consumes_in_feed_order() {
        for threads in [1, 2, 5] {
            let mut seen = Vec::new();
            let (fed, _) = ordered_map(
                Shape { threads, batch: 3, window: 4 },
                || (),
                |_, i: u64| {
                    // Later batches finish first, now and then.
                    std::thread::sleep(Duration::from_micros((i * 7919) % 5 * 100));
                    i * 2
                },
                |o| seen.push(o),
                |sink| {
                    (0..200u64).for_each(&mut *sink);
                    200
                },
            );
            assert_eq!(fed, 200);
            assert_eq!(seen, (0..200u64).map(|i| i * 2).collect::<Vec<_>>(), "{threads} threads");
        }
    }

    /// While the first batch is slow, the reader may not run ahead of it by more than the window:
    /// the batches read but not consumed never exceed it (without the window, all 60 would be read
    /// and wait in the reorder buffer while the first one sleeps).
    #[test]
    fn a_slow_batch_holds_the_reader_back() {
        let shape = Shape { threads: 3, batch: 2, window: 5 };
        let (consumed, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let mut out = Vec::new();
        ordered_map(
            shape,
            || (),
            |_, i: usize| {
                if i == 0 {
                    std::thread::sleep(Duration::from_millis(300));
                }
                i
            },
            |i| {
                // A batch is consumed when its last item is.
                if i % shape.batch == shape.batch - 1 {
                    consumed.fetch_add(1, Ordering::SeqCst);
                }
                out.push(i);
            },
            |sink| {
                for i in 0..120 {
                    sink(i);
                    // After the sink returns, every full batch read so far has been handed over.
                    let handed = (i + 1) / shape.batch;
                    most.fetch_max(handed - consumed.load(Ordering::SeqCst).min(handed), Ordering::SeqCst);
                }
            },
        );
        assert_eq!(out, (0..120).collect::<Vec<_>>());
        let most = most.load(Ordering::SeqCst);
        assert!(most <= shape.window, "{most} batches in flight, window {}", shape.window);
        // The bound was reached: the slow batch really did hold the reader back.
        assert_eq!(most, shape.window);
    }
}
