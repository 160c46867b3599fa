//! Frameworks, software, libraries and training methods, and the tags, library names and card
//! words that signal them.
//!
//! Why hand-kept lists: "framework"/"software" are scattered over tags, `library_name`,
//! "Framework versions" lines and code snippets. A small table per concept turns those signals
//! into a few canonical labels that BM25F can match and people can read ("PyTorch", "llama.cpp").
//! Only cards state them, so the tables live with extraction; application domains, which requests
//! name too, live in the engine's [`ptmpicker::knowledge::domains`].

use std::sync::LazyLock;

use regex::Regex;

/// Library tags that name the model's library when the record has no `library_name`, in order
/// of preference.
pub const LIBRARY_TAGS: &[&str] = &[
    "transformers",
    "diffusers",
    "sentence-transformers",
    "timm",
    "peft",
    "keras",
    "stable-baselines3",
    "ml-agents",
    "spacy",
    "flair",
    "setfit",
    "open_clip",
    "fastai",
    "speechbrain",
    "nemo",
    "espnet",
    "gguf",
    "mlx",
    "onnx",
    "transformers.js",
    "adapter-transformers",
    "span-marker",
    "gliner",
    "sample-factory",
    "pyannote-audio",
];

/// Tags that name a training or derivation method → display name (for the fine-tuning field).
/// Tags and id words of rerankers: cross-encoders the Hub files under `text-classification`
/// whose output is a relevance score for a (query, passage) pair, not a class label.
/// Short names cards give well-known checkpoints ("SD 1.5 fine tuned on…"), keyed by their
/// squashed spelling, with the checkpoint's Hub name (which the catalog turns into its id).
pub const MODEL_SHORT_NAMES: &[(&str, &str)] = &[
    ("sd14", "stable-diffusion-v1-4"),
    ("sdv14", "stable-diffusion-v1-4"),
    ("sd15", "stable-diffusion-v1-5"),
    ("sdv15", "stable-diffusion-v1-5"),
    ("sd2", "stable-diffusion-2"),
    ("sd20", "stable-diffusion-2"),
    ("sd21", "stable-diffusion-2-1"),
    ("sdv21", "stable-diffusion-2-1"),
    ("sdxl", "stable-diffusion-xl-base-1.0"),
    ("sdxl10", "stable-diffusion-xl-base-1.0"),
];

pub const RERANKER_WORDS: &[&str] = &["cross-encoder", "reranker", "rerank", "text-ranking", "reranking"];

pub const TRAINING_METHOD_TAGS: &[(&str, &str)] = &[
    ("sft", "SFT"),
    ("dpo", "DPO"),
    ("orpo", "ORPO"),
    ("kto", "KTO"),
    ("grpo", "GRPO"),
    ("ppo", "PPO"),
    ("rlhf", "RLHF"),
    ("lora", "LoRA"),
    ("qlora", "QLoRA"),
    ("peft", "PEFT"),
    ("trl", "TRL"),
    ("unsloth", "Unsloth"),
    ("axolotl", "Axolotl"),
    ("dreambooth", "DreamBooth"),
    ("textual_inversion", "textual inversion"),
    ("autotrain", "AutoTrain"),
    ("mergekit", "mergekit"),
    ("merge", "merge"),
    ("distillation", "distillation"),
];

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
    fn frameworks_and_software() {
        assert_eq!(frameworks_in_tags(["transformers", "pytorch", "tf", "safetensors"]), vec!["PyTorch", "TensorFlow", "Safetensors"]);
        assert_eq!(framework_of_library("timm"), Some("PyTorch"));
        assert_eq!(frameworks_in_text("```python\nimport torch\n```\n- Pytorch 2.2.2+cu121"), vec!["PyTorch"]);
        let sw = software_in(["Use with sentence-transformers or run in llama.cpp, Ollama and vLLM; pip install transformers"]);
        assert_eq!(sw, vec!["sentence-transformers", "llama.cpp", "Ollama", "vLLM", "transformers"]);
        assert!(software_in(["mytransformersfork"]).is_empty());
    }
}
