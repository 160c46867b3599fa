//! Parameter counts and quantization bits, and the memory the weights need.
//!
//! Why: "fits on a 16 GB GPU" and "under 1B parameters" are the most common hard constraints, but
//! only a sixth of the catalog has a measured parameter count. Hub ids usually carry the size
//! ("Llama-2-7b", "Mixtral-8x7B", "gpt2-350m", "bloom-7b1") and the quantization ("…-GGUF",
//! "Q4_K_M", "GPTQ", "4bit"), and cards often say "a 30B-parameter model". From parameters and
//! bits we estimate the weights' memory — a lower bound on what inference needs.
//!
//! Mixture-of-experts names count experts × expert size, but experts share attention and
//! embeddings: only the feed-forward blocks (≈78% of a Mistral/Llama-style dense model) are
//! replicated. So `N x S` is estimated as `S · (1 + (N − 1) · share)` ([`ExtractParams::moe_expert_share`], 0.78): 8x7B → 45.2B (Mixtral
//! reports 46.7B), 8x22B → 141B (reports 141B), 2x7B → 12.5B (typical merges ≈ 12.9B).

use std::sync::LazyLock;

use regex::Regex;

use ptmpicker::knowledge::quantities::{unit_word, Unit};

use super::ExtractParams;

/// The multiplier of a count unit word ("b" → 1e9), from the shared unit table; 0 for others.
fn unit(u: &str) -> f64 {
    match unit_word(u) {
        Some((m, Unit::Count)) => m,
        _ => 0.0,
    }
}

fn plausible(v: f64, p: &ExtractParams) -> Option<u64> {
    (v.is_finite() && (p.min_params..=p.max_params).contains(&v)).then(|| v.round() as u64)
}

/// Parameter count named in a model id or name ("7B", "1.5b", "350m", "8x7B", "bloom-7b1").
pub fn params_from_name(name: &str, p: &ExtractParams) -> Option<u64> {
    static MOE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?:^|[^a-z0-9.])(\d{1,3})x(\d{1,4}(?:\.\d{1,2})?)([bm])(?:$|[^a-z0-9])").unwrap());
    static DENSE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|[^a-z0-9.])(\d{1,4}(?:\.\d{1,3})?)([bm])(?:$|[^a-z0-9])").unwrap());
    static SPLIT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?:^|[^a-z0-9.])(\d{1,3})b(\d)(?:$|[^a-z0-9])").unwrap());
    let name = name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase();
    if let Some(c) = MOE.captures(&name) {
        let n: f64 = c[1].parse().ok()?;
        let s: f64 = c[2].parse().ok()?;
        if n >= 2.0 {
            return plausible(s * unit(&c[3]) * (1.0 + (n - 1.0) * p.moe_expert_share), p);
        }
    }
    // Several size tokens ("Infinity-Instruct-7M-Gen-Llama3_1-70B", "Qwen3-30B-A3B"): the
    // largest is the model; smaller ones name data sizes or active parameters.
    let largest = DENSE.captures_iter(&name).filter_map(|c| c[1].parse::<f64>().ok().and_then(|v| plausible(v * unit(&c[2]), p))).max();
    if largest.is_some() {
        return largest;
    }
    if let Some(c) = SPLIT.captures(&name) {
        let v: f64 = format!("{}.{}", &c[1], &c[2]).parse().ok()?;
        return plausible(v * 1e9, p);
    }
    None
}

/// Parameter count stated in prose: "7 billion parameters", "a 30B-parameter variant",
/// "Parameters: 125M", "#params | 1.5B".
pub fn params_from_text(text: &str, p: &ExtractParams) -> Option<u64> {
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(\d{1,4}(?:[.,]\d{1,3})?)\s?(trillion|billion|million|bn|b|m|t)(?-u:\b)[\s-]?(?:total\s)?(?:parameters|parameter|params|param)(?-u:\b)").unwrap()
    });
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|\W)(?:parameters|params|parameter count|number of parameters|model size)(?-u:\b)\s*(?:\(\w+\))?\s*[:=|]\s*\**\s*~?(\d{1,4}(?:\.\d{1,3})?)\s?(trillion|billion|million|bn|b|m|t)(?-u:\b)").unwrap()
    });
    let first = |re: &Regex| {
        re.captures(text).and_then(|c| {
            let v: f64 = c[1].replace(',', ".").parse().ok()?;
            plausible(v * unit(&c[2].to_ascii_lowercase()), p)
        })
    };
    first(&AFTER).or_else(|| first(&BEFORE))
}

/// Quantization found in an id or tag list: bits per weight and the format's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quant {
    pub bits: u8,
    pub method: &'static str,
}

/// Explicit bit markers: Q4_K_M, IQ3_XS, Q8_0, 4bit, 4-bit, int8, w4a16, 4.0bpw, nf4, fp8, q4f16_1.
fn explicit_bits(s: &str) -> Option<u8> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|[^a-z0-9])(?:i?q([1-8])(?:_k|_[0-9]|_xs|_xxs|_s|_m|_l|_nl|f16|f32|(?-u:\b))|([1-8])[-_ ]?bits?(?-u:\b)|int([48])(?-u:\b)|w([48])a(?:16|8)(?-u:\b)|([1-8](?:\.\d{1,2})?)bpw(?-u:\b)|nf(4)(?-u:\b)|mxfp(4)(?-u:\b)|fp(8)(?-u:\b)|f(8)(?-u:\b))",
        )
        .unwrap()
    });
    let c = RE.captures(s)?;
    for i in 1..=9 {
        if let Some(m) = c.get(i) {
            let v: f64 = m.as_str().parse().ok()?;
            return Some(v.round().clamp(1.0, 8.0) as u8);
        }
    }
    None
}

/// Quantization formats and the bits a repository of that format holds when it names no level:
/// GPTQ/AWQ/EXL2/bitsandbytes are 4-bit unless a marker says otherwise; GGUF/GGML repositories
/// usually offer several widths (Q2…Q8, F16), so without a marker their width is unknown (0).
fn method_of(s: &str) -> Option<(&'static str, u8)> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?:^|[^a-z0-9])(gguf|ggml|gptq|awq|exl2|exl3|bnb|bitsandbytes|hqq|mlx|int8|int4|onnx-int8|mlc)(?:$|[^a-z0-9])")
            .unwrap()
    });
    let c = RE.captures(s)?;
    Some(match &c[1] {
        "gguf" => ("GGUF", 0),
        "ggml" => ("GGML", 0),
        "gptq" => ("GPTQ", 4),
        "awq" => ("AWQ", 4),
        "exl2" | "exl3" => ("EXL2", 4),
        "bnb" | "bitsandbytes" => ("bitsandbytes", 4),
        "hqq" => ("HQQ", 4),
        "int8" | "onnx-int8" => ("int8", 8),
        "int4" => ("int4", 4),
        // MLX and MLC repositories are only quantized when a bit marker says so.
        "mlx" => ("MLX", 0),
        "mlc" => ("MLC", 0),
        _ => return None,
    })
}

/// Looks for quantization in `text` (an id or a tag): `(bits, method)`.
pub fn quant_in(text: &str) -> Option<Quant> {
    let s = text.rsplit('/').next().unwrap_or(text).to_ascii_lowercase();
    let bits = explicit_bits(&s);
    let method = method_of(&s);
    match (bits, method) {
        (Some(b), Some((m, _))) => Some(Quant { bits: b, method: m }),
        (Some(b), None) => Some(Quant { bits: b, method: if b == 8 { "8-bit" } else { "quantized" } }),
        (None, Some((m, b))) if b > 0 => Some(Quant { bits: b, method: m }),
        _ => None,
    }
}

/// Every distinct explicit width marker in `text` ("Q4_K_M", "8-bit"), in order of appearance.
pub fn widths_in(text: &str) -> Vec<u8> {
    let lower = text.to_ascii_lowercase();
    let mut out = Vec::new();
    for word in lower.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '[' | ']' | '`' | '*' | '|')) {
        if let Some(b) = explicit_bits(word) {
            if !out.contains(&b) {
                out.push(b);
            }
        }
    }
    out
}

/// The quantized format an id or library names, whether or not it states a width.
pub fn quant_format(text: &str) -> Option<&'static str> {
    let s = text.rsplit('/').next().unwrap_or(text).to_ascii_lowercase();
    method_of(&s).map(|(m, _)| m)
}

/// "~14.5 GB at 16-bit": memory of the weights alone.
pub fn weights_memory(params: u64, bits: u8) -> String {
    let bytes = params as f64 * bits as f64 / 8.0;
    let size = if bytes >= 1e9 {
        format!("{} GB", ptmpicker::constraints::size::three_significant(bytes / 1e9))
    } else {
        format!("{} MB", ptmpicker::constraints::size::three_significant((bytes / 1e6).max(0.01)))
    };
    format!("~{size} at {bits}-bit")
}

#[cfg(test)]
mod tests {
    use super::*;

    static P: std::sync::LazyLock<ExtractParams> = std::sync::LazyLock::new(ExtractParams::default);

    #[test]
    fn sizes_in_names() {
        assert_eq!(params_from_name("meta-llama/Llama-2-7b-chat-hf", &P), Some(7_000_000_000));
        assert_eq!(params_from_name("Qwen/Qwen2.5-1.5B-Instruct", &P), Some(1_500_000_000));
        assert_eq!(params_from_name("facebook/opt-350m", &P), Some(350_000_000));
        assert_eq!(params_from_name("hexgrad/Kokoro-82M", &P), Some(82_000_000));
        assert_eq!(params_from_name("bigscience/bloom-7b1", &P), Some(7_100_000_000));
        assert_eq!(params_from_name("Qwen/Qwen3-30B-A3B", &P), Some(30_000_000_000));
        assert_eq!(params_from_name("bartowski/Mistral-Small-24B-Instruct-2501-GGUF", &P), Some(24_000_000_000));
        let mixtral = params_from_name("mistralai/Mixtral-8x7B-Instruct-v0.1", &P).unwrap() as f64;
        assert!((mixtral / 46.7e9 - 1.0).abs() < 0.05, "{mixtral}");
        let big = params_from_name("mistralai/Mixtral-8x22B-v0.1", &P).unwrap() as f64;
        assert!((big / 141e9 - 1.0).abs() < 0.05, "{big}");
        assert_eq!(params_from_name("google-bert/bert-base-uncased", &P), None);
        assert_eq!(params_from_name("openai/whisper-large-v3", &P), None);
        assert_eq!(params_from_name("meta-llama/Llama-3.1-8B", &P), Some(8_000_000_000));
        assert_eq!(params_from_name("BAAI/Infinity-Instruct-7M-Gen-Llama3_1-70B", &P), Some(70_000_000_000));
        assert_eq!(params_from_name("org/model-2b5", &P), Some(2_500_000_000));
    }

    #[test]
    fn sizes_in_text() {
        assert_eq!(params_from_text("It is a 30B-parameter variant tuned for code.", &P), Some(30_000_000_000));
        assert_eq!(params_from_text("boasting 24B parameters and", &P), Some(24_000_000_000));
        assert_eq!(params_from_text("with 7 billion parameters", &P), Some(7_000_000_000));
        assert_eq!(params_from_text("- Parameters: 125M", &P), Some(125_000_000));
        assert_eq!(params_from_text("| #params | 1.5B |", &P), Some(1_500_000_000));
        assert_eq!(params_from_text("trained on 2 trillion tokens", &P), None);
        assert_eq!(params_from_text("we used 8 GPUs", &P), None);
    }

    #[test]
    fn quantization_markers() {
        let q = |s: &str| quant_in(s).map(|q| (q.bits, q.method));
        // GGUF repositories offer several widths: without a marker the width is unknown.
        assert_eq!(q("TheBloke/Llama-2-7B-Chat-GGUF"), None);
        assert_eq!(quant_format("TheBloke/Llama-2-7B-Chat-GGUF"), Some("GGUF"));
        assert_eq!(q("x/model-Q5_K_M-GGUF"), Some((5, "GGUF")));
        assert_eq!(q("x/model-IQ3_XS.gguf"), Some((3, "GGUF")));
        assert_eq!(q("x/model-Q8_0-GGUF"), Some((8, "GGUF")));
        assert_eq!(q("TheBloke/Mistral-7B-v0.1-GPTQ"), Some((4, "GPTQ")));
        assert_eq!(q("x/Llama-3-8B-AWQ"), Some((4, "AWQ")));
        assert_eq!(q("x/model-6.5bpw-exl2"), Some((7, "EXL2")));
        assert_eq!(q("unsloth/llama-3-8b-bnb-4bit"), Some((4, "bitsandbytes")));
        assert_eq!(q("x/model-8bit"), Some((8, "8-bit")));
        assert_eq!(q("x/model-int8"), Some((8, "int8")));
        assert_eq!(q("mlx-community/Mistral-7B-Instruct-v0.3-4bit"), Some((4, "quantized")));
        assert_eq!(q("mlc-ai/Llama-3-8B-Instruct-q4f16_1-MLC"), Some((4, "MLC")));
        assert_eq!(q("4-bit"), Some((4, "quantized")));
        assert_eq!(q("gguf"), None);
        assert_eq!(q("mlx-community/whisper-large-v3-mlx"), None);
        assert_eq!(q("google-bert/bert-base-uncased"), None);
        assert_eq!(q("Qwen/Qwen2.5-7B"), None);
    }

    #[test]
    fn human_forms() {
        assert_eq!(ptmpicker::constraints::size::human_params(7_241_732_096), "7.24B");
        assert_eq!(ptmpicker::constraints::size::human_params(110_106_428), "110M");
        assert_eq!(ptmpicker::constraints::size::human_params(46_702_792_704), "46.7B");
        assert_eq!(ptmpicker::constraints::size::human_params(1_100_000_000), "1.1B");
        assert_eq!(ptmpicker::constraints::size::human_params(512), "512");
        assert_eq!(weights_memory(7_241_732_096, 16), "~14.5 GB at 16-bit");
        assert_eq!(weights_memory(7_000_000_000, 4), "~3.5 GB at 4-bit");
        assert_eq!(weights_memory(82_000_000, 16), "~164 MB at 16-bit");
    }
}
