//! Size and hardware requirements: "under 1B", "at most 150M parameters", "between 1B and 3B",
//! "runs on a laptop CPU with 8 GB RAM", "single 24 GB GPU", "mobile".
//!
//! Why memory and not only parameters: developers think in devices. A device budget is turned into
//! a memory limit and compared with an estimate of the model's weights (parameters × bits per
//! weight, quantization aware) plus runtime overhead, so a 4-bit GGUF of a 7B model fits a laptop
//! where the 16-bit original does not. Every verdict's reason shows the arithmetic.

use super::verdict::{Status, Verdict};
pub use crate::human::{human_bytes, human_params, three_significant};

/// A parameter-count range parsed from text.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ParamRange {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

/// A device budget parsed from text: memory for the weights and, for weak or latency-bound
/// devices, a compute cap on parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct MemoryBudget {
    /// Usable bytes for the weights and runtime (`None`: only a compute cap was stated).
    pub bytes: Option<u64>,
    /// Largest parameter count the device runs at a usable speed, with the reason.
    pub param_cap: Option<(u64, String)>,
    pub cpu_only: bool,
    /// What the budget was read from, for the reason text.
    pub described: String,
}

/// Runtime overhead on top of the weights (activations, KV cache, framework).
const OVERHEAD: f64 = 1.2;
/// Share of system RAM an app can use (the OS and other programs keep the rest).
const RAM_USABLE: f64 = 0.75;
/// Share of GPU memory usable.
const VRAM_USABLE: f64 = 0.9;
/// CPU inference cost, roughly: parameters that run in one millisecond for a short input
/// (a distilbert-size model takes ~20 ms on a laptop CPU).
const CPU_PARAMS_PER_MS: f64 = 3e6;
/// "Real time on a CPU" without a number: models up to this size keep up on a modern CPU.
const CPU_REALTIME_PARAMS: u64 = 500_000_000;

const GB: f64 = 1e9;

impl ParamRange {
    /// Parses a parameter limit. `None` when the text states no bound.
    pub fn parse(text: &str) -> Option<ParamRange> {
        let lower = text.to_ascii_lowercase();
        let quantities = quantities(&lower);
        let counts: Vec<(usize, f64, Unit)> = quantities.into_iter().filter(|q| q.2 == Unit::Count).collect();
        let mut range = ParamRange::default();
        if counts.is_empty() {
            // Words only: "tiny", "small", "lightweight".
            if ["tiny", "very small", "lightweight", "minimal"].iter().any(|w| lower.contains(w)) {
                range.max = Some(300_000_000);
            } else if lower.contains("small") || lower.contains("compact") {
                range.max = Some(1_000_000_000);
            } else if lower.contains("large") || lower.contains("big") {
                range.min = Some(7_000_000_000);
            }
            return (range.min.is_some() || range.max.is_some()).then_some(range);
        }
        if counts.len() >= 2 && (lower.contains("between") || lower.contains(" to ") || lower.contains('-') || lower.contains(" and ")) {
            let (a, b) = (counts[0].1, counts[1].1);
            range.min = Some(a.min(b) as u64);
            range.max = Some(a.max(b) as u64);
            return Some(range);
        }
        let (pos, value, _) = counts[0];
        let before = &lower[..pos];
        let after = &lower[pos..];
        let upper_bound = [
            "no more than",
            "not more than",
            "at most",
            "up to",
            "under",
            "below",
            "less than",
            "smaller than",
            "fewer than",
            "max",
            "<",
            "≤",
            "not exceed",
        ]
        .iter()
        .any(|w| before.contains(w))
            || after.contains("or less")
            || after.contains("or smaller")
            || after.contains("max");
        let lower_bound = !upper_bound
            && ["at least", "more than", "over ", "above", "greater than", "bigger than", "larger than", "minimum", "min ", ">", "≥"]
                .iter()
                .any(|w| before.contains(w))
            || ["or more", "or larger", "or bigger", "or greater", "or above", "+", "minimum", "at least"]
                .iter()
                .any(|w| after.contains(w));
        if lower_bound {
            range.min = Some(value as u64);
        } else {
            // "under", "below", "at most", "up to", "max", "<", "or less", and a bare number alike.
            range.max = Some(value as u64);
        }
        Some(range)
    }

    /// The verdict's status alone (no reason text): what ranking needs, for thousands of models.
    pub fn status(&self, params: Option<u64>) -> Status {
        match params {
            None => Status::Unknown,
            Some(p) if self.max.is_some_and(|m| p > m) || self.min.is_some_and(|m| p < m) => Status::Violated,
            Some(_) => Status::Satisfied,
        }
    }

    pub fn check(&self, params: Option<u64>) -> Verdict {
        let Some(p) = params else {
            return Verdict::unknown("parameter count not stated by the model");
        };
        let shown = human_params(p);
        if let Some(max) = self.max {
            if p > max {
                return Verdict::violated(format!("{shown} parameters > {} allowed", human_params(max)));
            }
        }
        if let Some(min) = self.min {
            if p < min {
                return Verdict::violated(format!("{shown} parameters < {} wanted", human_params(min)));
            }
        }
        Verdict::satisfied(format!("{shown} parameters{}", self.describe()))
    }

    fn describe(&self) -> String {
        match (self.min, self.max) {
            (Some(a), Some(b)) => format!(" within {}–{}", human_params(a), human_params(b)),
            (None, Some(b)) => format!(" ≤ {}", human_params(b)),
            (Some(a), None) => format!(" ≥ {}", human_params(a)),
            _ => String::new(),
        }
    }
}

/// Known devices → (memory GB, cpu only, parameter cap). Facts for common hardware plus a compute
/// cap for weak devices (what runs at interactive speed there); the list is deliberately short.
const DEVICES: &[(&str, f64, bool, Option<u64>)] = &[
    ("raspberry pi", 4.0, true, Some(100_000_000)),
    ("jetson nano", 4.0, false, Some(500_000_000)),
    ("microcontroller", 0.25, true, Some(1_000_000)),
    ("smartphone", 2.0, true, Some(50_000_000)),
    ("phone", 2.0, true, Some(50_000_000)),
    ("mobile", 2.0, true, Some(50_000_000)),
    ("android", 2.0, true, Some(50_000_000)),
    ("iphone", 2.0, true, Some(50_000_000)),
    ("on-device", 2.0, true, Some(50_000_000)),
    ("edge device", 2.0, true, Some(100_000_000)),
    ("browser", 2.0, true, Some(300_000_000)),
    ("t4", 16.0, false, None),
    ("v100", 16.0, false, None),
    ("rtx 3060", 12.0, false, None),
    ("rtx 3090", 24.0, false, None),
    ("rtx 4090", 24.0, false, None),
    ("3090", 24.0, false, None),
    ("4090", 24.0, false, None),
    ("a10g", 24.0, false, None),
    ("l4", 24.0, false, None),
    ("a100", 80.0, false, None),
    ("h100", 80.0, false, None),
    ("colab", 15.0, false, None),
];

fn cap_reason(name: &str, cap: u64) -> String {
    format!("{name}: models above {} parameters are too slow there", human_params(cap))
}

impl MemoryBudget {
    /// Parses hardware or model-size text. `None` when it names no memory, device or speed.
    pub fn parse(text: &str) -> Option<MemoryBudget> {
        let lower = text.to_ascii_lowercase();
        let no_gpu = ["no gpu", "without gpu", "without a gpu", "cpu only", "cpu-only"].iter().any(|w| lower.contains(w));
        let gpu = !no_gpu && (contains_word(&lower, "gpu") || lower.contains("vram") || lower.contains("cuda"));
        let cpu_only = no_gpu || (!gpu && (contains_word(&lower, "cpu") || lower.contains("laptop") || contains_word(&lower, "ram")));
        let mut budget = MemoryBudget { bytes: None, param_cap: None, cpu_only, described: String::new() };
        let count = device_count(&lower);
        let times = if count > 1.0 { format!("{count} × ") } else { String::new() };

        if let Some((_, bytes, _)) = quantities(&lower).into_iter().find(|q| q.2 == Unit::Bytes) {
            let usable = if gpu && !contains_word(&lower, "ram") {
                VRAM_USABLE
            } else if cpu_only || contains_word(&lower, "ram") {
                RAM_USABLE
            } else {
                VRAM_USABLE
            };
            budget.bytes = Some((bytes * usable * count) as u64);
            budget.described =
                format!("{:.0}% of {times}{} {}", usable * 100.0, human_bytes(bytes as u64), if gpu { "GPU memory" } else { "memory" });
        }
        if let Some(&(name, gb, cpu, cap)) = DEVICES.iter().find(|d| contains_word(&lower, d.0)) {
            if budget.bytes.is_none() {
                let usable = if cpu { RAM_USABLE } else { VRAM_USABLE };
                budget.bytes = Some((gb * GB * usable * count) as u64);
                budget.cpu_only = budget.cpu_only || cpu;
                budget.described = format!("{times}{name} (~{gb} GB)");
                budget.param_cap = cap.map(|c| (c, cap_reason(name, c)));
            } else if matches!(name, "raspberry pi" | "microcontroller") {
                // Memory was stated, but these CPUs are slow whatever the RAM.
                budget.param_cap = cap.map(|c| (c, cap_reason(name, c)));
            }
        }
        // Latency on a CPU: "< 50 ms per item", "real time".
        if budget.cpu_only {
            if let Some(ms) = milliseconds(&lower) {
                let cap = (ms * CPU_PARAMS_PER_MS) as u64;
                budget.param_cap = Some((cap, format!("{ms} ms on a CPU ≈ at most {} parameters", human_params(cap))));
            } else if ["real time", "real-time", "realtime", "low latency"].iter().any(|w| lower.contains(w)) {
                budget.param_cap =
                    Some((CPU_REALTIME_PARAMS, format!("real time on a CPU ≈ at most {} parameters", human_params(CPU_REALTIME_PARAMS))));
            }
        }
        if budget.bytes.is_none() && (lower.contains("laptop") || lower.contains("desktop") || contains_word(&lower, "cpu")) {
            budget.bytes = Some((16.0 * GB * RAM_USABLE) as u64);
            budget.cpu_only = true;
            budget.described = "a typical laptop (~16 GB RAM)".into();
        }
        (budget.bytes.is_some() || budget.param_cap.is_some()).then_some(budget)
    }

    /// The verdict's status alone (no reason text); agrees with [`MemoryBudget::check`].
    pub fn status(&self, params: Option<u64>, quant_bits: Option<u8>) -> Status {
        let Some(p) = params else { return Status::Unknown };
        if self.param_cap.as_ref().is_some_and(|(cap, _)| p > *cap) {
            return Status::Violated;
        }
        match self.bytes {
            Some(budget) if estimate_bytes(p, quant_bits) > budget => Status::Violated,
            _ => Status::Satisfied,
        }
    }

    /// Checks a model's estimated memory (and the compute cap).
    pub fn check(&self, params: Option<u64>, quant_bits: Option<u8>) -> Verdict {
        let Some(p) = params else {
            return Verdict::unknown("parameter count not stated, so memory can't be estimated");
        };
        if let Some((cap, why)) = &self.param_cap {
            if p > *cap {
                return Verdict::violated(format!("{} parameters; {why}", human_params(p)));
            }
        }
        let Some(budget) = self.bytes else {
            let why = self.param_cap.as_ref().map(|c| c.1.as_str()).unwrap_or_default();
            return Verdict::satisfied(format!("{} parameters; {why}", human_params(p)));
        };
        let bits = f64::from(quant_bits.unwrap_or(16));
        let need = estimate_bytes(p, quant_bits);
        let how = format!("{} params × {} bits × {OVERHEAD} overhead ≈ {}", human_params(p), bits, human_bytes(need));
        if need <= budget {
            Verdict::satisfied(format!("{how} fits {}", self.described))
        } else {
            let hint = if quant_bits.is_none() { "; a 4-bit quantized variant may fit" } else { "" };
            Verdict::violated(format!("{how} exceeds {}{hint}", self.described))
        }
    }
}

/// "8x H100", "2 × A100", "4 GPUs": how many devices.
fn device_count(lower: &str) -> f64 {
    let bytes = lower.as_bytes();
    for (i, c) in lower.char_indices() {
        if !c.is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_alphanumeric()) {
            continue;
        }
        let digits: String = lower[i..].chars().take_while(|c| c.is_ascii_digit()).collect();
        let rest = lower[i + digits.len()..].trim_start();
        let multiplied = (rest.starts_with('x') || rest.starts_with('×'))
            && rest.trim_start_matches(['x', '×']).trim_start().chars().next().is_some_and(|c| c.is_ascii_alphabetic());
        if multiplied || rest.starts_with("gpus") {
            if let Ok(n) = digits.parse::<f64>() {
                return n.clamp(1.0, 64.0);
            }
        }
    }
    1.0
}

/// "< 50 ms", "50ms per review".
fn milliseconds(lower: &str) -> Option<f64> {
    let pos = lower.find("ms")?;
    if lower[pos + 2..].chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let before = lower[..pos].trim_end();
    let digits: String =
        before.chars().rev().take_while(|c| c.is_ascii_digit() || *c == '.').collect::<Vec<_>>().into_iter().rev().collect();
    digits.parse::<f64>().ok().filter(|v| *v > 0.0)
}

/// Estimated runtime memory for a model's own weights.
pub fn estimate_bytes(params: u64, quant_bits: Option<u8>) -> u64 {
    let bits = f64::from(quant_bits.unwrap_or(16)).clamp(1.0, 32.0);
    (params as f64 * bits / 8.0 * OVERHEAD) as u64
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Count,
    Bytes,
}

/// Finds numbers with units in lowercase text: "1.5b", "150 million", "8 gb", "1e9", "350m".
/// Returns (byte offset, value, unit).
fn quantities(lower: &str) -> Vec<(usize, f64, Unit)> {
    let bytes = lower.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts_number = bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'x');
        if !starts_number {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.' || bytes[i] == b',' || bytes[i] == b'_') {
            i += 1;
        }
        let raw: String = lower[start..i].trim_end_matches(['.', ',']).replace([',', '_'], "");
        let mut value: f64 = match raw.parse() {
            Ok(v) => v,
            Err(_) => continue,
        };
        if i < bytes.len() && bytes[i] == b'e' && bytes.get(i + 1).is_some_and(|b| b.is_ascii_digit()) {
            let exp_start = i + 1;
            let mut j = exp_start;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            if let Ok(exp) = lower[exp_start..j].parse::<i32>() {
                value *= 10f64.powi(exp.min(15));
                i = j;
            }
        }
        let rest = lower[i..].trim_start();
        let word: String = rest.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
        let (mult, unit) = match word.as_str() {
            "k" | "thousand" => (1e3, Unit::Count),
            "m" | "mn" | "million" | "millions" => (1e6, Unit::Count),
            "b" | "bn" | "billion" | "billions" => (1e9, Unit::Count),
            "t" | "trillion" => (1e12, Unit::Count),
            "params" | "parameters" | "parameter" => (1.0, Unit::Count),
            "gb" | "gib" | "g" => (GB, Unit::Bytes),
            "mb" | "mib" => (1e6, Unit::Bytes),
            "tb" => (1e12, Unit::Bytes),
            "" if value >= 1000.0 => (1.0, Unit::Count),
            _ => {
                continue;
            }
        };
        out.push((start, value * mult, unit));
    }
    out
}

fn contains_word(hay: &str, word: &str) -> bool {
    hay.match_indices(word).any(|(pos, _)| {
        let before = hay[..pos].chars().next_back();
        let after = hay[pos + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric()) && !after.is_some_and(|c| c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_phrases() {
        assert_eq!(ParamRange::parse("under 1B").unwrap().max, Some(1_000_000_000));
        assert_eq!(ParamRange::parse("at most 150M parameters").unwrap().max, Some(150_000_000));
        assert_eq!(ParamRange::parse("no more than 3B").unwrap().max, Some(3_000_000_000));
        assert_eq!(ParamRange::parse("at least 7b").unwrap().min, Some(7_000_000_000));
        assert_eq!(ParamRange::parse("1.5 billion max").unwrap().max, Some(1_500_000_000));
        assert_eq!(ParamRange::parse("< 500,000,000").unwrap().max, Some(500_000_000));
        let r = ParamRange::parse("between 1B and 3B").unwrap();
        assert_eq!((r.min, r.max), (Some(1_000_000_000), Some(3_000_000_000)));
        assert_eq!(ParamRange::parse("tiny").unwrap().max, Some(300_000_000));
        assert!(ParamRange::parse("whatever fits").is_none());
    }

    #[test]
    fn parameter_checks() {
        let r = ParamRange::parse("under 1B").unwrap();
        assert_eq!(r.check(Some(110_000_000)).status, Status::Satisfied);
        assert_eq!(r.check(Some(7_000_000_000)).status, Status::Violated);
        assert_eq!(r.check(None).status, Status::Unknown);
    }

    #[test]
    fn hardware_budgets() {
        let laptop = MemoryBudget::parse("runs on a laptop CPU with 8 GB RAM").unwrap();
        assert!(laptop.cpu_only);
        assert_eq!(laptop.bytes, Some(6_000_000_000));
        assert_eq!(laptop.check(Some(7_000_000_000), None).status, Status::Violated);
        assert_eq!(laptop.check(Some(7_000_000_000), Some(4)).status, Status::Satisfied);
        assert_eq!(laptop.check(Some(1_100_000_000), None).status, Status::Satisfied);
        let gpu = MemoryBudget::parse("single 24 GB GPU").unwrap();
        assert!(!gpu.cpu_only);
        assert_eq!(gpu.check(Some(8_000_000_000), None).status, Status::Satisfied);
        assert_eq!(gpu.check(Some(70_000_000_000), None).status, Status::Violated);
        let phone = MemoryBudget::parse("mobile").unwrap();
        assert_eq!(phone.check(Some(7_000_000_000), Some(4)).status, Status::Violated);
        assert_eq!(phone.check(Some(66_000_000), None).status, Status::Violated);
        assert_eq!(phone.check(Some(5_400_000), None).status, Status::Satisfied);
        assert!(MemoryBudget::parse("fast please").is_none());
        assert!(MemoryBudget::parse("T4").is_some());
        let pi = MemoryBudget::parse("Raspberry Pi 4 with 4 GB RAM").unwrap();
        assert_eq!(pi.check(Some(800_000_000), None).status, Status::Violated);
        assert_eq!(pi.check(Some(39_000_000), None).status, Status::Satisfied);
        let fast = MemoryBudget::parse("CPU only, < 50 ms per review").unwrap();
        assert_eq!(fast.check(Some(223_000_000), None).status, Status::Violated);
        assert_eq!(fast.check(Some(66_000_000), None).status, Status::Satisfied);
        let node = MemoryBudget::parse("8x H100 node").unwrap();
        assert_eq!(node.check(Some(200_000_000_000), None).status, Status::Satisfied);
        let rt = MemoryBudget::parse("faster than real time on a server CPU").unwrap();
        assert_eq!(rt.check(Some(1_000_000_000), None).status, Status::Violated);
    }

    #[test]
    fn status_agrees_with_check() {
        let ranges = ["under 1B", "at least 7b", "between 1B and 3B"].map(|t| ParamRange::parse(t).unwrap());
        let budgets = ["laptop CPU with 8 GB RAM", "single 24 GB GPU", "mobile", "Raspberry Pi 4 with 4 GB RAM", "CPU only, < 50 ms"]
            .map(|t| MemoryBudget::parse(t).unwrap());
        for p in
            [None, Some(1_000_000), Some(66_000_000), Some(900_000_000), Some(2_000_000_000), Some(7_000_000_000), Some(70_000_000_000)]
        {
            for r in &ranges {
                assert_eq!(r.status(p), r.check(p).status);
            }
            for b in &budgets {
                for q in [None, Some(4)] {
                    assert_eq!(b.status(p, q), b.check(p, q).status);
                }
            }
        }
    }
}
