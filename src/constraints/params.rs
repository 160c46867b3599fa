//! The numbers behind the rule checks: what size words mean, how much memory a model needs, how
//! much of a device an app may use, how fast a CPU is.
//!
//! Why knobs and not constants: each is an estimate with a reason, and `--param rules.<name>=…`
//! lets an evaluation show what a different estimate would change without a rebuild.

crate::knobs! {
    /// Estimates the rule checks rest on (`--param rules.<name>=value`).
    pub struct RuleParams {
        /// Parameters a "tiny" / "lightweight" model may have at most: distilbert-size models.
        /// 0 → every model violates; very large → the word states nothing.
        tiny_max: u64 = 300_000_000,
        /// Parameters a "small" / "compact" model may have at most: base-size encoders and the
        /// smallest LLMs. 0 → every model violates; very large → the word states nothing.
        small_max: u64 = 1_000_000_000,
        /// Parameters a "large" / "big" model has at least: where chat LLMs get capable.
        /// 0 → the word states nothing; very large → every model violates.
        large_min: u64 = 7_000_000_000,
        /// Share of system RAM a model's weights may fill, at [`RuleParams::cpu_bits`]: the OS,
        /// the app, other programs and the runtime (activations, KV cache) keep the rest. Half:
        /// a 16 GB laptop runs an 8B model in 8 bits, an 8 GB one a 4B model — what careful
        /// readers of "a laptop with 16 GB" defend; a 4-bit 14B file would load, but leaves the
        /// machine nothing to work with. 0 → nothing fits; 1 → the whole RAM holds weights.
        ram_usable: f64 = 0.5,
        /// Share of GPU memory a model's weights may fill, at [`RuleParams::gpu_bits`]: the
        /// activations, KV cache and CUDA context take the rest. 85%: an 8 GB card serves a
        /// 3.4B model in 16 bits, a 24 GB card a 10B one (2.35 bytes of memory per parameter).
        /// 0 → nothing fits; 1 → all of it.
        vram_usable: f64 = 0.85,
        /// Bits per weight a model runs at on a GPU, whatever precision its file has: 16 (bf16 /
        /// fp16), what transformers, diffusers and vLLM load. A 4-bit file of a 7B model does load
        /// on an 8 GB card, but that is a 7B model squeezed, not one sized for the card, and the
        /// judges of our sets cap an 8 GB card at 3.5B. 4 → quantized 4-bit is assumed everywhere
        /// (4× larger models pass); 32 → fp32 (half the sizes pass).
        gpu_bits: f64 = 16.0,
        /// Bits per weight on a machine without a GPU: 8 (int8 ONNX, Q8_0 GGUF — the precision
        /// that keeps a model's quality on a CPU). Devices that ship quantized models (phones, the
        /// browser) set their own ([`crate::knowledge::devices::Device::bits`]).
        /// 4 → twice the sizes pass; 16 → half of them.
        cpu_bits: f64 = 8.0,
        /// Bits per weight on a machine without a GPU for a model that is not generative (speech,
        /// audio, vision, text encoders, unknown tasks): 32. They run as shipped through
        /// PyTorch, ONNX Runtime or transformers.js in fp32 — int8 and 4-bit builds are what
        /// llama.cpp-style runtimes offer chat models — so an 8 GB laptop (half of it usable)
        /// holds a 1B speech model, not Whisper large (1.55B), and a 16 GB one 2B. Devices that
        /// ship quantized models (phones, the browser) keep their own precision.
        /// 8 → sized like chat models there (4× larger models pass); 16 → twice larger than now.
        cpu_other_bits: f64 = 32.0,
        /// Parameters a CPU runs in one millisecond for a short input (distilbert ≈ 20 ms on a
        /// laptop). Small → latency budgets allow only tiny models; large → any model is fast.
        cpu_params_per_ms: f64 = 3e6,
        /// Largest model that keeps up "in real time" on a modern CPU when no number is given.
        /// 0 → "real time" rules out everything; very large → it rules out nothing.
        cpu_realtime_params: u64 = 500_000_000,
        /// Largest model that answers "fast" / "within a fraction of a second" on a CPU when no
        /// number is given: a user waits for each answer, so ~50 ms per item × `cpu_params_per_ms`
        /// (a BERT-base-class encoder). Generative models get a small-LLM cap instead (they stream).
        /// 0 → "fast" rules out everything; very large → it rules out nothing.
        cpu_interactive_params: u64 = 150_000_000,
        /// Largest text encoder (embeddings, classification, tagging, extractive QA, reranking)
        /// for a machine without a GPU when no speed or size is stated: it runs once per query
        /// or document, BERT-base class answers in tens of ms on a CPU, larger ones in hundreds
        /// (and take hours per million documents), while a base-size model exists for nearly
        /// every such need. Generative, speech and vision models keep the memory budget.
        /// 0 → no encoder runs on a CPU; very large → only memory limits encoders there.
        cpu_encoder_params: u64 = 150_000_000,
        /// Largest speech, audio, vision or other non-text model (not generative text, not a text
        /// encoder) on a machine without a GPU when no speed, size or device cap is stated:
        /// Whisper large-v3 (1.55B) transcribes a meeting on a laptop CPU in about its own
        /// length with whisper.cpp; multimodal models of 3–6B tagged for speech take many times
        /// that. 0 → no such model runs on a CPU; very large → only memory limits them there.
        cpu_other_params: u64 = 2_000_000_000,
        /// Largest speech model (transcription, audio labels, voice activity, enhancement, speech
        /// synthesis) on a machine without a GPU when no speed, size or device cap is stated: run
        /// as shipped (fp32 PyTorch or ONNX), Whisper large (1.55B) takes several times a
        /// recording's length on a CPU, while large-v3-turbo (0.8B) and distil-whisper (0.76B)
        /// keep up, and every judged set caps speech on a CPU near 1B. Vision and seq2seq models
        /// keep [`RuleParams::cpu_other_params`] (a 1.3B translator answers a sentence in a
        /// second). 0 → no speech model runs on a CPU; very large → the general cap holds.
        cpu_speech_params: u64 = 1_000_000_000,
        /// A model that does not state the fact a requirement asks about — no license under a
        /// license wish ("commercial use"), no parameter count under a size or hardware wish —
        /// gets an unknown verdict (never satisfied) and ranks among the satisfied models at this
        /// share of its score, once however many of those facts it leaves unstated: a repo that
        /// documents neither license nor size (ViLT, most TTS repos) is one undocumented model,
        /// and compounding the share (0.36 for two) put wrong-task models that state both above
        /// it. Many well-used models carry no license or size metadata (opus-mt, wmt19, most TTS
        /// and vision repos) but state them in the card, so "after every satisfied model" put a
        /// wrong-direction translator above the right one and a chat model above the speech
        /// model asked for. A model that *declares* unknown or custom terms (`other`,
        /// `unknown`) still ranks after every satisfied one.
        /// 0 → unstated facts rank after every satisfied model; 1 → ranked as if satisfied.
        unstated_share: f64 = 0.6,
        /// Most devices "8x H100" may multiply a budget by (guards against "1000x A100" typos).
        /// 1 → counts are ignored; large → any count is believed.
        max_devices: f64 = 64.0,
    }
}
