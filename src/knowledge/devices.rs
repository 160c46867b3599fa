//! Hardware: named devices with their memory and (for weak ones) a compute cap, and the words
//! that say "CPU only", "GPU", "laptop" or name memory.
//!
//! Why one table: the hardware rule turns "runs on an iPhone" into a memory budget, the free-text
//! fill must recognise the same phrase to move it into the `hardware` field, and the app's device
//! helper reads the same words back from that field. A device added here is understood by all
//! three. The list is deliberately short: facts for common hardware, not a catalogue.

use super::contains_phrase;

/// A device developers name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Device {
    /// How it is written (lowercase, matched as whole words).
    pub phrase: &'static str,
    /// Memory in GB (RAM for CPU devices, VRAM for GPUs).
    pub memory_gb: f64,
    /// Runs models on its CPU.
    pub cpu_only: bool,
    /// Largest parameter count that runs at interactive speed there.
    pub param_cap: Option<u64>,
    /// Its CPU is slow whatever memory is stated ("Raspberry Pi with 8 GB"): the cap still holds.
    pub slow_cpu: bool,
    /// Sizes of a generative model (a chat or writing assistant, a vision-language model) that
    /// runs well there, smallest useful to largest: people run 0.5–3B instruct models on phones
    /// (llama.cpp, MLX, MLC), quantized; below that they are toys. The upper end replaces the
    /// compute cap for generative models, and ranking prefers sizes inside the range.
    pub generative: Option<(u64, u64)>,
}

const fn device(
    phrase: &'static str,
    memory_gb: f64,
    cpu_only: bool,
    param_cap: Option<u64>,
    slow_cpu: bool,
    generative: Option<(u64, u64)>,
) -> Device {
    Device { phrase, memory_gb, cpu_only, param_cap, slow_cpu, generative }
}

/// A phone's generative range: 0.5B–4B parameters.
const PHONE_GENERATIVE: Option<(u64, u64)> = Some((500_000_000, 4_000_000_000));

/// Known devices; the first whose phrase occurs wins. Phones: 6 GB, a current mid-range phone or
/// iPhone (6–8 GB since 2023).
pub const DEVICES: &[Device] = &[
    device("raspberry pi", 4.0, true, Some(100_000_000), true, Some((100_000_000, 1_500_000_000))),
    device("jetson nano", 4.0, false, Some(500_000_000), false, Some((500_000_000, 3_000_000_000))),
    device("microcontroller", 0.25, true, Some(1_000_000), true, None),
    device("smartphone", 6.0, true, Some(50_000_000), false, PHONE_GENERATIVE),
    device("phone", 6.0, true, Some(50_000_000), false, PHONE_GENERATIVE),
    device("mobile", 6.0, true, Some(50_000_000), false, PHONE_GENERATIVE),
    device("android", 6.0, true, Some(50_000_000), false, PHONE_GENERATIVE),
    device("iphone", 6.0, true, Some(50_000_000), false, PHONE_GENERATIVE),
    device("on-device", 6.0, true, Some(50_000_000), false, PHONE_GENERATIVE),
    device("edge device", 2.0, true, Some(100_000_000), false, Some((300_000_000, 3_000_000_000))),
    device("browser", 2.0, true, Some(300_000_000), false, Some((100_000_000, 2_000_000_000))),
    device("t4", 16.0, false, None, false, None),
    device("v100", 16.0, false, None, false, None),
    device("rtx 3060", 12.0, false, None, false, None),
    device("rtx 3090", 24.0, false, None, false, None),
    device("rtx 4090", 24.0, false, None, false, None),
    device("3090", 24.0, false, None, false, None),
    device("4090", 24.0, false, None, false, None),
    device("a10g", 24.0, false, None, false, None),
    device("l4", 24.0, false, None, false, None),
    device("a100", 80.0, false, None, false, None),
    device("h100", 80.0, false, None, false, None),
    device("colab", 15.0, false, None, false, None),
];

/// General-purpose computers: a "laptop" without a number means a typical one.
pub const COMPUTERS: &[&str] = &["laptop", "desktop"];
/// Memory of a typical laptop or desktop, in GB.
pub const TYPICAL_COMPUTER_GB: f64 = 16.0;
/// Phrases that rule out a GPU.
pub const NO_GPU: &[&str] = &[
    "no gpu",
    "without gpu",
    "without a gpu",
    "cpu only",
    "cpu-only",
    // Other languages ("sans GPU", "sin tarjeta gráfica", "GPU なし").
    "ohne gpu",
    "keine gpu",
    "ohne grafikkarte",
    "sin gpu",
    "sin tarjeta gráfica",
    "sans gpu",
    "sans carte graphique",
    "sem gpu",
    "sem placa de vídeo",
    "senza gpu",
    "senza scheda video",
    "без gpu",
    "без видеокарты",
    "无gpu",
    "没有gpu",
    "不用gpu",
    "gpuなし",
    "gpu なし",
    "gpu 없이",
    "gpu없이",
    "بدون gpu",
];
/// Words that name system or GPU memory.
pub const MEMORY_WORDS: &[&str] = &["ram", "vram", "memory"];
/// Hardware words that name no device by themselves but belong to a hardware phrase.
pub const HARDWARE_WORDS: &[&str] = &["cpu", "gpu", "single gpu", "consumer gpu", "edge devices"];

/// Devices whose word also names things a request talks *about* ("transcribe phone calls",
/// "mobile numbers", "browser history"): in free text they are hardware only in a device context
/// ([`device_context`]). In the hardware field every word is hardware.
pub const CONTEXT_DEVICES: &[&str] = &["phone", "smartphone", "mobile", "android", "iphone", "browser"];
/// Words shortly before a device word that make it the place a model runs ("runs *on* a phone",
/// "on-device *on* my phone", "*for* mobile", "deploy *to* Android").
pub const DEVICE_CONTEXT_BEFORE: &[&str] =
    &["on", "for", "runs", "run", "running", "deploy", "deployed", "deploying", "inside", "within", "to", "on-device", "offline"];
/// Words right after a device word that make it hardware ("phone app", "mobile devices").
pub const DEVICE_CONTEXT_AFTER: &[&str] = &["app", "apps", "application", "device", "devices", "only", "hardware", "deployment", "cpu"];
/// Words right after a device word that make it a thing, not hardware ("phone calls").
pub const DEVICE_THING_AFTER: &[&str] =
    &["call", "calls", "number", "numbers", "conversation", "conversations", "recording", "recordings", "screenshots", "photos", "history"];

/// Whether a device word of free text names the hardware the model runs on: always for
/// unambiguous devices ("RTX 4090"), for [`CONTEXT_DEVICES`] only with a device word right after
/// or a context word among the three words before (and no [`DEVICE_THING_AFTER`] word after).
pub fn device_context(phrase: &str, before: &[&str], after: Option<&str>) -> bool {
    if !CONTEXT_DEVICES.contains(&phrase) {
        return true;
    }
    let after = after.unwrap_or("");
    if DEVICE_CONTEXT_AFTER.contains(&after) {
        return true;
    }
    !DEVICE_THING_AFTER.contains(&after) && before.iter().rev().take(3).any(|w| DEVICE_CONTEXT_BEFORE.contains(w))
}

/// The first known device named in lowercase text.
pub fn device_in(lower: &str) -> Option<&'static Device> {
    DEVICES.iter().find(|d| contains_phrase(lower, d.phrase))
}

/// The text rules out a GPU ("CPU only", "no GPU").
pub fn says_no_gpu(lower: &str) -> bool {
    NO_GPU.iter().any(|w| lower.contains(w))
}

/// The text names a GPU ("GPU", "VRAM", "CUDA") and does not rule one out.
pub fn says_gpu(lower: &str) -> bool {
    !says_no_gpu(lower) && (contains_phrase(lower, "gpu") || lower.contains("vram") || lower.contains("cuda"))
}

/// The text names a CPU-bound machine: a CPU, a laptop, or system RAM.
pub fn says_cpu(lower: &str) -> bool {
    contains_phrase(lower, "cpu") || lower.contains("laptop") || contains_phrase(lower, "ram")
}

/// The text names a general-purpose computer or a CPU without a number.
pub fn says_computer(lower: &str) -> bool {
    COMPUTERS.iter().any(|c| lower.contains(c)) || contains_phrase(lower, "cpu")
}

/// Every phrase the free-text reader takes as hardware, as word sequences.
pub fn hardware_phrases() -> impl Iterator<Item = &'static str> {
    NO_GPU.iter().copied().chain(COMPUTERS.iter().copied()).chain(HARDWARE_WORDS.iter().copied()).chain(DEVICES.iter().map(|d| d.phrase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_words() {
        assert_eq!(device_in("runs on an iphone 12").map(|d| d.phrase), Some("iphone"));
        assert_eq!(device_in("single t4 (16 gb)").map(|d| d.memory_gb), Some(16.0));
        assert!(device_in("a metaphone").is_none());
        assert!(says_no_gpu("cpu only, 8 gb ram") && !says_gpu("cpu only, no gpu"));
        assert!(says_gpu("one 24 gb gpu") && says_gpu("12 gb vram"));
        assert!(!device_context("phone", &["transcribe", "german"], Some("calls")));
        assert!(!device_context("phone", &["for"], Some("calls")));
        assert!(device_context("phone", &["runs", "on", "a"], None));
        assert!(device_context("phone", &["on-device", "on", "my"], None));
        assert!(device_context("iphone", &["an"], Some("app")));
        assert!(device_context("rtx 4090", &[], None));
        for c in CONTEXT_DEVICES {
            assert!(DEVICES.iter().any(|d| d.phrase == *c), "{c}");
        }
        for d in DEVICES {
            assert_eq!(d.phrase, d.phrase.to_lowercase());
            assert!(d.param_cap.is_some() || !d.slow_cpu, "{}", d.phrase);
        }
    }
}
