//! A deterministic generator of Hub-shaped catalog records at any scale, for benchmarks.
//!
//! Shaped after the real catalog (`shared/data/hf-models.jsonl`): the same pipeline-tag mix
//! (a third untagged), heavy-tailed downloads and org sizes, ids built from model families and
//! variants, sparse metadata (license, languages, params, datasets, base models), and a share of
//! models with a full card (YAML front matter, the usual sections, hyper-parameters, a results
//! table, a citation) whose prose draws on a ~40k-word Zipf-distributed vocabulary so the index's
//! term dictionary grows the way real cards make it grow. Nothing here comes from real records.

use crate::catalog::HubRecord;

use super::prng::Rng;

/// (pipeline tag, weight): the shared catalog's counts; "" = no tag.
const TASKS: &[(&str, u32)] = &[
    ("", 27583),
    ("text-generation", 12477),
    ("text-classification", 10595),
    ("text2text-generation", 6221),
    ("token-classification", 4569),
    ("automatic-speech-recognition", 4317),
    ("fill-mask", 4317),
    ("reinforcement-learning", 2646),
    ("question-answering", 2384),
    ("image-classification", 2341),
    ("feature-extraction", 2179),
    ("translation", 1761),
    ("conversational", 1550),
    ("sentence-similarity", 1153),
    ("summarization", 581),
    ("text-to-image", 369),
    ("tabular-classification", 320),
    ("text-to-speech", 298),
    ("tabular-regression", 264),
    ("image-text-to-text", 217),
    ("audio-classification", 182),
    ("multiple-choice", 100),
    ("zero-shot-classification", 92),
    ("image-segmentation", 90),
    ("audio-to-audio", 88),
    ("object-detection", 86),
    ("unconditional-image-generation", 63),
    ("image-feature-extraction", 62),
    ("image-to-text", 57),
    ("text-ranking", 49),
    ("image-to-image", 48),
    ("zero-shot-image-classification", 42),
    ("table-question-answering", 37),
    ("text-to-video", 31),
    ("image-to-video", 27),
    ("depth-estimation", 12),
    ("text-to-audio", 12),
    ("video-classification", 10),
];

const LICENSES: &[(&str, u32)] = &[
    ("apache-2.0", 400),
    ("mit", 200),
    ("cc-by-4.0", 50),
    ("cc-by-nc-4.0", 50),
    ("llama2", 25),
    ("llama3.1", 20),
    ("llama3.2", 15),
    ("openrail", 20),
    ("creativeml-openrail-m", 30),
    ("gpl-3.0", 20),
    ("other", 30),
    ("other:acme-model-license", 10),
    ("cc-by-sa-4.0", 20),
    ("gemma", 20),
    ("bsd-3-clause", 20),
    ("cc-by-nc-sa-4.0", 15),
    ("afl-3.0", 10),
    ("agpl-3.0", 8),
    ("bigscience-openrail-m", 8),
    ("cc0-1.0", 8),
    ("unknown", 10),
    ("qwen", 10),
    ("deepseek", 5),
    ("lgpl-3.0", 5),
];

const LANGS: &[(&str, u32)] = &[
    ("en", 600),
    ("zh", 80),
    ("fr", 60),
    ("de", 60),
    ("es", 60),
    ("ja", 40),
    ("ru", 40),
    ("ko", 30),
    ("ar", 30),
    ("hi", 20),
    ("pt", 30),
    ("it", 30),
    ("nl", 20),
    ("tr", 15),
    ("vi", 15),
    ("pl", 15),
    ("sv", 10),
    ("fi", 8),
    ("id", 10),
    ("multilingual", 20),
];

const LIBRARIES: &[(&str, u32)] = &[
    ("transformers", 700),
    ("sentence-transformers", 60),
    ("diffusers", 60),
    ("timm", 40),
    ("peft", 50),
    ("gguf", 40),
    ("stable-baselines3", 30),
    ("keras", 10),
    ("spacy", 5),
    ("ml-agents", 5),
    ("open_clip", 5),
    ("nemo", 5),
];

/// Model families by task group.
fn families(task: &str) -> &'static [&'static str] {
    match task {
        "text-generation" | "conversational" => {
            &["llama", "mistral", "qwen2", "phi", "gemma", "gpt2", "falcon", "tinyllama", "opt", "bloom", "deepseek", "smollm"]
        }
        "text-classification"
        | "token-classification"
        | "fill-mask"
        | "question-answering"
        | "multiple-choice"
        | "zero-shot-classification" => {
            &["bert", "roberta", "distilbert", "deberta-v3", "xlm-roberta", "electra", "albert", "camembert", "bertweet", "biobert"]
        }
        "text2text-generation" | "summarization" | "translation" => {
            &["t5", "flan-t5", "bart", "mt5", "pegasus", "marian", "mbart", "opus-mt", "nllb"]
        }
        "automatic-speech-recognition" | "audio-classification" | "audio-to-audio" => {
            &["whisper", "wav2vec2", "hubert", "wavlm", "data2vec-audio", "conformer"]
        }
        "text-to-speech" | "text-to-audio" => &["speecht5", "vits", "bark", "kokoro", "xtts", "musicgen"],
        "image-classification" | "image-feature-extraction" | "image-segmentation" | "object-detection" | "depth-estimation" => {
            &["vit", "resnet50", "convnext", "swin", "efficientnet", "deit", "beit", "detr", "segformer", "yolos", "dinov2", "mobilenetv3"]
        }
        "text-to-image" | "image-to-image" | "unconditional-image-generation" | "text-to-video" | "image-to-video" => {
            &["stable-diffusion", "sdxl", "flux", "ddpm", "controlnet", "lora-sdxl", "animatediff", "svd"]
        }
        "feature-extraction" | "sentence-similarity" | "text-ranking" => {
            &["all-minilm", "bge", "e5", "gte", "mpnet", "simcse", "colbert", "jina-embeddings"]
        }
        "reinforcement-learning" => &["ppo", "dqn", "a2c", "sac", "td3", "qrdqn"],
        "image-text-to-text" | "image-to-text" | "zero-shot-image-classification" => {
            &["llava", "blip", "git", "clip", "siglip", "qwen2-vl", "idefics", "trocr"]
        }
        _ => &["model", "baseline", "xgboost", "tabnet", "net", "transformer"],
    }
}

const VARIANTS: &[&str] = &[
    "finetuned",
    "imdb",
    "sst2",
    "squad",
    "squad2",
    "conll03",
    "ner",
    "en",
    "de",
    "fr",
    "multilingual",
    "instruct",
    "chat",
    "gguf",
    "awq",
    "gptq",
    "lora",
    "v2",
    "v1.1",
    "cased",
    "uncased",
    "emotion",
    "sentiment",
    "news",
    "medical",
    "legal",
    "finance",
    "code",
    "math",
    "tweets",
    "reviews",
    "common-voice",
    "librispeech",
    "cifar10",
    "imagenet",
    "coco",
    "mnli",
    "xnli",
    "qa",
    "dpo",
    "sft",
];

const SIZES: &[&str] = &["tiny", "small", "base", "large", "xl", "mini", "125m", "350m", "1.5b", "3b", "7b", "8b", "13b", "70b", "0.5b"];

const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "te", "lu", "zen", "dat", "ai", "lab", "nlp", "vi", "so", "na", "ri", "ko", "pe", "ta", "mo", "li", "qu", "xe",
    "dra", "fen", "gor", "hal", "ist", "jor", "kel", "mar", "nor", "ost", "pra", "sil", "tor", "ul", "ven", "wyn", "yar", "zor", "bel",
];

const COMMON_WORDS: &[&str] = &[
    "the",
    "model",
    "is",
    "a",
    "of",
    "and",
    "to",
    "for",
    "on",
    "trained",
    "with",
    "this",
    "data",
    "dataset",
    "in",
    "fine-tuned",
    "version",
    "text",
    "can",
    "be",
    "used",
    "as",
    "language",
    "tasks",
    "performance",
    "results",
    "training",
    "evaluation",
    "we",
    "it",
    "from",
    "by",
    "are",
    "that",
    "not",
    "may",
    "biases",
    "limitations",
    "intended",
    "use",
    "outputs",
    "input",
    "accuracy",
    "should",
    "users",
    "information",
    "more",
    "needed",
    "learning",
    "rate",
    "batch",
    "size",
    "epochs",
    "optimizer",
    "adam",
    "loss",
    "validation",
    "set",
];

fn cumulative(weights: &[(&'static str, u32)]) -> (Vec<&'static str>, Vec<u32>) {
    let mut acc = 0;
    let mut names = Vec::with_capacity(weights.len());
    let mut cum = Vec::with_capacity(weights.len());
    for &(n, w) in weights {
        acc += w;
        names.push(n);
        cum.push(acc);
    }
    (names, cum)
}

struct Weighted {
    names: Vec<&'static str>,
    cum: Vec<u32>,
}

impl Weighted {
    fn new(w: &[(&'static str, u32)]) -> Weighted {
        let (names, cum) = cumulative(w);
        Weighted { names, cum }
    }
    fn pick(&self, rng: &mut Rng) -> &'static str {
        let x = rng.below(*self.cum.last().unwrap() as usize) as u32;
        let i = self.cum.partition_point(|&c| c <= x);
        self.names[i.min(self.names.len() - 1)]
    }
}

/// Settings for [`FakeCatalog`].
#[derive(Clone, Debug)]
pub struct FakeCatalogOptions {
    pub records: usize,
    /// Share of records with a full model card.
    pub cards_share: f64,
    pub seed: u64,
}

/// Iterator over generated records.
pub struct FakeCatalog {
    opts: FakeCatalogOptions,
    rng: Rng,
    next: usize,
    tasks: Weighted,
    licenses: Weighted,
    langs: Weighted,
    libraries: Weighted,
    orgs: Vec<String>,
    vocab: Vec<String>,
}

/// A log-uniform index in `0..n`: a heavy head and a long tail (Zipf-like, cheap).
fn zipf(rng: &mut Rng, n: usize) -> usize {
    let x = ((n as f64 + 1.0).powf(rng.unit()) - 1.0) as usize;
    x.min(n - 1)
}

impl FakeCatalog {
    pub fn new(opts: FakeCatalogOptions) -> FakeCatalog {
        let mut rng = Rng::new(opts.seed);
        let word = |rng: &mut Rng, parts: usize| -> String { (0..parts).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect() };
        let n_orgs = (opts.records / 8).clamp(50, 200_000);
        let mut orgs: Vec<String> = (0..n_orgs)
            .map(|i| {
                let parts = 2 + rng.below(2);
                let mut o = word(&mut rng, parts);
                if rng.chance(0.3) {
                    o.push_str(&format!("{}", i % 100));
                }
                if rng.chance(0.2) {
                    o.push_str(["-ai", "-labs", "-nlp", "-research", "lab"][rng.below(5)]);
                }
                format!("{o}{}", base36(i))
            })
            .collect();
        orgs.dedup();
        let vocab: Vec<String> = (0..40_000)
            .map(|_| {
                let p = 2 + rng.below(3);
                word(&mut rng, p)
            })
            .collect();
        FakeCatalog {
            rng,
            next: 0,
            tasks: Weighted::new(TASKS),
            licenses: Weighted::new(LICENSES),
            langs: Weighted::new(LANGS),
            libraries: Weighted::new(LIBRARIES),
            orgs,
            vocab,
            opts,
        }
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            if i > 0 {
                s.push(' ');
            }
            if self.rng.chance(0.55) {
                s.push_str(COMMON_WORDS[zipf(&mut self.rng, COMMON_WORDS.len())]);
            } else {
                let w = zipf(&mut self.rng, self.vocab.len());
                s.push_str(&self.vocab[w]);
            }
        }
        let mut c = s.chars();
        let first = c.next().map(|f| f.to_uppercase().collect::<String>()).unwrap_or_default();
        format!("{first}{}.", c.as_str())
    }

    fn paragraph(&mut self, sentences: usize) -> String {
        (0..sentences)
            .map(|_| {
                let n = 6 + self.rng.below(18);
                self.sentence(n)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn card(&mut self, r: &HubRecord, name: &str) -> String {
        let mut c = String::from("---\n");
        if let Some(l) = &r.license {
            c.push_str(&format!("license: {l}\n"));
        }
        if !r.languages.is_empty() {
            c.push_str("language:\n");
            for l in &r.languages {
                c.push_str(&format!("- {l}\n"));
            }
        }
        if let Some(b) = &r.base_model {
            c.push_str(&format!("base_model: {b}\n"));
        }
        if !r.datasets.is_empty() {
            c.push_str("datasets:\n");
            for d in &r.datasets {
                c.push_str(&format!("- {d}\n"));
            }
        }
        if let Some(t) = &r.pipeline_tag {
            c.push_str(&format!("pipeline_tag: {t}\n"));
        }
        c.push_str("tags:\n- generated_from_trainer\n---\n\n");
        c.push_str(&format!("# {name}\n\n"));
        let n = 2 + self.rng.below(4);
        let intro = self.paragraph(n);
        c.push_str(&intro);
        c.push_str("\n\n");
        let sections: &[&str] = &[
            "Model description",
            "Intended uses & limitations",
            "Bias, Risks, and Limitations",
            "Training and evaluation data",
            "How to use",
        ];
        for s in sections {
            if self.rng.chance(0.7) {
                let n = 1 + self.rng.below(5);
                let body = if self.rng.chance(0.25) { "More information needed".to_string() } else { self.paragraph(n) };
                c.push_str(&format!("## {s}\n\n{body}\n\n"));
            }
        }
        if self.rng.chance(0.6) {
            c.push_str(
                "## Training procedure\n\n### Training hyperparameters\n\nThe following hyperparameters were used during training:\n",
            );
            let lr = ["2e-05", "5e-05", "0.0001", "3e-4"][self.rng.below(4)];
            c.push_str(&format!(
                "- learning_rate: {lr}\n- train_batch_size: {}\n- seed: 42\n- num_epochs: {}\n\n",
                [8, 16, 32][self.rng.below(3)],
                1 + self.rng.below(10)
            ));
            c.push_str(&format!(
                "### Framework versions\n\n- Transformers 4.{}.{}\n- Pytorch 2.{}.0\n\n",
                20 + self.rng.below(25),
                self.rng.below(4),
                self.rng.below(5)
            ));
        }
        if self.rng.chance(0.4) {
            c.push_str("## Evaluation results\n\n| Metric | Value |\n|:---|:---:|\n");
            for m in ["accuracy", "f1", "loss"] {
                c.push_str(&format!("| {m} | {:.4} |\n", self.rng.unit()));
            }
            c.push('\n');
        }
        if self.rng.chance(0.3) {
            let title = self.sentence(8);
            c.push_str(&format!(
                "## Citation\n\n```bibtex\n@article{{{},\n  title={{{}}},\n  year={{202{}}}\n}}\n```\n",
                name.replace(['-', '.'], "_"),
                title.trim_end_matches('.'),
                self.rng.below(5)
            ));
        }
        c
    }
}

fn base36(mut n: usize) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

impl Iterator for FakeCatalog {
    type Item = HubRecord;

    fn next(&mut self) -> Option<HubRecord> {
        if self.next >= self.opts.records {
            return None;
        }
        let i = self.next;
        self.next += 1;
        let rng = &mut self.rng;
        let task = self.tasks.pick(rng);
        let fams = families(task);
        let family = fams[rng.below(fams.len())];
        let mut name = family.to_string();
        if rng.chance(0.6) {
            name.push('-');
            name.push_str(SIZES[rng.below(SIZES.len())]);
        }
        for _ in 0..rng.below(3) {
            name.push('-');
            name.push_str(VARIANTS[zipf(rng, VARIANTS.len())]);
        }
        // Unique suffix so ids never collide (real ids are unique, case-insensitively).
        name.push('-');
        name.push_str(&base36(i));
        let org = &self.orgs[zipf(rng, self.orgs.len())];
        let id = format!("{org}/{name}");

        let mut r = HubRecord { id, ..Default::default() };
        r.pipeline_tag = (!task.is_empty()).then(|| task.to_string());
        if rng.chance(0.3) {
            r.library_name = Some(self.libraries.pick(rng).to_string());
        }
        let heavy = rng.chance(0.15); // the well-documented minority
        if heavy || rng.chance(0.05) {
            r.license = Some(self.licenses.pick(rng).to_string());
        }
        if heavy && rng.chance(0.6) || rng.chance(0.01) {
            let n = 1 + zipf(rng, 4);
            let mut langs: Vec<String> = (0..n).map(|_| self.langs.pick(rng).to_string()).collect();
            langs.sort();
            langs.dedup();
            r.languages = langs;
        }
        if heavy && rng.chance(0.5) || rng.chance(0.03) {
            let p = 10f64.powf(6.5 + rng.unit() * 4.5); // 3M … 100B
            r.params = Some(p as u64);
        }
        if heavy && rng.chance(0.4) {
            r.datasets = (0..1 + rng.below(3))
                .map(|_| format!("{}/{}", self.orgs[zipf(rng, self.orgs.len())], VARIANTS[rng.below(VARIANTS.len())]))
                .collect();
        }
        if heavy && rng.chance(0.35) {
            r.base_model = Some(format!("{}/{family}-{}", self.orgs[zipf(rng, 500.min(self.orgs.len()))], SIZES[rng.below(SIZES.len())]));
        }
        if rng.chance(0.91) {
            r.downloads = Some((10f64.powf(rng.unit() * rng.unit() * 7.0) - 1.0) as u64);
        }
        if heavy || rng.chance(0.03) {
            r.likes = Some((10f64.powf(rng.unit() * rng.unit() * 4.0) - 1.0) as u64);
        }
        if rng.chance(0.89) {
            r.created_at =
                Some(format!("202{}-{:02}-{:02}T{:02}:00:00.000Z", rng.below(6), 1 + rng.below(12), 1 + rng.below(28), rng.below(24)));
        }
        if heavy && rng.chance(0.8) {
            let mut tags = vec![family.to_string(), "pytorch".to_string(), "region:us".to_string()];
            if let Some(t) = &r.pipeline_tag {
                tags.push(t.clone());
            }
            if let Some(l) = &r.license {
                tags.push(format!("license:{l}"));
            }
            tags.extend(r.languages.iter().cloned());
            tags.extend(r.datasets.iter().map(|d| format!("dataset:{d}")));
            if let Some(b) = &r.base_model {
                tags.push(format!("base_model:{b}"));
            }
            r.tags = tags;
        }
        let with_card = self.opts.cards_share > 0.0 && self.rng.chance(self.opts.cards_share);
        if with_card {
            let card = self.card(&r, &name);
            r.card = Some(card);
        }
        Some(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_unique_and_shaped_like_the_catalog() {
        let opts = FakeCatalogOptions { records: 5_000, cards_share: 0.05, seed: 1 };
        let a: Vec<HubRecord> = FakeCatalog::new(opts.clone()).collect();
        let b: Vec<HubRecord> = FakeCatalog::new(opts).collect();
        assert_eq!(a, b);
        let mut ids: Vec<String> = a.iter().map(|r| r.id.to_ascii_lowercase()).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 5_000);
        let untagged = a.iter().filter(|r| r.pipeline_tag.is_none()).count();
        assert!((1_300..1_900).contains(&untagged), "{untagged}");
        let cards = a.iter().filter(|r| r.card.is_some()).count();
        assert!((180..330).contains(&cards), "{cards}");
        // Every record survives the catalog reader, as JSON Lines.
        let jsonl: String = a.iter().map(|r| serde_json::to_string(r).unwrap() + "\n").collect();
        let (read, report) = crate::catalog::read_catalog(jsonl.as_bytes(), 0).unwrap();
        assert_eq!(read.len(), 5_000, "{:?}", report.problems);
    }
}
