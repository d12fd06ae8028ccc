//! Where bulk work runs: on a rayon pool sized by `JIXIAO_THREADS` (default: all cores), or on the calling thread.
//!
//! A process that forks after the pool has started must not use it in the child (rayon's workers do not survive
//! `fork`), so the Python module switches parallelism off in forked children, as tokenizers does.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use rayon::ThreadPool;

static DISABLED: AtomicBool = AtomicBool::new(false);
static POOL: OnceLock<Option<ThreadPool>> = OnceLock::new();

/// Switches parallel work off for the rest of the process (used after `fork`).
pub fn disable() {
    DISABLED.store(true, Ordering::SeqCst);
}

/// Number of threads requested by `JIXIAO_THREADS`, if it is a positive integer.
fn requested_threads() -> Option<usize> {
    std::env::var("JIXIAO_THREADS")
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|&n| n > 0)
}

/// The pool to run bulk work on, or `None` to run on the calling thread.
pub fn pool() -> Option<&'static ThreadPool> {
    if DISABLED.load(Ordering::SeqCst) {
        return None;
    }
    POOL.get_or_init(|| {
        let threads = requested_threads().unwrap_or(0); // 0 lets rayon use every core
        if threads == 1 {
            return None;
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("jixiao-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}
