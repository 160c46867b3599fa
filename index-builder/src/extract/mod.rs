//! Deterministic extraction of a template instance from a Hub record and its model card.
//!
//! Why deterministic (no LLM): the index is rebuilt from 87k+ records on a laptop, must be
//! reproducible byte for byte, and must say where every value came from. Structured metadata is
//! trusted first (pipeline tag, license, params), then the card's YAML front matter, then its
//! Markdown sections by heading, then free card text and the model id. The LLM pass (elsewhere)
//! may refine the free-text fields later; everything here is cheap enough to run on every build.
//!
//! Layout, one concept per file:
//! * `front_matter` — the YAML header, parsed under budgets (billion-laughs safe).
//! * `sections` — Markdown → blocks under classified headings.
//! * `clean` — text hygiene and length caps shared by every field.
//! * `sizes` — parameter counts, quantization bits, weight-memory estimates.
//! * `links` — arXiv ids, GitHub repositories, BibTeX titles and authors.
//! * `vocab` — framework and software vocabularies.
//!
//! What words *mean* — license ids and aliases, languages, domains, units — is the engine's shared
//! vocabulary ([`ptmpicker::knowledge`]), read here exactly as request parsing reads it.
//! * `fill` — the per-field rules that combine all of the above.
//! * `params` — every extraction constant as a knob with its reason (`build --param`).
//!
//! Robustness: card text is capped at [`ExtractParams::max_card_bytes`] before any parsing, the YAML parser runs
//! under event/node/depth budgets, Markdown parsing is linear, and every regex is the `regex`
//! crate's (linear time). `extract` never panics on any input.

mod clean;
mod families;
mod fill;
pub(crate) mod front_matter;
mod known_models;
mod links;
mod params;
mod sections;
mod sizes;
mod task_inference;
mod vocab;

#[cfg(test)]
mod hostile_tests;

use std::collections::BTreeMap;

use ptmpicker::facts::{ModelInstance, Source};
use ptmpicker::template::Field;
use serde_json::{Map, Value};

use crate::catalog::HubRecord;
pub use known_models::KnownModels;
pub use params::ExtractParams;

/// A record's card, parsed once and read by every field rule.
pub(crate) struct Card {
    /// The card had text (not just Hub API `cardData`).
    pub has_text: bool,
    /// Front matter: the card's YAML header, else the Hub API's `cardData`.
    pub fm: Map<String, Value>,
    /// The Markdown body after the header (capped), for link and pattern scans.
    pub body: String,
    pub doc: sections::Doc,
}

impl Card {
    fn read(record: &HubRecord, p: &ExtractParams) -> Card {
        let text = record.card.as_deref().unwrap_or("");
        let text = clean::cap_bytes(text, p.max_card_bytes);
        let has_text = !text.trim().is_empty();
        let split = front_matter::split(text);
        let mut fm = split.yaml.and_then(front_matter::parse).unwrap_or_default();
        if let Some(Value::Object(api)) = record.card_data.as_ref() {
            for (k, v) in api {
                fm.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        let body = split.body.to_string();
        let doc = if has_text { sections::parse(&body) } else { sections::Doc::default() };
        Card { has_text, fm, body, doc }
    }
}

/// Extracts a model instance from a normalized record with the default [`ExtractParams`].
pub fn extract(record: &HubRecord) -> ModelInstance {
    extract_with(record, &ExtractParams::default())
}

/// Extracts a model instance from a normalized record. Never panics; bounded time.
pub fn extract_with(record: &HubRecord, p: &ExtractParams) -> ModelInstance {
    extract_known(record, p, None)
}

/// Extracts a model instance, with the catalog's model ids at hand ([`KnownModels`]: a card
/// that states no base may be named after one). Never panics; bounded time.
pub fn extract_known(record: &HubRecord, p: &ExtractParams, known: Option<&KnownModels>) -> ModelInstance {
    let card = Card::read(record, p);
    fill::instance(record, &card, p, known)
}

/// Field coverage over many instances: how many filled each field, by source.
#[derive(Default, Debug, Clone, serde::Serialize)]
pub struct ExtractStats {
    pub instances: u64,
    /// Instances whose card had text (card_quality > 0 or any card-sourced field).
    pub with_card: u64,
    /// field name → source name → instances.
    pub fields: BTreeMap<&'static str, BTreeMap<&'static str, u64>>,
    /// Typed facts present: task, license, languages, params, quant_bits, library, base_model.
    pub facts: BTreeMap<&'static str, u64>,
    /// Sum of card_quality over instances with a card (mean = sum / with_card).
    pub card_quality_sum: f64,
}

impl ExtractStats {
    pub fn add(&mut self, inst: &ModelInstance) {
        self.instances += 1;
        let carded = inst.facts.card_quality > 0.0 || inst.sources.iter().any(|(_, s)| matches!(s, Source::CardSection | Source::CardText));
        if carded {
            self.with_card += 1;
            self.card_quality_sum += inst.facts.card_quality as f64;
        }
        for &(field, source) in &inst.sources {
            if inst.template.get(field).is_some() {
                *self.fields.entry(field.name()).or_default().entry(source.key()).or_default() += 1;
            }
        }
        let f = &inst.facts;
        let present = [
            ("task", f.task.is_some()),
            ("license", f.license.is_some()),
            ("languages", !f.languages.is_empty()),
            ("params", f.params.is_some()),
            ("quant_bits", f.quant_bits.is_some()),
            ("library", f.library.is_some()),
            ("base_model", f.base_model.is_some()),
        ];
        for (name, yes) in present {
            if yes {
                *self.facts.entry(name).or_default() += 1;
            }
        }
    }

    /// A plain-text table: one line per template field (in template order), then the facts.
    pub fn table(&self) -> String {
        let n = self.instances.max(1) as f64;
        let mut out = format!("{:<18} {:>8} {:>7}  by source\n", "field", "filled", "share");
        for field in Field::ALL {
            let by = self.fields.get(field.name());
            let total: u64 = by.map(|m| m.values().sum()).unwrap_or(0);
            let mut parts: Vec<(u64, &str)> = by.map(|m| m.iter().map(|(s, c)| (*c, *s)).collect()).unwrap_or_default();
            parts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
            let detail = parts.iter().map(|(c, s)| format!("{s} {c}")).collect::<Vec<_>>().join(" · ");
            out.push_str(&format!("{:<18} {:>8} {:>6.1}%  {}\n", field.name(), total, total as f64 * 100.0 / n, detail));
        }
        out.push_str(&format!(
            "\ninstances {} · with card {} · mean card_quality (carded) {:.3}\n",
            self.instances,
            self.with_card,
            self.card_quality_sum / self.with_card.max(1) as f64
        ));
        let facts = self.facts.iter().map(|(k, v)| format!("{k} {v} ({:.1}%)", *v as f64 * 100.0 / n)).collect::<Vec<_>>().join(" · ");
        out.push_str(&format!("facts: {facts}\n"));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> HubRecord {
        let mut r: HubRecord = serde_json::from_str(json).unwrap();
        r.normalize();
        r
    }

    const TRAINER_CARD: &str = "---\nlicense: apache-2.0\nbase_model: google-t5/t5-small\ntags:\n- generated_from_trainer\nmodel-index:\n- name: tiny-sum\n  results: []\n---\n\n<!-- This model card has been generated automatically according to the information the Trainer had access to. You\nshould probably proofread and complete it, then remove this comment. -->\n\n# tiny-sum\n\nThis model is a fine-tuned version of [google-t5/t5-small](https://huggingface.co/google-t5/t5-small) on the acme/news_digest dataset.\nIt achieves the following results on the evaluation set:\n- Loss: 2.5258\n- Rouge1: 28.6381\n\n## Model description\n\nMore information needed\n\n## Intended uses & limitations\n\nMore information needed\n\n## Training and evaluation data\n\nMore information needed\n\n## Training procedure\n\n### Training hyperparameters\n\nThe following hyperparameters were used during training:\n- learning_rate: 0.0002\n- train_batch_size: 8\n- seed: 42\n\n### Training results\n\n| Training Loss | Epoch | Step | Validation Loss |\n|:---:|:---:|:---:|:---:|\n| 3.1 | 1.0 | 50 | 2.9 |\n\n### Framework versions\n\n- Transformers 4.39.3\n- Pytorch 2.2.2+cu121\n- Datasets 2.18.0\n";

    #[test]
    fn trainer_card() {
        let r = record(&serde_json::json!({
            "id": "someone/tiny-sum", "pipeline_tag": "summarization", "library_name": "transformers",
            "tags": ["transformers", "safetensors", "t5", "text2text-generation", "generated_from_trainer", "region:us", "license:apache-2.0", "base_model:google-t5/t5-small", "base_model:finetune:google-t5/t5-small"],
            "downloads": 12, "params": 60506624, "card": TRAINER_CARD
        }).to_string());
        let i = extract(&r);
        let t = &i.template;
        assert_eq!(i.facts.task.as_deref(), Some("summarization"));
        assert_eq!(t.get(Field::Task), Some("summarization (Summarization)"));
        let function = t.get(Field::Function).unwrap();
        assert!(function.starts_with("Summarization model (transformers) fine-tuned from google-t5/t5-small"), "{function}");
        assert!(function.contains("acme/news_digest"), "{function}");
        assert!(
            t.get(Field::FineTuning).unwrap().contains("fine-tuned version of google-t5/t5-small on the acme/news_digest dataset"),
            "{:?}",
            t.get(Field::FineTuning)
        );
        assert_eq!(t.get(Field::Evaluation), Some("Loss: 2.5258; Rouge1: 28.6381"));
        assert_eq!(i.source_of(Field::Evaluation), Some(Source::CardText));
        assert!(
            t.get(Field::HyperParameters).unwrap().contains("learning_rate: 0.0002; train_batch_size: 8; seed: 42"),
            "{:?}",
            t.get(Field::HyperParameters)
        );
        let sw = t.get(Field::Software).unwrap();
        assert!(sw.contains("transformers") && sw.contains("Transformers 4.39.3"), "{sw}");
        assert!(t.get(Field::Framework).unwrap().contains("PyTorch"));
        assert_eq!(t.get(Field::Limitations), None);
        assert_eq!(t.get(Field::Dataset), Some("acme/news_digest"));
        assert_eq!(t.get(Field::ParameterSize), Some("60.5M parameters"));
        assert_eq!(t.get(Field::ModelSize), Some("~121 MB at 16-bit"));
        assert_eq!(t.get(Field::Downloads), Some("12"));
        assert_eq!(t.get(Field::Likes), None);
        assert_eq!(t.get(Field::Contributors), Some("someone"));
        assert!(!i.keywords.iter().any(|k| k.starts_with("license:") || k == "region:us" || k == "generated_from_trainer"));
        assert!(i.keywords.contains(&"t5".to_string()));
        // A card that exists but is all placeholders is not a good card.
        assert!(i.facts.card_quality > 0.0 && i.facts.card_quality <= 0.34, "{}", i.facts.card_quality);
    }

    const RICH_CARD: &str = r#"---
language:
- de
license: other
license_name: acme-open
datasets:
- acme/clinical-notes-de
co2_eq_emissions:
  emissions: 1200
  source: ML CO2 calculator
  hardware_used: 2 x A100 40GB
model-index:
- name: KlinikBERT
  results:
  - task:
      type: token-classification
    dataset:
      name: GermEval Clinical
      type: germeval_clinical
    metrics:
    - type: f1
      value: 0.873
    - type: precision
      value: 0.861
---

[![License](https://img.shields.io/badge/license-acme-blue.svg)](LICENSE) <img src="logo.png" width="100"/>

# KlinikBERT

KlinikBERT tags diagnoses, drugs and dosages in German clinical notes. It is a 350M-parameter encoder trained by the Acme Health NLP group.

## Model Details

- **Developed by:** Acme Health NLP group
- **Funded by:** The Example Research Foundation, grant 12-345
- **Repository:** [code](https://github.com/acme-health/klinikbert)
- **Paper:** [KlinikBERT: clinical tagging](https://arxiv.org/abs/2401.01234)

## Uses

Use it to pre-annotate discharge letters for review by clinicians.

## Bias, Risks, and Limitations

The notes come from two university hospitals, so rare diseases and rural practice are underrepresented. Do not use it for automated diagnosis.

## Training Data

Forty thousand de-identified discharge letters written between 2015 and 2022.

## How to use

```bash
pip install transformers
```

```python
from transformers import pipeline
tagger = pipeline("token-classification", model="acme/klinikbert")
print(tagger("Patient erhielt 5 mg Ramipril."))
```

## Hardware

Trained on 2 A100 GPUs for 30 hours; inference runs on a single CPU.

## Citation

```bibtex
@inproceedings{acme2024klinik,
  title={{KlinikBERT}: Tagging German Clinical Notes},
  author={Muster, Erika and Beispiel, Max},
  year={2024}
}
```

## Acknowledgements

We thank the Example Research Foundation for funding.

Copyright 2024 Acme Health. All rights reserved.
"#;

    #[test]
    fn rich_card() {
        let r = record(
            &serde_json::json!({
                "id": "acme/KlinikBERT", "pipeline_tag": "token-classification",
                "tags": ["transformers", "pytorch", "bert", "token-classification", "medical", "de", "arxiv:2401.01234"],
                "likes": 7, "card": RICH_CARD
            })
            .to_string(),
        );
        let i = extract(&r);
        let t = &i.template;
        assert_eq!(t.get(Field::Function), Some("KlinikBERT tags diagnoses, drugs and dosages in German clinical notes. It is a 350M-parameter encoder trained by the Acme Health NLP group."));
        assert_eq!(i.source_of(Field::Function), Some(Source::CardText));
        assert_eq!(i.facts.license.as_deref(), Some("other:acme-open"));
        assert_eq!(i.facts.languages, vec!["de"]);
        assert_eq!(t.get(Field::Language), Some("German (de)"));
        assert_eq!(i.facts.params, Some(350_000_000));
        assert_eq!(i.source_of(Field::ParameterSize), Some(Source::CardText));
        assert_eq!(t.get(Field::InputFormat), Some("text"));
        assert_eq!(t.get(Field::OutputFormat), Some("labels per token"));
        assert!(t.get(Field::Dataset).unwrap().starts_with("acme/clinical-notes-de. Forty thousand"), "{:?}", t.get(Field::Dataset));
        assert!(t.get(Field::Domain).unwrap().contains("medical"));
        assert!(t.get(Field::Limitations).unwrap().contains("underrepresented"));
        // The bias field keeps the bias sentence, not the usage warning next to it.
        assert_eq!(
            t.get(Field::Biases),
            Some("The notes come from two university hospitals, so rare diseases and rural practice are underrepresented.")
        );
        assert_eq!(t.get(Field::Evaluation), Some("GermEval Clinical: f1=0.873, precision=0.861"));
        assert_eq!(i.source_of(Field::Evaluation), Some(Source::FrontMatter));
        assert!(t.get(Field::CarbonEmitted).unwrap().starts_with("1200 g CO2eq"), "{:?}", t.get(Field::CarbonEmitted));
        // Training hardware is no requirement; the runtime clause of the same sentence is.
        let hw = t.get(Field::Hardware).unwrap();
        assert!(hw.contains("inference runs on a single CPU") && !hw.contains("A100"), "{hw}");
        let demo = t.get(Field::Demo).unwrap();
        assert!(demo.starts_with("from transformers import pipeline\ntagger"), "{demo}");
        let report = t.get(Field::Report).unwrap();
        assert!(report.contains("KlinikBERT: Tagging German Clinical Notes") && report.contains("arXiv:2401.01234"), "{report}");
        assert_eq!(t.get(Field::GithubRepo), Some("https://github.com/acme-health/klinikbert"));
        assert!(t.get(Field::Grant).unwrap().contains("Example Research Foundation"));
        assert_eq!(t.get(Field::Contributors), Some("Acme Health NLP group"));
        assert!(t.get(Field::Copyright).unwrap().contains("Copyright 2024 Acme Health"));
        assert_eq!(t.get(Field::Likes), Some("7"));
        assert!(t.get(Field::Framework).unwrap().contains("PyTorch"));
        assert_eq!(i.facts.card_quality, 1.0);
        for (f, v) in t.iter() {
            assert!(v.chars().count() <= 1000, "{f:?} too long");
            assert!(!v.contains("<img") && !v.contains("shields.io"), "{f:?}: {v}");
        }
    }

    #[test]
    fn no_card_record() {
        let r = record(r#"{"id":"someone/bert-base-german-cased-finetuned-sentiment","pipeline_tag":"text-classification","downloads":5}"#);
        let i = extract(&r);
        assert_eq!(i.template.get(Field::Function), Some("Text Classification model for German."));
        assert_eq!(i.facts.languages, vec!["de"]);
        assert_eq!(i.source_of(Field::Language), Some(Source::ModelId));
        assert_eq!(i.facts.card_quality, 0.0);
        assert_eq!(i.facts.downloads, 5);
        assert_eq!(i.facts.likes, 0);
        let empty = extract(&HubRecord::default());
        assert!(empty.template.get(Field::Function).is_none());
    }

    #[test]
    fn quantized_repo() {
        let r = record(
            r#"{"id":"someone/Mistral-Small-24B-Instruct-2501-Q5_K_M-GGUF","pipeline_tag":"text-generation","tags":["gguf","llama.cpp"],"base_model":"mistralai/Mistral-Small-24B-Instruct-2501"}"#,
        );
        let i = extract(&r);
        assert_eq!(i.facts.params, Some(24_000_000_000));
        assert_eq!(i.facts.quant_bits, Some(5));
        assert_eq!(i.template.get(Field::ModelSize), Some("~15 GB at 5-bit (GGUF)"));
        assert!(i.template.get(Field::Framework).unwrap().contains("GGUF"));
        assert!(i.template.get(Field::Software).unwrap().contains("llama.cpp"));
    }

    fn timed(card: String) -> (ModelInstance, f64) {
        let r = HubRecord { id: "org/model".into(), card: Some(card), ..Default::default() };
        let t = std::time::Instant::now();
        let i = extract(&r);
        (i, t.elapsed().as_secs_f64())
    }

    #[test]
    fn hostile_yaml_bomb_in_front_matter() {
        let mut y = String::from("---\nlicense: mit\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..15 {
            let prev = format!("*a{}", i - 1);
            y.push_str(&format!("a{i}: &a{i} [{}]\n", [prev.as_str(); 10].join(", ")));
        }
        y.push_str("---\n# Bomb\n\nA model card whose header tries to explode the parser.\n");
        let (i, secs) = timed(y);
        assert!(secs < 3.0, "{secs}");
        assert_eq!(i.facts.license.as_deref(), Some("mit"));
        assert_eq!(i.template.get(Field::Function), Some("A model card whose header tries to explode the parser."));
    }

    #[test]
    fn hostile_deep_nesting() {
        for card in [
            format!("---\nk: {}\n---\nbody text of the model card here\n", "[".repeat(10_000)),
            format!("---\nk:\n{}\n---\n", "  ".repeat(3000) + "- x"),
            "> ".repeat(10_000) + "deep quote",
            "[".repeat(10_000) + &"](x)".repeat(10_000),
            (0..10_000).map(|i| format!("{}- item\n", "  ".repeat(i % 200))).collect::<String>(),
            "*".repeat(50_000) + "a" + &"*".repeat(50_000),
            "<div>".repeat(20_000),
            "#".repeat(100_000),
        ] {
            let (_, secs) = timed(card);
            assert!(secs < 3.0, "{secs}");
        }
    }

    #[test]
    fn hostile_huge_card_is_capped() {
        let para = "This paragraph describes a model that classifies support tickets by urgency. ";
        let card = format!("# Big\n\n{}\n\n## Limitations\n\n{}", para.repeat(30_000), "It only knows English. ".repeat(100_000));
        assert!(card.len() > 4_000_000);
        let (i, secs) = timed(card);
        assert!(secs < 5.0, "{secs}");
        let f = i.template.get(Field::Function).unwrap();
        assert!(f.chars().count() <= 600 && f.starts_with("This paragraph describes"));
        for (_, v) in i.template.iter() {
            assert!(v.chars().count() <= 1000);
        }
    }

    #[test]
    fn hostile_bytes_nul_and_lossy_utf8() {
        let mut bytes =
            b"---\nlicense: apache-2.0\n---\n# T\n\nA text classifier for \xff\xfe product reviews \x00 with NUL bytes inside.\n".to_vec();
        bytes.extend_from_slice(&[0xC3, 0x28, 0xA0, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, 0x00, 0x00]);
        let card = String::from_utf8_lossy(&bytes).into_owned();
        let (i, _) = timed(card);
        assert_eq!(i.facts.license.as_deref(), Some("apache-2.0"));
        let f = i.template.get(Field::Function).unwrap();
        assert!(!f.contains('\0') && f.contains("product reviews"), "{f}");
    }

    #[test]
    fn hostile_front_matter_shapes() {
        // Unterminated header: no YAML read, the YAML lines are not taken for prose.
        let (i, _) = timed("---\nlicense: mit\ntags:\n- a\n".into());
        assert_eq!(i.facts.license, None);
        assert_eq!(i.template.get(Field::Function), None);
        // A list or a scalar as the whole header carries no fields.
        let (i, _) = timed("---\n- mit\n- apache-2.0\n---\nSome body text for the model card.\n".into());
        assert_eq!(i.facts.license, None);
        let (i, _) = timed("---\njust a string\n---\nSome body text for the model card.\n".into());
        assert_eq!(i.facts.license, None);
        // `license: [mit, apache-2.0]`: the first is the fact, both are shown.
        let (i, _) = timed("---\nlicense: [MIT, apache-2.0]\nlanguage: de\n---\nbody\n".into());
        assert_eq!(i.facts.license.as_deref(), Some("mit"));
        assert_eq!(i.template.get(Field::License), Some("mit, apache-2.0"));
        assert_eq!(i.facts.languages, vec!["de"]);
        // Numbers where strings are expected, and strings where numbers are expected.
        let (i, _) = timed("---\nlicense: 123\nlibrary_name: 7\nco2_eq_emissions: \"149200\"\nbase_model: [1, org/base]\n---\n".into());
        assert_eq!(i.facts.license.as_deref(), Some("123"));
        assert_eq!(i.template.get(Field::CarbonEmitted), Some("149200 g CO2eq"));
        assert_eq!(i.facts.base_model.as_deref(), Some("1"));
        let r = record(r#"{"id":"a/b","downloads":"12","likes":"x","params":"7000000000"}"#);
        let i = extract(&r);
        assert_eq!((i.facts.downloads, i.facts.likes, i.facts.params), (12, 0, Some(7_000_000_000)));
    }

    #[test]
    fn hostile_html_only_and_badges_only() {
        let html = "<div align=\"center\"><img src=\"logo.png\"/><h1>Tiny Vision</h1><p>Detects helmets on construction sites from CCTV frames.</p><a href=\"https://github.com/acme/tiny-vision\">code</a></div>";
        let (i, _) = timed(html.into());
        assert!(i.template.get(Field::Function).unwrap().contains("Detects helmets on construction sites"));
        assert_eq!(i.template.get(Field::GithubRepo), Some("https://github.com/acme/tiny-vision"));
        let badges = "[![License](https://img.shields.io/badge/license-MIT-green.svg)](LICENSE) [![Downloads](https://img.shields.io/badge/dl-1k-blue)](x) ![b](https://img.shields.io/x)\n<img src=\"https://img.shields.io/y\"/>";
        let (i, _) = timed(badges.into());
        assert_eq!(i.template.get(Field::Function), None);
        assert!(i.template.iter().all(|(_, v)| !v.contains("shields.io")));
    }

    /// Measures extraction over the shared catalog (87k records). Run with
    /// `cargo test --release -p index-builder extract_shared_catalog -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn extract_shared_catalog() {
        use std::io::BufRead;
        let path = std::env::var("PTM_CATALOG").unwrap_or_else(|_| "../../shared/data/hf-models.jsonl".into());
        let candidates = [path.clone(), "/work/shared/data/hf-models.jsonl".into()];
        let Some(file) = candidates.iter().find_map(|p| std::fs::File::open(p).ok()) else {
            eprintln!("skipped: no catalog at {candidates:?} (set PTM_CATALOG)");
            return;
        };
        let records: Vec<HubRecord> = std::io::BufReader::new(file)
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| serde_json::from_str::<HubRecord>(&l).ok())
            .map(|mut r| {
                r.normalize();
                r
            })
            .collect();
        let start = std::time::Instant::now();
        let mut stats = ExtractStats::default();
        for r in &records {
            stats.add(&extract(r));
        }
        let secs = start.elapsed().as_secs_f64();
        println!("{} records extracted in {secs:.2}s (single thread)\n{}", records.len(), stats.table());
        if !cfg!(debug_assertions) {
            assert!(secs < 5.0, "{secs}");
        }
    }

    #[test]
    fn stats_table() {
        let mut s = ExtractStats::default();
        s.add(&extract(&record(r#"{"id":"a/b","pipeline_tag":"fill-mask","license":"mit"}"#)));
        s.add(&extract(&record(r#"{"id":"a/c"}"#)));
        let table = s.table();
        assert!(table.contains("license"), "{table}");
        assert_eq!(s.fields["license"]["metadata"], 1);
        assert_eq!(s.instances, 2);
        serde_json::to_string(&s).unwrap();
    }
}
