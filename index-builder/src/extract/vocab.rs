//! Fixed vocabularies: application domains, frameworks and software, and the words that signal them.
//!
//! Why hand-kept lists: the Hub has no domain field, and "framework"/"software" are scattered over
//! tags, `library_name`, "Framework versions" lines and code snippets. A small table per concept
//! turns those signals into a few canonical labels that BM25F can match and people can read
//! ("medical", "PyTorch", "llama.cpp"). Id and tag words may be short and specific ("fin",
//! "biobert"); prose needs stronger phrases, because "the code is on GitHub" does not make a
//! model a code model.

use std::sync::LazyLock;

use regex::Regex;

/// Domain label, id/tag words (`*` suffix = prefix match), prose phrases.
const DOMAINS: &[(&str, &[&str], &[&str])] = &[
    (
        "medical / biomedical",
        &[
            "medical",
            "medicine",
            "medic*",
            "biomed*",
            "clinical*",
            "clinic*",
            "health*",
            "radiolog*",
            "patholog*",
            "pubmed*",
            "biobert",
            "biogpt",
            "biomistral",
            "bioclinical*",
            "biolinkbert",
            "meditron*",
            "medalpaca*",
            "medllama*",
            "med42*",
            "medgemma*",
            "medqa",
            "medmcqa",
            "mimic",
            "ehr",
            "patient*",
            "drug*",
            "cancer",
            "covid*",
            "mental",
        ],
        &[
            "medical",
            "biomedical",
            "clinical",
            "healthcare",
            "health care",
            "patients",
            "radiology",
            "pubmed",
            "diagnosis",
            "electronic health records",
            "mental health",
        ],
    ),
    (
        "legal",
        &["legal*", "law", "laws", "lawyer*", "court*", "contract*", "juris*", "saul", "caselaw", "lexglue"],
        &["legal", "law firm", "court decisions", "case law", "contracts", "statutes", "legislation", "lawyers"],
    ),
    (
        "finance",
        &["finance", "financial", "fin", "finbert", "fingpt", "finma", "stock*", "trading", "banking", "fiqa", "econom*", "crypto*"],
        &["financial", "finance", "stock market", "banking", "earnings calls", "economic"],
    ),
    (
        "code / programming",
        &[
            "code",
            "coder",
            "coding",
            "codegen*",
            "codellama*",
            "codeqwen*",
            "codestral*",
            "starcoder*",
            "codet5*",
            "codebert*",
            "deepseek-coder",
            "programming",
            "python",
            "sql",
            "text2sql",
            "nl2sql",
            "wizardcoder*",
            "granite-code",
            "santacoder",
        ],
        &[
            "code generation",
            "code completion",
            "programming",
            "coding assistant",
            "source code generation",
            "software engineering",
            "text-to-sql",
            "text to sql",
            "code tasks",
            "coding tasks",
        ],
    ),
    ("chemistry", &["chem*", "molecul*", "smiles", "chemberta"], &["chemistry", "chemical", "molecules", "molecular", "smiles strings"]),
    (
        "biology / genomics",
        &["protein*", "dna*", "rna*", "genom*", "gene", "genes", "esm", "esm2", "bio", "biology", "nucleotide*", "antibod*"],
        &["protein", "genomic", "dna sequences", "biology", "amino acid"],
    ),
    (
        "mathematics",
        &["math", "maths", "mathematic*", "mathstral", "wizardmath", "metamath*", "gsm8k", "theorem*", "lean4", "numina*"],
        &["mathematical", "mathematics", "math problems", "math reasoning", "theorem proving", "arithmetic"],
    ),
    (
        "climate / earth science",
        &["climate*", "weather", "earth", "satellite*", "remote-sensing", "geospatial", "sentinel*", "landsat"],
        &["climate", "weather", "earth observation", "satellite imagery", "remote sensing", "geospatial"],
    ),
    (
        "scientific literature",
        &["scibert", "scientific", "science", "sciencebert", "galactica", "arxiv", "specter*", "scholarly", "papers"],
        &["scientific", "scientific papers", "research papers", "academic papers", "scholarly"],
    ),
    (
        "e-commerce",
        &["ecommerce", "e-commerce", "product*", "shopping", "retail", "amazon"],
        &["e-commerce", "ecommerce", "product descriptions", "product reviews", "online shopping", "retail"],
    ),
    (
        "social media",
        &["twitter", "tweet*", "bertweet", "twhin*", "reddit", "social", "tiktok", "instagram", "youtube", "weibo"],
        &["social media", "tweets", "twitter", "reddit", "social network"],
    ),
    ("news", &["news", "headline*", "cnn", "dailymail", "xsum", "newsroom"], &["news articles", "news", "headlines", "journalism"]),
    (
        "education",
        &["education*", "edu", "student*", "tutor*", "school"],
        &["education", "educational", "students", "teachers", "tutoring"],
    ),
    (
        "cybersecurity",
        &["security", "cyber*", "malware", "phishing", "vulnerab*", "intrusion", "spam"],
        &["cybersecurity", "malware", "phishing", "vulnerabilities", "security"],
    ),
    (
        "roleplay / creative writing",
        &["roleplay", "rp", "role-play", "creative", "creative-writing", "creative_writing", "story*", "storytelling", "fiction", "novel*"],
        &["roleplay", "role-play", "role play", "creative writing", "storytelling", "fiction"],
    ),
    ("customer support", &["customer*", "support", "helpdesk", "callcenter"], &["customer support", "customer service", "call center"]),
    ("agriculture", &["agri*", "crop*", "plant*", "farming"], &["agriculture", "crops", "plant disease", "farming"]),
    (
        "automotive / driving",
        &["driving", "autonomous", "automotive", "vehicle*", "traffic"],
        &["autonomous driving", "self-driving", "automotive", "traffic"],
    ),
    ("music", &["music*", "song*", "melody"], &["music", "songs", "melodies"]),
    (
        "games",
        &[
            "atari",
            "game*",
            "minecraft",
            "chess",
            "doom",
            "unity-ml-agents",
            "ml-agents",
            "snowballtarget",
            "huggy",
            "pyramids",
            "soccertwos",
        ],
        &["video games", "game playing"],
    ),
];

/// Exact cue words and prefix cues (`*`), each with its domain index, built once.
struct DomainIndex {
    exact: std::collections::HashMap<&'static str, usize>,
    /// Prefix cues grouped by their first two bytes (every prefix cue has at least three).
    prefixes: std::collections::HashMap<[u8; 2], Vec<(&'static str, usize)>>,
}

static DOMAIN_INDEX: LazyLock<DomainIndex> = LazyLock::new(|| {
    let mut exact = std::collections::HashMap::new();
    let mut prefixes: std::collections::HashMap<[u8; 2], Vec<(&'static str, usize)>> = std::collections::HashMap::new();
    for (i, (_, cues, _)) in DOMAINS.iter().enumerate() {
        for c in cues.iter() {
            match c.strip_suffix('*') {
                Some(p) => {
                    let b = p.as_bytes();
                    assert!(b.len() >= 3, "prefix cue too short: {p}");
                    prefixes.entry([b[0], b[1]]).or_default().push((p, i));
                }
                None => {
                    exact.entry(*c).or_insert(i);
                }
            }
        }
    }
    DomainIndex { exact, prefixes }
});

fn domain_of_word(word: &str, allow_hyphenated: bool) -> Option<usize> {
    let idx = &*DOMAIN_INDEX;
    if let Some(&i) = idx.exact.get(word) {
        if allow_hyphenated || !word.contains('-') {
            return Some(i);
        }
    }
    let b = word.as_bytes();
    if b.len() < 3 {
        return None;
    }
    idx.prefixes.get(&[b[0], b[1]])?.iter().find(|(p, _)| word.starts_with(p)).map(|&(_, i)| i)
}

/// Domains signalled by words of ids and tags (each word lowercased, split on punctuation).
pub fn domains_in_words<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<&'static str> {
    let mut hits: Vec<usize> = Vec::new();
    for w in words.into_iter().take(500) {
        let w = w.to_lowercase();
        let mut note = |i: Option<usize>| {
            if let Some(i) = i {
                if !hits.contains(&i) {
                    hits.push(i);
                }
            }
        };
        note(domain_of_word(&w, true));
        if w.contains(|c: char| !c.is_alphanumeric()) {
            for part in w.split(|c: char| !c.is_alphanumeric()).filter(|p| p.len() >= 2) {
                note(domain_of_word(part, false));
            }
        }
    }
    // Report in table order, so the output does not depend on word order.
    hits.sort_unstable();
    hits.into_iter().map(|i| DOMAINS[i].0).collect()
}

/// Domains signalled by phrases of prose (the description).
pub fn domains_in_text(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for (label, _, phrases) in DOMAINS {
        if phrases.iter().any(|p| contains_phrase(&lower, p)) && !out.contains(label) {
            out.push(*label);
        }
    }
    out
}

/// `haystack` contains `phrase` with non-alphanumeric characters (or the ends) around it.
fn contains_phrase(haystack: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(i) = haystack[from..].find(phrase) {
        let start = from + i;
        let end = start + phrase.len();
        let before_ok = haystack[..start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = haystack[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            return true;
        }
        from = end;
    }
    false
}

/// Tag / library values → framework names.
const FRAMEWORK_TAGS: &[(&str, &str)] = &[
    ("pytorch", "PyTorch"),
    ("torch", "PyTorch"),
    ("tf", "TensorFlow"),
    ("tensorflow", "TensorFlow"),
    ("tf-keras", "TensorFlow"),
    ("keras", "Keras"),
    ("jax", "JAX"),
    ("flax", "JAX"),
    ("onnx", "ONNX"),
    ("transformers.js", "ONNX"),
    ("gguf", "GGUF"),
    ("ggml", "GGUF"),
    ("safetensors", "Safetensors"),
    ("openvino", "OpenVINO"),
    ("coreml", "Core ML"),
    ("tflite", "TensorFlow Lite"),
    ("mlx", "MLX"),
    ("paddlepaddle", "PaddlePaddle"),
    ("paddlenlp", "PaddlePaddle"),
    ("sklearn", "scikit-learn"),
    ("scikit-learn", "scikit-learn"),
    ("fasttext", "fastText"),
    ("spacy", "spaCy"),
    ("ml-agents", "ONNX"),
    ("tensorrt", "TensorRT"),
];

/// Libraries built on PyTorch: naming one implies the framework.
const TORCH_LIBRARIES: &[&str] = &[
    "transformers",
    "diffusers",
    "sentence-transformers",
    "timm",
    "peft",
    "stable-baselines3",
    "ultralytics",
    "fastai",
    "flair",
    "nemo",
    "speechbrain",
    "espnet",
    "open_clip",
    "setfit",
    "adapter-transformers",
    "pyannote-audio",
    "pyannote.audio",
    "fairseq",
    "asteroid",
    "allennlp",
    "span-marker",
    "gliner",
    "sample-factory",
    "unity-sentis",
    "pythae",
    "keras-nlp",
    "colpali",
    "audiocraft",
];

/// Frameworks named by tags or the library name, in a stable order.
pub fn frameworks_in_tags<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<&'static str> {
    let mut out = Vec::new();
    for v in values {
        let v = v.trim().to_ascii_lowercase();
        if let Some(&(_, name)) = FRAMEWORK_TAGS.iter().find(|(t, _)| *t == v) {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// PyTorch when the library is one that runs on it.
pub fn framework_of_library(library: &str) -> Option<&'static str> {
    let l = library.trim().to_ascii_lowercase();
    if TORCH_LIBRARIES.contains(&l.as_str()) {
        return Some("PyTorch");
    }
    frameworks_in_tags([l.as_str()]).into_iter().next()
}

static FRAMEWORK_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^\s*(?:import|from)\s+(torch|tensorflow|jax|flax|onnxruntime|keras|mlx|paddle)(?-u:\b)|(?-u:\b)(pytorch|tensorflow|jax|onnx ?runtime)\s+v?\d").unwrap()
});

/// Frameworks named in card text: `import torch`, "Pytorch 2.2.2" (Framework versions).
pub fn frameworks_in_text(text: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    for c in FRAMEWORK_TEXT.captures_iter(text).take(200) {
        let word = c.get(1).or_else(|| c.get(2)).map(|m| m.as_str().to_ascii_lowercase()).unwrap_or_default();
        let name = match word.as_str() {
            "torch" | "pytorch" => "PyTorch",
            "tensorflow" => "TensorFlow",
            "keras" => "Keras",
            "jax" | "flax" => "JAX",
            "mlx" => "MLX",
            "paddle" => "PaddlePaddle",
            _ => "ONNX",
        };
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// Software names (lowercase match) → display names.
const SOFTWARE: &[(&str, &str)] = &[
    ("transformers", "transformers"),
    ("diffusers", "diffusers"),
    ("sentence-transformers", "sentence-transformers"),
    ("sentence_transformers", "sentence-transformers"),
    ("llama.cpp", "llama.cpp"),
    ("llama-cpp-python", "llama-cpp-python"),
    ("vllm", "vLLM"),
    ("ollama", "Ollama"),
    ("onnxruntime", "ONNX Runtime"),
    ("onnx runtime", "ONNX Runtime"),
    ("text-generation-inference", "text-generation-inference"),
    ("text generation inference", "text-generation-inference"),
    ("lm studio", "LM Studio"),
    ("lmstudio", "LM Studio"),
    ("ctransformers", "ctransformers"),
    ("exllamav2", "ExLlamaV2"),
    ("exllama", "ExLlama"),
    ("mlx-lm", "mlx-lm"),
    ("mlx_lm", "mlx-lm"),
    ("peft", "PEFT"),
    ("trl", "TRL"),
    ("unsloth", "Unsloth"),
    ("axolotl", "Axolotl"),
    ("mergekit", "mergekit"),
    ("koboldcpp", "KoboldCpp"),
    ("text-generation-webui", "text-generation-webui"),
    ("langchain", "LangChain"),
    ("gpt4all", "GPT4All"),
    ("localai", "LocalAI"),
    ("tensorrt-llm", "TensorRT-LLM"),
    ("openvino", "OpenVINO"),
    ("optimum", "Optimum"),
    ("candle", "Candle"),
    ("transformers.js", "Transformers.js"),
    ("timm", "timm"),
    ("open_clip", "open_clip"),
    ("stable-baselines3", "Stable-Baselines3"),
    ("ml-agents", "ML-Agents"),
    ("spacy", "spaCy"),
    ("flair", "Flair"),
    ("fairseq", "fairseq"),
    ("espnet", "ESPnet"),
    ("nemo", "NeMo"),
    ("speechbrain", "SpeechBrain"),
    ("pyannote", "pyannote"),
    ("ultralytics", "Ultralytics"),
    ("setfit", "SetFit"),
    ("bitsandbytes", "bitsandbytes"),
    ("auto-gptq", "AutoGPTQ"),
    ("autogptq", "AutoGPTQ"),
    ("autoawq", "AutoAWQ"),
    ("accelerate", "Accelerate"),
    ("deepspeed", "DeepSpeed"),
    ("sglang", "SGLang"),
    ("comfyui", "ComfyUI"),
    ("stable-diffusion-webui", "stable-diffusion-webui"),
    ("automatic1111", "stable-diffusion-webui"),
    ("kohya", "kohya-ss"),
    ("keras", "Keras"),
    ("fastai", "fastai"),
    ("sample-factory", "sample-factory"),
    ("adapter-transformers", "adapter-transformers"),
    ("gliner", "GLiNER"),
    ("mistral_inference", "mistral-inference"),
    ("mistral-inference", "mistral-inference"),
    ("ctranslate2", "CTranslate2"),
    ("faster-whisper", "faster-whisper"),
    ("whisper.cpp", "whisper.cpp"),
];

static SOFTWARE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let mut names: Vec<&str> = SOFTWARE.iter().map(|(k, _)| *k).collect();
    // Longest first so "sentence-transformers" wins over "transformers".
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let alternation = names.iter().map(|n| regex::escape(n)).collect::<Vec<_>>().join("|");
    Regex::new(&format!(r"(?i)(?:^|[^\w.-])({alternation})(?:$|[^\w-])")).unwrap()
});

/// Software named in tags and card text, in order of first mention, deduplicated.
pub fn software_in<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for text in texts {
        for c in SOFTWARE_RE.captures_iter(text).take(2000) {
            let key = c[1].to_ascii_lowercase();
            if let Some(&(_, name)) = SOFTWARE.iter().find(|(k, _)| *k == key) {
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains() {
        assert_eq!(domains_in_words(["dmis-lab/biobert-v1.1"].iter().flat_map(|s| s.split('/'))), vec!["medical / biomedical"]);
        assert_eq!(domains_in_words(["ProsusAI", "finbert"]), vec!["finance"]);
        assert_eq!(domains_in_words(["codellama", "CodeLlama-7b-hf"]), vec!["code / programming"]);
        assert!(domains_in_words(["bert-base-uncased", "media"]).is_empty());
        assert_eq!(domains_in_text("Answers questions about clinical notes."), vec!["medical / biomedical"]);
        assert!(domains_in_text("The code is on GitHub.").is_empty());
        assert_eq!(domains_in_text("Classifies tweets by sentiment."), vec!["social media"]);
    }

    #[test]
    fn frameworks_and_software() {
        assert_eq!(frameworks_in_tags(["transformers", "pytorch", "tf", "safetensors"]), vec!["PyTorch", "TensorFlow", "Safetensors"]);
        assert_eq!(framework_of_library("timm"), Some("PyTorch"));
        assert_eq!(frameworks_in_text("```python\nimport torch\n```\n- Pytorch 2.2.2+cu121"), vec!["PyTorch"]);
        let sw = software_in(["Use with sentence-transformers or run in llama.cpp, Ollama and vLLM; pip install transformers"]);
        assert_eq!(sw, vec!["sentence-transformers", "llama.cpp", "Ollama", "vLLM", "transformers"]);
        assert!(software_in(["mytransformersfork"]).is_empty());
    }
}
