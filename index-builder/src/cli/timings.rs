//! `build --timings`: wall and CPU time per phase, so a slow build says where its time went.
//!
//! Why CPU beside wall: the builder runs on shared machines, where wall time mostly measures the
//! other jobs. CPU time (user + system over all threads, from `/proc/self/stat`) divided by wall
//! time says how many cores a phase kept busy: ~1 for a serial phase, up to the core count for a
//! parallel one. Linux only; elsewhere CPU time and peak memory read as 0.

use std::time::Instant;

/// Phase timer: [`Timings::phase`] prints the time since the previous call.
pub struct Timings {
    enabled: bool,
    started: Instant,
    last_wall: Instant,
    last_cpu: f64,
}

impl Timings {
    pub fn new(enabled: bool) -> Timings {
        let now = Instant::now();
        Timings { enabled, started: now, last_wall: now, last_cpu: cpu_seconds() }
    }

    /// Prints the phase that just ended (when enabled) and starts the next one.
    pub fn phase(&mut self, name: &str) {
        if !self.enabled {
            return;
        }
        let (now, cpu) = (Instant::now(), cpu_seconds());
        let wall = now.duration_since(self.last_wall).as_secs_f64();
        let used = cpu - self.last_cpu;
        eprintln!(
            "timing  {name:<28} {wall:>8.2} s wall {used:>8.2} s cpu ({:.2} cores)  at {:>8.2} s, peak {} MiB",
            used / wall.max(1e-9),
            now.duration_since(self.started).as_secs_f64(),
            peak_rss() >> 20
        );
        (self.last_wall, self.last_cpu) = (now, cpu);
    }
}

/// User + system CPU seconds of this process (all threads).
pub fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else { return 0.0 };
    // Fields after the command name (which may hold spaces, so split after its closing paren):
    // utime and stime are the 14th and 15th fields of the line, in clock ticks (USER_HZ, 100).
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else { return 0.0 };
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// Peak resident memory (VmHWM) of this process in bytes.
pub fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}
