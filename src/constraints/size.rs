//! Size and hardware requirements: "under 1B", "at most 150M parameters", "between 1B and 3B",
//! "runs on a laptop CPU with 8 GB RAM", "single 24 GB GPU", "mobile".
//!
//! Why memory and not only parameters: developers think in devices. A device budget is turned into
//! a memory limit and compared with the model's weights at the precision people run there (16
//! bits on a GPU, 8 on a CPU, 4 on a phone — not the precision of the file: a 4-bit file of a 7B
//! model loads on an 8 GB card, but a careful reader of "an 8 GB card" sizes the model for the
//! card, 3.5B), with headroom for the runtime. Every verdict's reason shows the arithmetic.
//!
//! The words (units, bounds, size words, devices) are [`crate::knowledge`]'s; the estimates
//! (precision, usable memory, CPU speed, what "small" means) are knobs in [`RuleParams`].

use super::params::RuleParams;
use super::verdict::{Status, Verdict};
pub use crate::human::{human_bytes, human_params, three_significant};
use crate::knowledge::contains_phrase;
use crate::knowledge::devices::{
    device_in, says_answer_time, says_computer, says_cpu, says_fast, says_gpu, says_no_gpu, says_real_time, DEVICES, DEVICE_COUNT_WORDS,
    TYPICAL_COMPUTER_GB,
};
use crate::knowledge::quantities::{
    bound_around, quantities, size_word_in, spell_out_numbers, unit_word, Bound, SizeWord, Unit, GB, RANGE,
};
use crate::knowledge::tasks::RunKind;

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
    /// The same for generative models on a named device (a phone runs a 3B chat model):
    /// [`crate::knowledge::devices::Device::generative`].
    pub generative_cap: Option<(u64, String)>,
    /// The same for vision models on a device that feeds them camera frames
    /// ([`crate::knowledge::devices::Device::vision_cap`]).
    pub vision_cap: Option<(u64, String)>,
    /// The same for text encoders on a machine without a GPU when nothing else caps them
    /// ([`RuleParams::cpu_encoder_params`]), or in real time there.
    pub encoder_cap: Option<(u64, String)>,
    /// The same for speech and other per-request models on a device that runs them larger
    /// than its general cap ([`crate::knowledge::devices::Device::other_cap`]), or for speech,
    /// audio, vision and other models on a machine without a GPU when nothing else caps them
    /// ([`RuleParams::cpu_other_params`]).
    pub other_cap: Option<(u64, String)>,
    /// The same for speech models on a machine without a GPU when nothing else caps them
    /// ([`RuleParams::cpu_speech_params`]); elsewhere speech models take [`MemoryBudget::other_cap`].
    pub speech_cap: Option<(u64, String)>,
    /// A parameter count the hardware text states itself ("CPU-only servers, so under 500M
    /// parameters"): the user's own number, for every kind of model.
    pub stated_cap: Option<(u64, String)>,
    pub cpu_only: bool,
    /// What the budget was read from, for the reason text.
    pub described: String,
    /// Bits per weight the device runs a model at ([`RuleParams::gpu_bits`],
    /// [`RuleParams::cpu_bits`], [`crate::knowledge::devices::Device::bits`]).
    pub bits: f64,
    /// Bits per weight of a model that is not generative when the weights sit in system RAM and
    /// no device sets a precision ([`RuleParams::cpu_other_bits`]): `None` elsewhere.
    pub other_bits: Option<f64>,
    /// How the request's own task runs when not as a generative model (a reranker, a
    /// transcriber, a detector): a model of another kind offered for that job does the job
    /// there, so it is held to the job's cap as well ([`MemoryBudget::for_job`]).
    pub job: Option<RunKind>,
}

impl ParamRange {
    /// Parses a parameter limit with the default [`RuleParams`]. `None` when the text states no bound.
    pub fn parse(text: &str) -> Option<ParamRange> {
        ParamRange::parse_with(text, &RuleParams::default())
    }

    /// Parses a parameter limit. `None` when the text states no bound.
    pub fn parse_with(text: &str, params: &RuleParams) -> Option<ParamRange> {
        let spelled = spell_out_numbers(text);
        let lower = spelled.as_deref().unwrap_or(text).to_ascii_lowercase();
        let counts: Vec<(usize, f64)> = quantities(&lower).into_iter().filter(|q| q.unit == Unit::Count).map(|q| (q.at, q.value)).collect();
        let mut range = ParamRange::default();
        if counts.is_empty() {
            // Words only: "tiny", "small", "lightweight".
            match size_word_in(&lower) {
                Some(SizeWord::Tiny) => range.max = Some(params.tiny_max),
                Some(SizeWord::Small) => range.max = Some(params.small_max),
                Some(SizeWord::Large) => range.min = Some(params.large_min),
                None => {}
            }
            return (range.min.is_some() || range.max.is_some()).then_some(range);
        }
        let ranged = RANGE.iter().any(|w| lower.contains(w)) || lower.contains(" to ") || lower.contains('-') || lower.contains(" and ");
        if counts.len() >= 2 && ranged {
            let (a, b) = (counts[0].1, counts[1].1);
            range.min = Some(a.min(b) as u64);
            range.max = Some(a.max(b) as u64);
            return Some(range);
        }
        let (pos, value) = counts[0];
        match bound_around(&lower[..pos], &lower[pos..]) {
            Some(Bound::Lower) => range.min = Some(value as u64),
            // "under", "below", "at most", "up to", "max", "<", "or less", and a bare number alike.
            Some(Bound::Upper) | None => range.max = Some(value as u64),
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

fn cap_reason(name: &str, cap: u64) -> String {
    format!("{name}: models above {} parameters are too slow there", human_params(cap))
}

impl MemoryBudget {
    /// Parses hardware or model-size text with the default [`RuleParams`].
    pub fn parse(text: &str) -> Option<MemoryBudget> {
        MemoryBudget::parse_with(text, &RuleParams::default())
    }

    /// Parses hardware or model-size text. `None` when it names no memory, device or speed.
    pub fn parse_with(text: &str, params: &RuleParams) -> Option<MemoryBudget> {
        let lower = text.to_ascii_lowercase();
        let no_gpu = says_no_gpu(&lower);
        let gpu = says_gpu(&lower);
        let cpu_only = no_gpu || (!gpu && says_cpu(&lower));
        let mut budget = MemoryBudget {
            bytes: None,
            param_cap: None,
            generative_cap: None,
            vision_cap: None,
            encoder_cap: None,
            other_cap: None,
            speech_cap: None,
            stated_cap: None,
            cpu_only,
            described: String::new(),
            bits: if cpu_only { params.cpu_bits } else { params.gpu_bits },
            other_bits: None,
            job: None,
        };
        let mut device_precision = false;
        let count = device_count(&lower, params.max_devices);
        let times = if count > 1.0 { format!("{count} × ") } else { String::new() };
        let (ram_usable, vram_usable) = (params.ram_usable, params.vram_usable);

        if let Some(q) = quantities(&lower).into_iter().find(|q| q.unit == Unit::Bytes) {
            let bytes = q.value;
            let on_gpu = !contains_phrase(&lower, "ram") && (gpu || !cpu_only);
            let usable = if on_gpu { vram_usable } else { ram_usable };
            budget.bits = if on_gpu { params.gpu_bits } else { params.cpu_bits };
            budget.bytes = Some((bytes * usable * count) as u64);
            budget.described =
                format!("{:.0}% of {times}{} {}", usable * 100.0, human_bytes(bytes as u64), if gpu { "GPU memory" } else { "memory" });
        }
        if let Some(device) = device_in(&lower) {
            let (name, gb, cap) = (device.phrase, device.memory_gb, device.param_cap);
            budget.generative_cap = device
                .generative
                .map(|(_, most)| (most, format!("{name}: generative models above {} parameters are too slow there", human_params(most))));
            budget.vision_cap = device.vision_cap.map(|most| {
                (most, format!("{name}: vision models above {} parameters cannot keep up with a camera there", human_params(most)))
            });
            if budget.bytes.is_none() {
                let usable = if device.cpu_only { ram_usable } else { vram_usable };
                budget.bits = if device.cpu_only { params.cpu_bits } else { params.gpu_bits };
                budget.bytes = Some((gb * GB * usable * count) as u64);
                budget.cpu_only = budget.cpu_only || device.cpu_only;
                budget.described = format!("{times}{name} (~{gb} GB)");
                budget.param_cap = cap.map(|c| (c, cap_reason(name, c)));
                budget.other_cap = device.other_cap.map(|most| {
                    (
                        most,
                        format!("{name}: speech and other per-request models above {} parameters are too slow there", human_params(most)),
                    )
                });
                budget.speech_cap = device.speech_cap.map(|most| {
                    (most, format!("{name}: speech models above {} parameters cannot keep up with live speech there", human_params(most)))
                });
            } else if device.slow_cpu {
                // Memory was stated, but these CPUs are slow whatever the RAM.
                budget.param_cap = cap.map(|c| (c, cap_reason(name, c)));
            }
            // A device that runs quantized models (a phone) does so whatever memory was stated.
            if let Some(bits) = device.bits {
                budget.bits = f64::from(bits);
                device_precision = true;
            }
        }
        // Latency on a CPU: "< 50 ms per item", "real time" (for every kind of model).
        let fast = says_fast(&lower);
        let answer_time = says_answer_time(&lower);
        let timed = milliseconds(&lower).is_some() || says_real_time(&lower) || answer_time.is_some();
        if budget.cpu_only && timed {
            budget.generative_cap = None;
        }
        // A speed wish holds for speech models too: a device's larger per-request cap gives way.
        if budget.cpu_only && (timed || fast.is_some()) {
            budget.other_cap = None;
        }
        if budget.cpu_only {
            if let Some(ms) = milliseconds(&lower) {
                let cap = (ms * params.cpu_params_per_ms) as u64;
                budget.param_cap = Some((cap, format!("{ms} ms on a CPU ≈ at most {} parameters", human_params(cap))));
            } else if says_real_time(&lower) {
                let cap = params.cpu_realtime_params;
                budget.param_cap = Some((cap, format!("real time on a CPU ≈ at most {} parameters", human_params(cap))));
                // A text encoder in real time answers each message as it comes: a user (or a
                // queue) waits for it, so the interactive budget holds, not the streaming one.
                let cap = params.cpu_interactive_params;
                budget.encoder_cap =
                    Some((cap, format!("real time on a CPU: a text encoder answers each item at once ≈ at most {}", human_params(cap))));
            } else if let Some(words) = answer_time {
                let cap = params.cpu_interactive_params;
                budget.param_cap =
                    Some((cap, format!("an answer '{words}' on a CPU ≈ tens of ms ≈ at most {} parameters", human_params(cap))));
            } else if let Some(word) = fast {
                // A user waits for each answer: an encoder of BERT-base class. A generative model
                // streams its answer, so for it "fast" means a tiny one ([`SizeWord::Tiny`]: up to
                // 1.5B, tens of tokens a second on a CPU once quantized; 4B models crawl there).
                let cap = params.cpu_interactive_params;
                budget.param_cap =
                    Some((cap, format!("'{word}' on a CPU ≈ an answer in tens of ms ≈ at most {} parameters", human_params(cap))));
                if budget.generative_cap.is_none() {
                    budget.generative_cap = SizeWord::Tiny.generative_range().map(|(_, most)| {
                        (most, format!("'{word}' on a CPU: generative models above {} parameters answer too slowly", human_params(most)))
                    });
                }
            }
        }
        // A size word beside the hardware ("CPU servers, so a lightweight model", "um modelo
        // leve"): the limit the word means, unless a speed or device cap already says more.
        if budget.param_cap.is_none() {
            let word = size_word_in(&lower);
            let cap = match word {
                Some(SizeWord::Tiny) => Some(params.tiny_max),
                Some(SizeWord::Small) => Some(params.small_max),
                _ => None,
            };
            if let (Some(cap), Some(class)) = (cap, word) {
                let said = if class == SizeWord::Tiny { "lightweight" } else { "small" };
                budget.param_cap = Some((cap, format!("'{said}' model: at most {} parameters", human_params(cap))));
                if budget.generative_cap.is_none() {
                    budget.generative_cap = class
                        .generative_range()
                        .map(|(_, most)| (most, format!("'{said}' generative model: at most {} parameters", human_params(most))));
                }
            }
        }
        // "no GPU" alone means a CPU machine: a typical one.
        if budget.bytes.is_none() && (says_computer(&lower) || no_gpu) {
            budget.bytes = Some((TYPICAL_COMPUTER_GB * GB * ram_usable) as u64);
            budget.cpu_only = true;
            budget.bits = params.cpu_bits;
            budget.described = format!("a typical laptop (~{TYPICAL_COMPUTER_GB} GB RAM)");
        }
        // A machine without a GPU and no speed, size or device cap: text encoders run once per
        // query there, so they are held to BERT-base class; other kinds keep the memory budget.
        if budget.cpu_only && budget.param_cap.is_none() {
            let cap = params.cpu_encoder_params;
            budget.encoder_cap = Some((
                cap,
                format!("no GPU: a text encoder runs on every query there, so above {} parameters it answers slowly", human_params(cap)),
            ));
            let cap = params.cpu_other_params;
            budget.other_cap = Some((
                cap,
                format!(
                    "no GPU: speech, audio and vision models above {} parameters run many times slower than real time there",
                    human_params(cap)
                ),
            ));
            let cap = params.cpu_speech_params;
            budget.speech_cap = Some((
                cap,
                format!("no GPU: speech models above {} parameters take longer than the recording itself there", human_params(cap)),
            ));
        }
        // The user's own parameter count beside the hardware ("CPU-only servers, so under 500M
        // parameters", "on-device, under 100M params") holds for every kind of model.
        let spelled = spell_out_numbers(text);
        let counted = spelled.as_deref().unwrap_or(text).to_lowercase();
        if quantities(&counted).iter().any(|q| q.unit == Unit::Count) {
            if let Some(max) = ParamRange::parse_with(text, params).and_then(|r| r.max) {
                budget.stated_cap = Some((max, format!("at most {} parameters, as stated", human_params(max))));
            }
        }
        // Weights in system RAM, no device precision: speech, vision and encoders run as shipped.
        if !device_precision && budget.bits == params.cpu_bits {
            budget.other_bits = Some(params.cpu_other_bits);
        }
        (budget.bytes.is_some() || budget.param_cap.is_some() || budget.stated_cap.is_some()).then_some(budget)
    }

    /// Holds every model to the compute cap of the request's task as well (`tag`, the task
    /// the request was read as): a 3B chat model offered as a reranker on a CPU server reranks
    /// there, so it is as slow as a 3B reranker. A generative task sets nothing (its own models
    /// keep their cap; an encoder offered for it is small anyway).
    pub fn for_job(&mut self, tag: &str) {
        let kind = crate::knowledge::tasks::run_kind(Some(tag));
        self.job = (kind != RunKind::Generative).then_some(kind);
    }

    /// The cap that holds a model of this kind: its own ([`MemoryBudget::kind_cap`]) or, when
    /// lower, the one of the request's job ([`MemoryBudget::job`]), then marked `true`.
    fn cap(&self, kind: RunKind) -> Option<(u64, &str, bool)> {
        let own = self.kind_cap(kind).map(|(c, why)| (*c, why.as_str(), false));
        let job = self
            .job
            .filter(|job| *job != kind && self.stated_cap.is_none())
            .and_then(|job| self.kind_cap(job).map(|(c, why)| (*c, why.as_str(), true)));
        match (own, job) {
            (Some(o), Some(j)) if j.0 < o.0 => Some(j),
            (None, Some(j)) => Some(j),
            (o, _) => o,
        }
    }

    /// The compute cap for a model of this [`RunKind`]: generative models have their own on
    /// devices that run them ([`MemoryBudget::generative_cap`]), vision models on devices fed by a
    /// camera ([`MemoryBudget::vision_cap`]), text encoders on a CPU machine nothing else caps
    /// or in real time ([`MemoryBudget::encoder_cap`]), speech and other per-request models on a
    /// phone or a CPU machine ([`MemoryBudget::other_cap`]); a count the user wrote beside the
    /// hardware ([`MemoryBudget::stated_cap`]) holds for all.
    fn kind_cap(&self, kind: RunKind) -> Option<&(u64, String)> {
        if let Some(stated) = &self.stated_cap {
            return Some(stated);
        }
        match kind {
            RunKind::Generative => self.generative_cap.as_ref().or(self.param_cap.as_ref()),
            RunKind::Vision => self.vision_cap.as_ref().or(self.param_cap.as_ref()).or(self.other_cap.as_ref()),
            RunKind::TextEncoder => self.encoder_cap.as_ref().or(self.param_cap.as_ref()),
            RunKind::Speech => self.speech_cap.as_ref().or(self.other_cap.as_ref()).or(self.param_cap.as_ref()),
            RunKind::Other => self.other_cap.as_ref().or(self.param_cap.as_ref()),
        }
    }

    /// The verdict's status alone (no reason text); agrees with [`MemoryBudget::check`].
    pub fn status(&self, params: Option<u64>, quant_bits: Option<u8>, kind: RunKind) -> Status {
        let Some(p) = params else { return Status::Unknown };
        if self.cap(kind).is_some_and(|(cap, _, _)| p > cap) {
            return Status::Violated;
        }
        match self.bytes {
            Some(budget) if estimate_bytes(p, self.weight_bits(quant_bits, kind)) > budget => Status::Violated,
            _ => Status::Satisfied,
        }
    }

    /// Checks a model's estimated memory (and the compute cap).
    pub fn check(&self, params: Option<u64>, quant_bits: Option<u8>, kind: RunKind) -> Verdict {
        let Some(p) = params else {
            return Verdict::unknown("parameter count not stated, so memory can't be estimated");
        };
        if let Some((cap, why, job)) = self.cap(kind) {
            if p > cap {
                return Verdict::violated(if job {
                    format!(
                        "{} parameters; it would do the request's task here, so it runs as that task's models do — {why}",
                        human_params(p)
                    )
                } else {
                    format!("{} parameters; {why}", human_params(p))
                });
            }
        }
        let Some(budget) = self.bytes else {
            let why = self.cap(kind).map(|c| c.1).unwrap_or_default();
            return Verdict::satisfied(format!("{} parameters; {why}", human_params(p)));
        };
        let bits = self.weight_bits(quant_bits, kind);
        let need = estimate_bytes(p, bits);
        let how = format!("{} params × {bits} bits (how it runs there) ≈ {}", human_params(p), human_bytes(need));
        if need <= budget {
            Verdict::satisfied(format!("{how} fits {}", self.described))
        } else {
            Verdict::violated(format!("{how} exceeds {}", self.described))
        }
    }

    /// Bits per weight a model runs at here: the device's precision, or the file's when that
    /// is higher (an 8-bit file on a phone that runs 4-bit models). A lower-precision file of a
    /// larger model is sized like the model, not like the file. On a machine without a GPU a
    /// model that is not generative runs at [`MemoryBudget::other_bits`].
    fn weight_bits(&self, quant_bits: Option<u8>, kind: RunKind) -> f64 {
        let bits = match (kind, self.other_bits) {
            (RunKind::Generative, _) | (_, None) => self.bits,
            (_, Some(other)) => other,
        };
        quant_bits.map_or(bits, |b| bits.max(f64::from(b)))
    }
}

/// "8x H100", "2 × A100", "4 GPUs", "two 24 GB GPUs", "dual RTX 3090s": how many devices.
fn device_count(lower: &str, max_devices: f64) -> f64 {
    let counted = counted_devices(lower).or_else(|| multiplied_devices(lower)).unwrap_or(1.0);
    counted.clamp(1.0, max_devices.max(1.0))
}

/// A count (digits or [`DEVICE_COUNT_WORDS`]) before a plural device word within a few words
/// ("two 24 GB GPUs", "2 rtx 4090s", "dual a100s"); a number followed by a memory unit is a size.
fn counted_devices(lower: &str) -> Option<f64> {
    let words: Vec<&str> =
        lower.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')')).filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        let count = w.parse::<f64>().ok().or_else(|| DEVICE_COUNT_WORDS.iter().find(|(n, _)| n == w).map(|(_, v)| *v));
        let Some(count) = count.filter(|c| *c >= 2.0 && c.fract() == 0.0) else { continue };
        if words.get(i + 1).is_some_and(|n| unit_word(n).is_some()) {
            continue;
        }
        let plural = |n: &&str| {
            n.strip_suffix('s').is_some_and(|one| {
                one == "gpu" || one == "card" || DEVICES.iter().any(|d| !d.cpu_only && d.phrase.rsplit(' ').next() == Some(one))
            })
        };
        if words.iter().skip(i + 1).take(4).any(plural) {
            return Some(count);
        }
    }
    None
}

/// "8x H100", "2 × A100", "4 GPUs".
fn multiplied_devices(lower: &str) -> Option<f64> {
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
                return Some(n);
            }
        }
    }
    None
}

/// An answer time in milliseconds in lowercase text ("< 50 ms per review", "within 50ms").
pub fn milliseconds(lower: &str) -> Option<f64> {
    // The first "ms" after a number ("items within 50 ms": not the "ms" of "items").
    lower.match_indices("ms").find_map(|(pos, _)| {
        if lower[pos + 2..].chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let before = lower[..pos].trim_end();
        let digits: String =
            before.chars().rev().take_while(|c| c.is_ascii_digit() || *c == '.').collect::<Vec<_>>().into_iter().rev().collect();
        digits.parse::<f64>().ok().filter(|v| *v > 0.0)
    })
}

/// Memory a model's weights take at `bits` per weight (the headroom is in the usable shares).
pub fn estimate_bytes(params: u64, bits: f64) -> u64 {
    (params as f64 * bits.clamp(1.0, 32.0) / 8.0) as u64
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
    fn models_that_are_not_generative_run_as_shipped_on_a_cpu() {
        let whisper_large = Some(1_550_000_000);
        let small = MemoryBudget::parse("my 8 GB laptop, no GPU").unwrap();
        assert_eq!(small.check(whisper_large, None, RunKind::Other).status, Status::Violated);
        assert!(small.check(whisper_large, None, RunKind::Other).reason.contains("32 bits"));
        // A 4-bit file is sized like its model, not like the file.
        assert_eq!(small.check(whisper_large, Some(4), RunKind::Other).status, Status::Violated);
        assert_eq!(small.check(Some(3_500_000_000), None, RunKind::Generative).status, Status::Satisfied);
        let big = MemoryBudget::parse("16 GB RAM, no GPU").unwrap();
        assert_eq!(big.check(whisper_large, None, RunKind::Other).status, Status::Satisfied);
        assert_eq!(big.check(Some(5_570_000_000), None, RunKind::Vision).status, Status::Violated);
        // On a GPU, and on a phone that ships quantized models, nothing changes.
        let gpu = MemoryBudget::parse("8 GB GPU").unwrap();
        assert_eq!(gpu.other_bits, None);
        assert_eq!(gpu.check(Some(3_000_000_000), None, RunKind::Other).status, Status::Satisfied);
        let phone = MemoryBudget::parse("phone").unwrap();
        assert_eq!(phone.other_bits, None);
        assert!(phone.check(Some(400_000_000), None, RunKind::Other).reason.contains("4 bits"));
        let wider = RuleParams { cpu_other_bits: 8.0, ..RuleParams::default() };
        let small8 = MemoryBudget::parse_with("my 8 GB laptop, no GPU", &wider).unwrap();
        assert_eq!(small8.check(whisper_large, None, RunKind::Other).status, Status::Satisfied);
    }

    #[test]
    fn a_text_embedding_library_makes_a_feature_extractor_a_text_encoder() {
        use crate::knowledge::tasks::run_kind_of;
        let st = run_kind_of(Some("feature-extraction"), Some("sentence-transformers"));
        assert_eq!(st, RunKind::TextEncoder);
        assert_eq!(run_kind_of(Some("feature-extraction"), None), RunKind::Other);
        assert_eq!(run_kind_of(Some("text-generation"), Some("sentence-transformers")), RunKind::Generative);
        // "No GPU, quick": a 600M embedder is too slow there, a MiniLM is not.
        let quick = MemoryBudget::parse("no GPU, quick").unwrap();
        assert_eq!(quick.check(Some(596_000_000), None, st).status, Status::Violated);
        assert_eq!(quick.check(Some(22_700_000), None, st).status, Status::Satisfied);
    }

    #[test]
    fn hardware_people_name_in_words() {
        let gpus = |text: &str| MemoryBudget::parse(text).and_then(|b| b.bytes);
        let one = gpus("one 24 GB GPU").unwrap();
        assert_eq!(gpus("two 24 GB GPUs"), Some(one * 2));
        assert_eq!(gpus("2 24GB GPUs"), Some(one * 2));
        assert_eq!(gpus("dual RTX 3090s"), Some(one * 2));
        assert_eq!(gpus("24 GB GPUs"), Some(one));
        assert_eq!(gpus("4 x A100 80GB"), gpus("A100 80GB").map(|b| b * 4));
        // Apple silicon is unified memory read like RAM: a 16 GB Mac runs an 8B model in 8 bits.
        let mac = MemoryBudget::parse("Mac mini M4 16 GB").unwrap();
        assert!(mac.cpu_only && mac.bits == 8.0);
        assert_eq!(mac.check(Some(8_000_000_000), None, RunKind::Generative).status, Status::Satisfied);
        // An old laptop has less memory than a typical one; serverless has no GPU; the edge is small.
        let old = MemoryBudget::parse("our old laptop").unwrap();
        assert!(old.cpu_only && old.bytes < MemoryBudget::parse("a laptop").unwrap().bytes);
        let lambda = MemoryBudget::parse("serverless (AWS Lambda)").unwrap();
        assert!(lambda.cpu_only);
        assert_eq!(lambda.check(Some(7_000_000_000), None, RunKind::Generative).status, Status::Violated);
        let edge = MemoryBudget::parse("edge hardware").unwrap();
        assert_eq!(edge.check(Some(300_000_000), None, RunKind::Vision).status, Status::Violated);
        assert!(MemoryBudget::parse("a single A10").is_some_and(|b| !b.cpu_only));
        assert!(MemoryBudget::parse("Jetson Orin Nano").is_some_and(|b| b.param_cap.is_some()));
        // A bare GPU or an unknown word states nothing the rule can check.
        assert!(MemoryBudget::parse("GPU").is_none());
        assert!(MemoryBudget::parse("banana").is_none());
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
        assert_eq!(laptop.bytes, Some(4_000_000_000));
        assert_eq!(laptop.check(Some(7_000_000_000), None, RunKind::Other).status, Status::Violated);
        // A chat model in 8 bits; a speech or vision model as shipped, in fp32 (`cpu_other_bits`).
        assert_eq!(laptop.check(Some(3_800_000_000), None, RunKind::Generative).status, Status::Satisfied);
        assert_eq!(laptop.check(Some(1_100_000_000), None, RunKind::Other).status, Status::Violated);
        assert_eq!(laptop.check(Some(800_000_000), None, RunKind::Other).status, Status::Satisfied);
        let gpu = MemoryBudget::parse("single 24 GB GPU").unwrap();
        assert!(!gpu.cpu_only);
        assert_eq!(gpu.check(Some(8_000_000_000), None, RunKind::Other).status, Status::Satisfied);
        assert_eq!(gpu.check(Some(70_000_000_000), None, RunKind::Other).status, Status::Violated);
        let phone = MemoryBudget::parse("mobile").unwrap();
        assert_eq!(phone.check(Some(7_000_000_000), Some(4), RunKind::Other).status, Status::Violated);
        assert_eq!(phone.check(Some(66_000_000), None, RunKind::Vision).status, Status::Violated);
        assert_eq!(phone.check(Some(66_000_000), None, RunKind::TextEncoder).status, Status::Violated);
        assert_eq!(phone.check(Some(5_400_000), None, RunKind::Vision).status, Status::Satisfied);
        assert!(MemoryBudget::parse("fast please").is_none());
        assert!(MemoryBudget::parse("T4").is_some());
        let pi = MemoryBudget::parse("Raspberry Pi 4 with 4 GB RAM").unwrap();
        assert_eq!(pi.check(Some(800_000_000), None, RunKind::Other).status, Status::Violated);
        assert_eq!(pi.check(Some(39_000_000), None, RunKind::Other).status, Status::Satisfied);
        let fast = MemoryBudget::parse("CPU only, < 50 ms per review").unwrap();
        assert_eq!(fast.check(Some(223_000_000), None, RunKind::Other).status, Status::Violated);
        assert_eq!(fast.check(Some(66_000_000), None, RunKind::Other).status, Status::Satisfied);
        let node = MemoryBudget::parse("8x H100 node").unwrap();
        assert_eq!(node.check(Some(200_000_000_000), None, RunKind::Other).status, Status::Satisfied);
        let rt = MemoryBudget::parse("faster than real time on a server CPU").unwrap();
        assert_eq!(rt.check(Some(1_000_000_000), None, RunKind::Other).status, Status::Violated);
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
                    for generative in [RunKind::Other, RunKind::Generative, RunKind::TextEncoder, RunKind::Vision] {
                        assert_eq!(b.status(p, q, generative), b.check(p, q, generative).status);
                    }
                }
            }
        }
    }

    #[test]
    fn a_phone_runs_small_chat_models_but_not_big_classifiers() {
        let phone = MemoryBudget::parse("chat assistant that runs on an iPhone").unwrap();
        // A 1.5B instruct model (16-bit) and a 3B one quantized to 4 bits run on a phone…
        assert_eq!(phone.check(Some(1_500_000_000), None, RunKind::Generative).status, Status::Satisfied);
        assert_eq!(phone.check(Some(3_000_000_000), Some(4), RunKind::Generative).status, Status::Satisfied);
        // …a 7B chat model does not, nor a 300M classifier at interactive speed.
        let big = phone.check(Some(7_000_000_000), Some(4), RunKind::Generative);
        assert_eq!(big.status, Status::Violated);
        assert!(big.reason.contains("generative models above 3.5B"), "{}", big.reason);
        assert_eq!(phone.check(Some(3_800_000_000), Some(4), RunKind::Generative).status, Status::Violated);
        // A camera feeds a vision model frames: mobile backbones only. A voice that reads
        // articles aloud (a few hundred million parameters) runs there.
        assert_eq!(phone.check(Some(300_000_000), None, RunKind::Vision).status, Status::Violated);
        assert_eq!(phone.check(Some(300_000_000), None, RunKind::Other).status, Status::Satisfied);
        assert_eq!(phone.check(Some(800_000_000), None, RunKind::Other).status, Status::Violated);
        // A latency budget holds for every kind of model.
        let fast = MemoryBudget::parse("on a phone, real time").unwrap();
        assert_eq!(fast.check(Some(1_500_000_000), Some(4), RunKind::Generative).status, Status::Violated);
        let ms = MemoryBudget::parse("on a phone, < 50 ms").unwrap();
        assert_eq!(ms.check(Some(300_000_000), None, RunKind::Other).status, Status::Violated);
    }

    #[test]
    fn a_model_offered_for_the_requests_task_is_held_to_that_tasks_cap() {
        // No GPU: a 3B chat model fits the memory, but offered as a reranker it reranks on the CPU.
        let mut b = MemoryBudget::parse("sur nos serveurs, sans GPU").unwrap();
        assert_eq!(b.status(Some(3_000_000_000), None, RunKind::Generative), Status::Satisfied);
        b.for_job("text-ranking");
        let v = b.check(Some(3_000_000_000), None, RunKind::Generative);
        assert_eq!(v.status, Status::Violated, "{}", v.reason);
        assert!(v.reason.contains("the request's task") && v.reason.contains("text encoder"), "{}", v.reason);
        assert_eq!(b.status(Some(3_000_000_000), None, RunKind::Generative), Status::Violated);
        // A small reranker keeps its own verdict.
        assert_eq!(b.status(Some(100_000_000), None, RunKind::TextEncoder), Status::Satisfied);
        // Transcribing on a CPU server: a chat model doing it is held to the speech cap.
        let mut s = MemoryBudget::parse("on our servers, no GPU").unwrap();
        s.for_job("automatic-speech-recognition");
        assert_eq!(s.status(Some(3_000_000_000), None, RunKind::Generative), Status::Violated);
        assert_eq!(s.status(Some(800_000_000), None, RunKind::Generative), Status::Satisfied);
        // Live transcription on a phone: a Whisper-small-class model, not a 470M captioner or a
        // 3B vision-language model offered for it; a translator there keeps the per-request cap.
        for phrase in ["phone", "en el móvil", "на телефоне", "手机"] {
            let mut p = MemoryBudget::parse(phrase).unwrap_or_else(|| panic!("{phrase}"));
            assert_eq!(p.status(Some(470_000_000), None, RunKind::Other), Status::Satisfied, "{phrase}");
            p.for_job("automatic-speech-recognition");
            assert_eq!(p.status(Some(244_000_000), None, RunKind::Speech), Status::Satisfied, "{phrase}");
            assert_eq!(p.status(Some(317_000_000), None, RunKind::Speech), Status::Satisfied, "{phrase}");
            assert_eq!(p.status(Some(470_000_000), None, RunKind::Other), Status::Violated, "{phrase}");
            assert_eq!(p.status(Some(3_000_000_000), None, RunKind::Generative), Status::Violated, "{phrase}");
        }
        let mut t = MemoryBudget::parse("phone").unwrap();
        t.for_job("translation");
        assert_eq!(t.status(Some(470_000_000), None, RunKind::Other), Status::Satisfied);
        // A generative task sets no job: chat models keep their own cap.
        let mut g = MemoryBudget::parse("on our servers, no GPU").unwrap();
        g.for_job("text-generation");
        assert_eq!(g.status(Some(3_000_000_000), None, RunKind::Generative), Status::Satisfied);
        // A GPU machine caps no kind, so the job changes nothing.
        let mut gpu = MemoryBudget::parse("one 24 GB GPU").unwrap();
        gpu.for_job("text-ranking");
        assert_eq!(gpu.status(Some(7_000_000_000), None, RunKind::Generative), Status::Satisfied);
        // The user's own count holds alone.
        let mut stated = MemoryBudget::parse("CPU-only servers, so under 5B parameters").unwrap();
        stated.for_job("text-ranking");
        assert_eq!(stated.status(Some(3_000_000_000), None, RunKind::Generative), Status::Satisfied);
    }

    #[test]
    fn no_gpu_in_any_words_is_a_typical_cpu_machine() {
        for text in ["on our servers, no GPU", "sur nos serveurs, sans GPU", "ohne GPU, nur CPU-Server", "GPU なしで動かしたい"] {
            let b = MemoryBudget::parse(text).unwrap_or_else(|| panic!("{text}"));
            assert!(b.cpu_only, "{text}");
            assert_eq!(b.check(Some(77_000_000), None, RunKind::Other).status, Status::Satisfied, "{text}");
            assert_eq!(b.check(Some(70_000_000_000), None, RunKind::Generative).status, Status::Violated, "{text}");
        }
    }

    #[test]
    fn how_a_model_runs_decides_its_cap_on_a_weak_or_gpu_less_machine() {
        let p = |t: &str| MemoryBudget::parse(t).unwrap_or_else(|| panic!("{t}"));
        // No GPU and no speed stated: text encoders are held to BERT-base class; a chat model
        // and a speech model keep the memory budget.
        let b = p("servidores sin GPU");
        assert_eq!(b.check(Some(278_000_000), None, RunKind::TextEncoder).status, Status::Violated);
        assert!(b.check(Some(278_000_000), None, RunKind::TextEncoder).reason.contains("no GPU"));
        assert_eq!(b.check(Some(118_000_000), None, RunKind::TextEncoder).status, Status::Satisfied);
        assert_eq!(b.check(Some(3_800_000_000), None, RunKind::Generative).status, Status::Satisfied);
        assert_eq!(b.check(Some(1_500_000_000), None, RunKind::Other).status, Status::Satisfied);
        // A GPU machine has no encoder cap.
        assert_eq!(p("one 16 GB GPU").check(Some(560_000_000), None, RunKind::TextEncoder).status, Status::Satisfied);
        // A Raspberry Pi: a wav2vec2-base speech model runs, a ViT-base classifier cannot keep up
        // with the camera, a DETR-R50 detector can; a 1.2B language model is too slow.
        let pi = p("runs on a Raspberry Pi next to the shelf");
        assert_eq!(pi.check(Some(95_000_000), None, RunKind::Other).status, Status::Satisfied);
        assert_eq!(pi.check(Some(86_000_000), None, RunKind::Vision).status, Status::Violated);
        assert_eq!(pi.check(Some(41_600_000), None, RunKind::Vision).status, Status::Satisfied);
        assert_eq!(pi.check(Some(1_247_000_000), Some(4), RunKind::Generative).status, Status::Violated);
        assert_eq!(pi.check(Some(500_000_000), Some(4), RunKind::Generative).status, Status::Satisfied);
        // A kiosk is a small CPU machine, not a laptop: a 1B speech synthesizer is too slow there.
        let kiosk = p("인터넷 없이 키오스크의 CPU에서 동작");
        assert!(kiosk.cpu_only);
        assert_eq!(kiosk.check(Some(1_017_000_000), None, RunKind::Other).status, Status::Violated);
        assert_eq!(kiosk.check(Some(82_000_000), None, RunKind::Other).status, Status::Satisfied);
    }

    #[test]
    fn memory_glued_to_other_scripts_and_gpu_less_phrases_in_other_languages() {
        let p = |t: &str| MemoryBudget::parse(t).unwrap_or_else(|| panic!("{t}"));
        // "an 8 GB graphics card" in Chinese, the unit glued to the next word.
        let b = p("只有一张8GB显存的显卡");
        assert!(!b.cpu_only && b.bytes == Some((8e9 * 0.85) as u64), "{b:?}");
        assert_eq!(b.check(Some(3_836_000_000), None, RunKind::Generative).status, Status::Violated);
        assert_eq!(b.check(Some(1_500_000_000), None, RunKind::Generative).status, Status::Satisfied);
        // "a laptop without a GPU (16 GB memory)" in Japanese and "a server without a graphics
        // card, 16 GB memory" in Arabic: RAM, not GPU memory.
        for text in ["GPUのないノートPC（メモリ16GB）", "خادم بدون بطاقة رسومية، ذاكرة 16 جيجابايت"]
        {
            let b = p(text);
            assert!(b.cpu_only && b.bytes == Some((16e9 * 0.5) as u64), "{text}: {b:?}");
            assert_eq!(b.check(Some(5_574_000_000), None, RunKind::Other).status, Status::Violated, "{text}");
            assert_eq!(b.check(Some(1_543_000_000), None, RunKind::Other).status, Status::Satisfied, "{text}");
        }
        // "answers in well under a second" on a CPU is an answer time.
        let b = p("runs on our normal servers, no GPU, answers in well under a second");
        assert_eq!(b.check(Some(178_000_000), None, RunKind::TextEncoder).status, Status::Violated);
        assert_eq!(b.check(Some(118_000_000), None, RunKind::TextEncoder).status, Status::Satisfied);
    }

    #[test]
    fn a_device_is_sized_at_the_precision_people_run_there() {
        let p = |t: &str| MemoryBudget::parse(t).unwrap_or_else(|| panic!("{t}"));
        // A GPU runs 16-bit weights in 85% of its memory: an 8 GB card a 3.4B model, a 24 GB
        // card a 10B one (not a 10.3B one) — and a 4-bit file of a 7B model is still a 7B model.
        let card = p("has to fit an 8 GB graphics card");
        assert_eq!(card.check(Some(3_300_000_000), None, RunKind::Generative).status, Status::Satisfied);
        assert_eq!(card.check(Some(7_240_000_000), Some(4), RunKind::Generative).status, Status::Violated);
        assert!(card.check(Some(3_300_000_000), None, RunKind::Generative).reason.contains("16 bits"));
        let big = p("one 24 GB GPU");
        assert_eq!(big.check(Some(9_900_000_000), None, RunKind::Other).status, Status::Satisfied);
        assert_eq!(big.check(Some(10_290_000_000), None, RunKind::Generative).status, Status::Violated);
        assert_eq!(big.check(Some(13_000_000_000), Some(4), RunKind::Generative).status, Status::Violated);
        // A CPU machine runs 8-bit weights in half its RAM: 16 GB → 8B, 8 GB → 4B, quantized or not.
        let laptop = p("my laptop has no GPU, 16 GB of RAM");
        assert_eq!(laptop.check(Some(7_600_000_000), Some(4), RunKind::Generative).status, Status::Satisfied);
        assert_eq!(laptop.check(Some(14_000_000_000), Some(4), RunKind::Generative).status, Status::Violated);
        let small = p("Windows tablets with 8 GB of RAM and no GPU");
        assert_eq!(small.check(Some(3_800_000_000), None, RunKind::Generative).status, Status::Satisfied);
        assert_eq!(small.check(Some(7_000_000_000), Some(4), RunKind::Generative).status, Status::Violated);
        // Speech on a CPU machine: Whisper large-v3 runs, a 3.8B multimodal model does not.
        assert_eq!(laptop.check(Some(1_550_000_000), None, RunKind::Other).status, Status::Satisfied);
        assert_eq!(laptop.check(Some(3_800_000_000), None, RunKind::Other).status, Status::Violated);
        assert!(laptop.check(Some(3_800_000_000), None, RunKind::Other).reason.contains("no GPU"));
        // A speech model there runs as shipped over whole recordings: large-v3-turbo (0.8B)
        // keeps up, Whisper large (1.55B) does not.
        assert_eq!(laptop.check(Some(809_000_000), None, RunKind::Speech).status, Status::Satisfied);
        assert_eq!(laptop.check(Some(1_550_000_000), None, RunKind::Speech).status, Status::Violated);
        assert!(laptop.check(Some(1_550_000_000), None, RunKind::Speech).reason.contains("speech models"));
        assert_eq!(crate::knowledge::tasks::run_kind(Some("automatic-speech-recognition")), RunKind::Speech);
        // A phone's own cap for per-request models holds for speech too.
        let phone = p("runs offline on an Android phone");
        assert_eq!(phone.check(Some(1_550_000_000), None, RunKind::Speech).status, Status::Violated);
        // The user's own number beside the hardware holds for every kind of model.
        let stated = p("CPU-only servers, so under 500M parameters");
        assert_eq!(stated.check(Some(3_800_000_000), None, RunKind::Generative).status, Status::Violated);
        assert_eq!(stated.check(Some(406_000_000), None, RunKind::Other).status, Status::Satisfied);
        assert_eq!(p("on-device, under 100M params").check(Some(300_000_000), None, RunKind::Other).status, Status::Violated);
        // Real time on a CPU: a text encoder answers each message at once (BERT-base class).
        let rt = p("runs on our CPU servers in real time, thousands of messages a second");
        assert_eq!(rt.check(Some(355_000_000), None, RunKind::TextEncoder).status, Status::Violated);
        assert_eq!(rt.check(Some(125_000_000), None, RunKind::TextEncoder).status, Status::Satisfied);
        assert_eq!(rt.check(Some(355_000_000), None, RunKind::Other).status, Status::Satisfied);
    }

    #[test]
    fn speed_and_size_words_beside_the_hardware() {
        let p = |t: &str| MemoryBudget::parse(t).unwrap_or_else(|| panic!("{t}"));
        // A size word caps what the memory alone would allow.
        let b = p("servidores sem GPU, um modelo leve");
        assert!(b.cpu_only);
        assert_eq!(b.check(Some(250_000_000), None, RunKind::Other).status, Status::Satisfied);
        assert_eq!(b.check(Some(600_000_000), None, RunKind::Other).status, Status::Violated);
        // An answer time in words: every kind of model.
        let b = p("nur CPU, Antwort im Bruchteil einer Sekunde");
        assert_eq!(b.check(Some(110_000_000), None, RunKind::Other).status, Status::Satisfied);
        assert_eq!(b.check(Some(400_000_000), None, RunKind::Other).status, Status::Violated);
        assert_eq!(b.check(Some(1_000_000_000), None, RunKind::Generative).status, Status::Violated);
        // "Fast": an encoder of BERT-base class, or a small generative model.
        let b = p("plain CPU box, needs to be quick");
        assert_eq!(b.check(Some(400_000_000), None, RunKind::Other).status, Status::Violated);
        assert!(b.check(Some(400_000_000), None, RunKind::Other).reason.contains("'quick'"));
        assert_eq!(b.check(Some(1_500_000_000), Some(4), RunKind::Generative).status, Status::Satisfied);
        assert_eq!(b.check(Some(3_800_000_000), Some(4), RunKind::Generative).status, Status::Violated);
        // A GPU word of another language is GPU memory; Korean and Chinese CPU phrases are read.
        let b = p("ein Rechner mit einer 12-GB-Grafikkarte");
        assert!(!b.cpu_only && b.bytes == Some((12e9 * 0.85) as u64), "{b:?}");
        assert!(p("GPU 없이 CPU에서 빠르게").cpu_only);
        assert!(p("只有CPU服务器，没有显卡").cpu_only);
        assert_eq!(p("スマホの中で動く").check(Some(200_000_000), None, RunKind::Vision).status, Status::Violated);
        // Without a speed or size word a CPU machine is a memory budget only.
        assert_eq!(p("CPU servers").check(Some(600_000_000), None, RunKind::Other).status, Status::Satisfied);
    }
}
