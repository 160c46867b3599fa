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

use super::clean::{cap_bytes, tail_bytes};
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
/// "Parameters: 125M", "#params | 1.5B" — the first figure that is about one model (see
/// [`stated_sizes`]).
#[cfg(test)]
pub fn params_from_text(text: &str, p: &ExtractParams) -> Option<u64> {
    stated_sizes(text, &[], p).into_iter().find(|s| !s.family).map(|s| s.params)
}

/// One parameter figure a text states, where, and what it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatedSize {
    pub params: u64,
    /// Byte offset of the figure in the text.
    pub at: usize,
    /// The figure is one end of a range or one item of a list ("from 7 billion to 70 billion
    /// parameters", "7B, 13B and 70B"), an upper bound ("less than 10 billion"; "over 13
    /// billion" does describe the model) or a comparison
    /// ("outperforms 33B-parameter models"): it describes a family or another model, not this one.
    pub family: bool,
    /// The words since the previous figure (or the sentence start) name this model ("GLM-Air
    /// has 106B parameters" read for `x/GLM-Air`).
    pub own: bool,
}

/// Words before a figure that make it a family range, a bound or a comparison.
static NOT_THIS_MODEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:\branging|\brange of|\bsizes?\b|\bvariants?\b|\bfamily\b|\bseries\b|\bcollection\b|\bsuite\b|\bup to\b|",
        r"\bless than|\bfewer than|\bunder\b|\bbelow\b|\b(?:smaller|better|faster|larger|bigger|stronger|higher|lower)\s+than\b|\boutperform\w*|",
        r"\bcompar\w*|\bvs\.?|\bversus\b|\bsurpass\w*|\brival\w*|\bbeats?\b|\bcomes in\b|\bavailable in\b|\bsuch as\b|\blike\b|",
        // A component of a pipeline ("Stage A contains 20 million parameters", "the text encoder
        // has 123M parameters") is not the whole model.
        r"\bstage\s+[a-z]\b|\b(?:text|vision|image|audio|speech)\s+(?:encoder|tower)s?\b|\bvae\b)"
    ))
    .unwrap()
});

/// Words right after a figure that make it a component's size ("its 1.8B-parameter perception
/// encoder", "a 400M-parameter vision tower", "a 90M-parameter vocoder"): the whole model is
/// larger. A plain "350M-parameter encoder" or "encoder-decoder" is the whole model.
static COMPONENT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^[\s-]*(?:parameters?|params?)?[\s-]*(?:(?:vision|visual|perception|image|audio|speech|text|video|acoustic)[\s-]+(?:encoder|tower)|",
        r"projector|vocoder|vae)s?(?:$|[^-\w])"
    ))
    .unwrap()
});

/// A figure right before this one ("7 billion to ", "7B, 13B and "): this one ends a range or list.
static LIST_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\d(?:\s?(?:b|m|bn|billion|million|t|trillion))?\s*(?:to|and|or|,|-|–|/|~)\s*(?:the\s)?$").unwrap());

/// A figure right after this one ("7B, 13B", "7B to 70B"): this one starts a range or list.
static LIST_AFTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)^\s*(?:to|and|or|,|–|/)\s*\d").unwrap());

/// Every parameter figure `text` states, in order. `own_keys` are the squashed names of this
/// model (and its base), used to tell "GLM-Air has 106B" from "GLM has 355B" in one sentence.
pub fn stated_sizes(text: &str, own_keys: &[String], p: &ExtractParams) -> Vec<StatedSize> {
    // "7 billion parameters", "a 30B-parameter", "10-billion-parameter", "~350M params".
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|[^\w.])(\d{1,4}(?:[.,]\d{1,3})?)[\s-]?(trillion|billion|million|bn|b|m|t)(?-u:\b)[\s-]?(?:total\s)?(?:parameters|parameter|params|param)(?-u:\b)").unwrap()
    });
    // "Parameters: 125M", "| #params | 1.5B |", "Number of Parameters: 32.5B".
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|\W)(?:total parameters|parameters|params|parameter count|parameter size|number of parameters|model size)(?-u:\b)\s*(?:\(\w+\))?\s*[:=|]\s*\**\s*~?(\d{1,4}(?:\.\d{1,3})?)\s?(trillion|billion|million|bn|b|m|t)(?-u:\b)").unwrap()
    });
    // "176,247,271,424 parameters": a count written out.
    static DIGITS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)(?:^|[^\w.,])(\d{1,3}(?:,\d{3}){2,4})\s+(?:total\s+)?(?:parameters|params)(?-u:\b)").unwrap());
    // (figure start, figure end, count, where the words before it end): a label's own words
    // ("Model size:", "Parameter size:") are not read as the family words they contain ("size").
    let mut found: Vec<(usize, usize, u64, usize)> = Vec::new();
    for (re, labelled) in [(&*AFTER, false), (&*BEFORE, true)] {
        for c in re.captures_iter(text) {
            let (Some(whole), Some(num), Some(unit_m)) = (c.get(0), c.get(1), c.get(2)) else { continue };
            let Ok(v) = num.as_str().replace(',', ".").parse::<f64>() else { continue };
            if let Some(v) = plausible(v * unit(&unit_m.as_str().to_ascii_lowercase()), p) {
                found.push((num.start(), unit_m.end(), v, if labelled { whole.start() } else { num.start() }));
            }
        }
    }
    for c in DIGITS.captures_iter(text) {
        let Some(num) = c.get(1) else { continue };
        if let Some(v) = num.as_str().replace(',', "").parse::<f64>().ok().and_then(|v| plausible(v, p)) {
            found.push((num.start(), num.end(), v, num.start()));
        }
    }
    found.sort();
    found.dedup_by_key(|f| f.0);
    let mut out = Vec::new();
    let mut prev_end = 0usize;
    for (start, end, params, words_end) in found {
        let sentence_start = text[..start].rfind(['.', '!', '?', '\n', ';']).map(|i| i + 1).unwrap_or(0);
        // A decimal point is no sentence end ("3.8B"): step back over it.
        let sentence_start = if sentence_start > 1 && text.as_bytes()[sentence_start - 2].is_ascii_digit() {
            text[..sentence_start - 1].rfind(['!', '?', '\n', ';']).map(|i| i + 1).unwrap_or(0)
        } else {
            sentence_start
        };
        let mut from = start.saturating_sub(50).max(sentence_start);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = &text[from.min(words_end)..words_end];
        let after = &text[end..];
        let family = NOT_THIS_MODEL.is_match(before)
            || LIST_BEFORE.is_match(before)
            || LIST_AFTER.is_match(cap_bytes(after, 12))
            || COMPONENT_AFTER.is_match(cap_bytes(after, 40));
        let mut clause_from = prev_end.max(sentence_start).min(start);
        while !text.is_char_boundary(clause_from) {
            clause_from += 1;
        }
        let clause = squash(&text[clause_from..start]);
        let own = own_keys.iter().any(|k| k.len() >= 3 && clause.contains(k.as_str()));
        out.push(StatedSize { params, at: start, family, own });
        prev_end = end;
    }
    out
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The parameter count a table gives this model: a header cell naming parameters ("#Total
/// Params", "Parameters"; not "activated") and a row whose first cell is one of `own_keys`
/// (squashed names). `rows` are the cells of consecutive table rows, header first.
pub fn size_in_table(rows: &[Vec<String>], own_keys: &[String], p: &ExtractParams) -> Option<u64> {
    let header = rows.first()?;
    let col = header.iter().position(|h| {
        let h = h.to_ascii_lowercase();
        (h.contains("param") || h.contains("size")) && !h.contains("activ") && !h.contains("non-emb") && !h.contains("file")
    })?;
    for row in &rows[1..] {
        let first = squash(row.iter().find(|c| !c.trim().is_empty())?);
        if first.is_empty() || !own_keys.contains(&first) {
            continue;
        }
        let cell = row.get(col)?.trim().trim_matches('*').trim();
        static FIGURE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(?i)^~?(\d{1,4}(?:\.\d{1,3})?)\s?(trillion|billion|million|bn|b|m|t)$").unwrap());
        let c = FIGURE.captures(cell)?;
        let v: f64 = c[1].parse().ok()?;
        return plausible(v * unit(&c[2].to_ascii_lowercase()), p);
    }
    None
}

/// Quantization found in an id or tag list: bits per weight and the format's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quant {
    pub bits: u8,
    pub method: &'static str,
}

/// Explicit bit markers: Q4_K_M, IQ3_XS, Q8_0, 4bit, 4-bit, int8, int4bit, w4a16, 4.0bpw, nf4,
/// fp8, MXFP4/NVFP4, q4f16_1, and the ternary forms (llama.cpp's TQ1_0/TQ2_0, "1.58-bit",
/// BitNet "b1.58"), which store log2(3) ≈ 1.58 bits a weight and count as 2. A bare "fp4" counts
/// only at the end of a name ("…/DeepSeek-R1-FP4"): inside one ("fp4-14b") it is a model's name.
fn explicit_bits(s: &str) -> Option<u8> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|[^a-z0-9])(?:i?q([1-8])(?:_k|_[0-9]|_xs|_xxs|_s|_m|_l|_nl|f16|f32|(?-u:\b))|([1-8])[-_ ]?bits?(?-u:\b)|int([248])(?:[-_ ]?bits?)?(?-u:\b)|w([48])a(?:16|8)(?-u:\b)|([1-8](?:\.\d{1,2})?)bpw(?-u:\b)|nf(4)(?-u:\b)|(?:mx|nv)fp(4)(?:_|(?-u:\b))|fp(8)(?:_|(?-u:\b))|f(8)(?-u:\b)|fp(4)$|(tq[12]_0|b1\.58|1\.58[-_ ]?bits?)(?-u:\b))",
        )
        .unwrap()
    });
    let c = RE.captures(s)?;
    if c.get(11).is_some() {
        return Some(2);
    }
    for i in 1..=10 {
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
        Regex::new(r"(?:^|[^a-z0-9])(gguf|ggml|gptq|awq|exl2|exl3|bnb|bitsandbytes|hqq|mlx|int8|int4|onnx-int8|mlc|bitnet)(?:$|[^a-z0-9])")
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
        // BitNet b1.58 weights are ternary (the 1-bit original is named "1-bit" when meant).
        "bitnet" => ("BitNet", 2),
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

/// The explicit width marker of one name (an id's name part, a branch name): "4.0bpw" → 4,
/// "gptq-3bit-128g" → 3; a format without a width ("gptq", "main") names none.
pub fn width_marker(name: &str) -> Option<u8> {
    explicit_bits(&name.rsplit('/').next().unwrap_or(name).to_ascii_lowercase())
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

/// The widths a card states for its own weights, in order of appearance: a marker followed by
/// a word for the weights' precision ("uses the Q4_K_M GGUF quantization", "ternary TQ2_0
/// weights", "post-trained with MXFP4 quantization") or following "quantized (…)" /
/// "corresponds to" / "this [compact] …". A marker of a part ("the Q8_0 vision projector",
/// "keeps the encoder in Q8_0") or of an alternative ("the Q8_0 variant offers …") is no
/// statement about the weights. Each width comes with the byte offset of its first statement.
pub fn self_stated_widths(text: &str) -> Vec<(u8, usize)> {
    static TOKEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[A-Za-z0-9_.\-]+").unwrap());
    static AFTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\)?\s+(?:gguf\s+|ggml\s+)?(?:quantization|quantisation|quantized|quantised|quant|weights|precision)(?-u:\b)")
            .unwrap()
    });
    static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:(?-u:\b)(?:quantized|quantised|quantized to|quantised to|corresponds to)\s*\(?|(?-u:\b)this\s+(?:[a-z]+\s+)?)$")
            .unwrap()
    });
    // A sentence that offers the width as an option, a mode or another file ("can be loaded with
    // 4-bit quantization", "under INT4 quantization", "a smaller Q8_0 quant exists", "we
    // open-sourced the INT4 quantized versions"), a training method ("fine-tuned using QLoRA
    // with 4-bit quantization"), or a table row or link listing other repositories, states
    // nothing about these weights.
    static HEDGED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:can|could|may|might|also|available|supports?|exists?|under|level|versions|variants?|smaller|larger|alternatives?|alternatively|open-sourced|provides?|if|when|instead|optional|optionally|using|fine-?tun\w*|qlora|training)(?-u:\b)|\||https?://").unwrap()
    });
    let mut out = Vec::new();
    for m in TOKEN.find_iter(text) {
        let token = m.as_str().trim_matches(|c: char| c == '.' || c == '-').to_ascii_lowercase();
        let Some(bits) = explicit_bits(&token) else { continue };
        let before = tail_bytes(&text[..m.start()], 40);
        let before = before.rsplit(['.', '\n', ';', ':']).next().unwrap_or(before);
        let after = cap_bytes(&text[m.end()..], 40);
        if (AFTER.is_match(after) || BEFORE.is_match(before))
            && !HEDGED.is_match(sentence_around(text, m.start(), m.end()))
            && !out.iter().any(|(b, _)| *b == bits)
        {
            out.push((bits, m.start()));
        }
    }
    out
}

/// The sentence of `text` holding `start..end`: from the previous line break or sentence end
/// (a full stop followed by a space, so "1.58" and "v0.1" do not end one) to the next.
fn sentence_around(text: &str, start: usize, end: usize) -> &str {
    let head = &text[..start];
    let from = head.rfind(['\n', '!', '?']).map(|i| i + 1).unwrap_or(0).max(head.rfind(". ").map(|i| i + 2).unwrap_or(0));
    let tail = &text[end..];
    let to = [tail.find(['\n', '!', '?']), tail.find(". ")].into_iter().flatten().min().map(|i| end + i).unwrap_or(text.len());
    &text[from..to]
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
    fn family_ranges_lists_and_comparisons_are_not_this_models_size() {
        let figures = |t: &str| stated_sizes(t, &[], &P).into_iter().map(|s| (s.params, s.family)).collect::<Vec<_>>();
        // The upper end of a range and the items of a list describe a family.
        assert_eq!(figures("A suite of chat models ranging from 1 billion to 40 billion parameters."), vec![(40_000_000_000, true)]);
        assert_eq!(figures("Our kit ships 2B, 9B and 27B parameters checkpoints."), vec![(27_000_000_000, true)]);
        assert_eq!(figures("It beats many open 33B-parameter models on maths."), vec![(33_000_000_000, true)]);
        assert_eq!(figures("A coder with less than 10 billion parameters."), vec![(10_000_000_000, true)]);
        // "over" and "more than" still describe the model itself.
        assert_eq!(figures("We trained a painter with over 12 billion parameters."), vec![(12_000_000_000, false)]);
        // Written-out counts and hyphenated figures.
        assert_eq!(figures("* 1,234,567,890 parameters"), vec![(1_234_567_890, false)]);
        assert_eq!(figures("Acme-Lite is our next 9-billion-parameter model."), vec![(9_000_000_000, false)]);
        // A pipeline's component is not the model.
        assert_eq!(figures("Lastly, Stage A contains 20 million parameters and is fixed."), vec![(20_000_000, true)]);
        assert_eq!(figures("Its text encoder has 123M parameters."), vec![(123_000_000, true)]);
        assert_eq!(figures("It reads images through its 1.2B-parameter perception encoder."), vec![(1_200_000_000, true)]);
        assert_eq!(figures("A 400M parameter vision tower feeds it."), vec![(400_000_000, true)]);
        // An encoder-decoder is the whole model.
        assert_eq!(figures("A 220M-parameter encoder-decoder model."), vec![(220_000_000, false)]);
        assert_eq!(figures("It is a 350M-parameter encoder trained by a lab."), vec![(350_000_000, false)]);
        // A mixture-of-experts shape is no dense figure.
        assert_eq!(figures("Built as 16x3.8B parameters experts."), vec![]);
        // A size label is no family word: "Model size: 7B" and "Parameter size: 7B" state it.
        assert_eq!(figures("- **Parameter size:** 7B"), vec![(7_000_000_000, false)]);
        assert_eq!(figures("Model size: 350M"), vec![(350_000_000, false)]);
        assert_eq!(figures("Comes in several sizes. Parameters: 7B, 13B"), vec![(7_000_000_000, true)]);
    }

    #[test]
    fn a_figure_next_to_the_models_own_name_is_about_it() {
        let keys = vec!["tinyllmair".to_string()];
        let got =
            stated_sizes("Tiny-LLM has 300 billion total parameters, while Tiny-LLM-Air keeps 90 billion total parameters.", &keys, &P);
        let own: Vec<u64> = got.iter().filter(|s| s.own).map(|s| s.params).collect();
        assert_eq!(own, vec![90_000_000_000]);
    }

    #[test]
    fn table_columns_name_the_size_of_the_row_named_after_the_model() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let rows = vec![
            row(&["Model", "#Total Params", "#Activated Params", "Context"]),
            row(&["Acme-Big", "600B", "30B", "128K"]),
            row(&["Acme-Small", "20B", "3B", "32K"]),
        ];
        assert_eq!(size_in_table(&rows, &["acmesmall".to_string()], &P), Some(20_000_000_000));
        assert_eq!(size_in_table(&rows, &["other".to_string()], &P), None);
        // File-size columns are no parameter counts.
        let files = vec![row(&["Name", "Size"]), row(&["Acme-Small", "4.1 GB"])];
        assert_eq!(size_in_table(&files, &["acmesmall".to_string()], &P), None);
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
        // FP4/FP8 families, QUANTO's "int2bit", ternary formats and BitNet.
        assert_eq!(q("lab/Owl-R1-FP4"), Some((4, "quantized")));
        assert_eq!(q("lab/Owl-30B-NVFP4"), Some((4, "quantized")));
        assert_eq!(q("lab/Owl-Coder-MXFP4_MOE-GGUF"), Some((4, "GGUF")));
        assert_eq!(q("lab/owl-7b-fp8_dynamic"), Some((8, "8-bit")));
        assert_eq!(q("lab/owl-7b-QUANTO-int2bit-smashed"), Some((2, "quantized")));
        assert_eq!(q("lab/owl-b1.58-2B"), Some((2, "quantized")));
        assert_eq!(q("lab/owl-asr-bitnet-GGUF"), Some((2, "BitNet")));
        assert_eq!(q("lab/owl-TQ2_0.gguf"), Some((2, "GGUF")));
        // A model named "fp4-…" or "TQ2.5-…" and a three-class "ternary" classifier are no widths.
        assert_eq!(q("lab/fp4-14b-v1"), None);
        assert_eq!(q("lab/TQ2.5-14B-Neon"), None);
        assert_eq!(q("lab/bert-base-ternary-sentiment"), None);
        assert_eq!(q("gguf"), None);
        assert_eq!(q("mlx-community/whisper-large-v3-mlx"), None);
        assert_eq!(q("google-bert/bert-base-uncased"), None);
        assert_eq!(q("Qwen/Qwen2.5-7B"), None);
    }

    #[test]
    fn widths_stated_for_the_weights() {
        let w = |t: &str| self_stated_widths(t).into_iter().map(|(b, _)| b).collect::<Vec<_>>();
        assert_eq!(w("This entry uses the Q5_K_M GGUF quantization and the shared Q8_0 vision projector."), vec![5]);
        assert_eq!(w("The GGUF corresponds to Q4_0 quantization."), vec![4]);
        assert_eq!(w("* **MXFP4 quantization:** the experts were post-trained with MXFP4 quantization."), vec![4]);
        assert_eq!(w("Its decoder uses ternary TQ2_0 weights; the encoder is kept in Q8_0."), vec![2]);
        assert_eq!(w("It is only ~40MB quantized (Q4_0), small enough for phones."), vec![4]);
        assert_eq!(w("This is the Q6_K quantisation of the upscaler."), vec![6]);
        // Options, modes, other files, training methods and tables state nothing.
        assert!(w("You can also load Owl with 4/8-bit quantization using bitsandbytes.").is_empty());
        assert!(w("Only 6GB of GPU memory is required at the INT4 quantization level.").is_empty());
        assert!(w("(A smaller Q8_0 quant exists in the GGUF repo.)").is_empty());
        assert!(w("We fine-tuned it with QLoRA and 4-bit quantization.").is_empty());
        assert!(w("| Owl-7B-fp8 | fp8 quant | [link](https://huggingface.co/lab/Owl-7B-fp8) |").is_empty());
        assert!(w("The Q8_0 variant offers higher fidelity.").is_empty());
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
