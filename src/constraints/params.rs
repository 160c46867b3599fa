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
        /// Runtime memory on top of the weights (activations, KV cache, framework), as a factor.
        /// 1 → weights alone must fit (optimistic); 2 → twice the weights (pessimistic).
        overhead: f64 = 1.2,
        /// Share of system RAM an app can use; the OS and other programs keep the rest.
        /// 0 → nothing fits; 1 → the whole RAM is the model's.
        ram_usable: f64 = 0.75,
        /// Share of GPU memory usable by the model. 0 → nothing fits; 1 → all of it.
        vram_usable: f64 = 0.9,
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
        /// A model that does not state the fact a requirement asks about — no license under a
        /// license wish ("commercial use"), no parameter count under a size or hardware wish —
        /// gets an unknown verdict (never satisfied) and ranks among the satisfied models at this
        /// share of its score per such unknown. Many well-used models carry no license or size
        /// metadata (opus-mt, wmt19, most TTS and vision repos) but state them in the card, so
        /// "after every satisfied model" put a wrong-direction translator above the right one
        /// and a chat model above the speech model asked for. A model that *declares* unknown
        /// or custom terms (`other`, `unknown`) still ranks after every satisfied one.
        /// 0 → unstated facts rank after every satisfied model; 1 → ranked as if satisfied.
        unstated_share: f64 = 0.6,
        /// Most devices "8x H100" may multiply a budget by (guards against "1000x A100" typos).
        /// 1 → counts are ignored; large → any count is believed.
        max_devices: f64 = 64.0,
    }
}
