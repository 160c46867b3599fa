//! `index-builder extract-eval --self-check base_model|datasets`: how well the prose readers
//! recover a fact the metadata already states, measured on the whole catalog with that metadata
//! hidden.
//!
//! Why: the hand-labelled gold set is small, and rules tuned on its tuning split stop
//! generalising. Thousands of carded records state their base model or datasets in metadata
//! (`base_model`, `datasets`, the `base_model:*` / `dataset:*` tags, the YAML keys); hiding those
//! and running extraction again asks the card's prose the same question with a known answer. The
//! answer key is the metadata itself, so no labels are read: gold ids (`--gold`) are only
//! excluded, so that the held-out splits stay unseen. A wrong fill counts against precision —
//! a wrong base is worse than none.
//!
//! Records whose card body never names the hidden value (its name after the last `/`) cannot be
//! recovered from prose; they are counted apart ("named in prose") so recall means something.

use std::collections::HashSet;
use std::path::Path;

use anyhow::anyhow;
use serde::Deserialize;

use super::extract_eval::{same_dataset, same_model};
use crate::catalog::{for_each_record, HubRecord};
use crate::extract::{extract_known, extract_with, ExtractParams, KnownModels};
use crate::io_util::open_input;

/// Which metadata fact to hide and read back from prose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checked {
    BaseModel,
    Datasets,
}

impl Checked {
    pub fn parse(s: &str) -> anyhow::Result<Self> {
        match s {
            "base_model" => Ok(Checked::BaseModel),
            "datasets" => Ok(Checked::Datasets),
            other => Err(anyhow!("--self-check takes base_model or datasets, not {other:?}")),
        }
    }

    /// The YAML key and tag prefix that state this fact.
    fn key(self) -> (&'static str, &'static str) {
        match self {
            Checked::BaseModel => ("base_model", "base_model:"),
            Checked::Datasets => ("datasets", "dataset:"),
        }
    }
}

/// The card with the top-level YAML key `key` (and its indented or listed continuation lines)
/// removed from the front matter; the body is untouched.
pub fn strip_yaml_key(card: &str, key: &str) -> String {
    let Some(rest) = card.strip_prefix("---\n") else { return card.to_string() };
    let Some(end) = rest.find("\n---") else { return card.to_string() };
    let (yaml, body) = rest.split_at(end);
    let mut kept = Vec::new();
    let mut skipping = false;
    for line in yaml.lines() {
        let top_level = !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty();
        if top_level {
            let name = line.split(':').next().unwrap_or("").trim();
            skipping = name == key || (key == "base_model" && name.starts_with("base_model"));
        }
        if !skipping {
            kept.push(line);
        }
    }
    format!("---\n{}{}", kept.join("\n"), body)
}

/// The record with the checked fact's metadata hidden: flat field, tags, YAML keys, cardData.
pub fn hide(record: &HubRecord, what: Checked) -> HubRecord {
    let mut r = record.clone();
    let (key, tag) = what.key();
    match what {
        Checked::BaseModel => r.base_model = None,
        Checked::Datasets => r.datasets.clear(),
    }
    r.tags.retain(|t| !t.starts_with(tag));
    r.card = r.card.as_deref().map(|c| strip_yaml_key(c, key));
    if let Some(serde_json::Value::Object(m)) = r.card_data.as_mut() {
        m.retain(|k, _| !k.starts_with(key));
    }
    r
}

/// The values the metadata states for the checked fact (every spelling: field, tags, YAML).
fn stated(record: &HubRecord, what: Checked) -> Vec<String> {
    let visible = extract_with(record, &ExtractParams::default());
    let mut out: Vec<String> = match what {
        Checked::BaseModel => {
            let mut v: Vec<String> = record.base_model.iter().cloned().collect();
            v.extend(
                record.tags.iter().filter_map(|t| t.strip_prefix("base_model:")).map(|t| t.rsplit(':').next().unwrap_or(t).to_string()),
            );
            v
        }
        // The visible extraction's list: the declared datasets cleaned of benchmarks, loaders and
        // placeholders (the same cleaning the hidden run gets).
        // Only entries the metadata declares: the prose readers' own finds are no answer key.
        Checked::Datasets => {
            let declared: Vec<String> =
                record.datasets.iter().chain(&front_matter_list(record, "datasets")).map(|d| d.to_lowercase()).collect();
            visible.facts.datasets.iter().filter(|d| declared.contains(&d.to_lowercase())).cloned().collect()
        }
    };
    // A base that is the model itself (some metadata names the repository) is no answer.
    let own = |v: &String| what == Checked::BaseModel && v.eq_ignore_ascii_case(&record.id);
    out.retain(|v| !v.trim().is_empty() && !own(v));
    out.dedup();
    out
}

/// The YAML list under `key` in the card's front matter.
fn front_matter_list(record: &HubRecord, key: &str) -> Vec<String> {
    let card = record.card.as_deref().unwrap_or("");
    use crate::extract::front_matter::{list, parse, split};
    split(card).yaml.and_then(parse).and_then(|m| m.get(key).map(list)).unwrap_or_default()
}

/// The card's text after the front matter, squashed (letters and digits, lowercase).
fn body_squashed(card: &str) -> String {
    let body = card.strip_prefix("---\n").and_then(|r| r.find("\n---").map(|e| &r[e + 4..])).unwrap_or(card);
    squash(body)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn tail(s: &str) -> &str {
    s.rsplit('/').next().unwrap_or(s)
}

/// Counts and samples of one self-check run.
#[derive(Debug, Default)]
pub struct SelfCheck {
    /// Carded records outside the gold set whose metadata states the fact.
    pub n: u32,
    /// Of those, records whose card body names a stated value.
    pub named: u32,
    /// Hidden run found a stated value (datasets: every value found matches a stated one).
    pub right: u32,
    /// Hidden run found something, and it is not what the metadata states.
    pub wrong: u32,
    /// Named in prose, nothing found.
    pub miss_named: u32,
    pub right_named: u32,
    pub wrong_named: u32,
    /// (id, stated, got, evidence sentence) of misses and wrong fills, most downloaded first.
    pub misses: Vec<(u64, String, String, String)>,
    pub wrongs: Vec<(u64, String, String, String)>,
}

/// One record read back: whether its body names the hidden value, the value, what the hidden
/// run found and the sentence it quotes.
pub struct ReadBack {
    pub named: bool,
    pub truth: Vec<String>,
    pub got: Vec<String>,
    pub quote: String,
}

/// Judges one record; `None` when its metadata does not state the fact or it has no card.
pub fn check_one(record: &HubRecord, what: Checked, known: Option<&KnownModels>) -> Option<ReadBack> {
    let card = record.card.as_deref().filter(|c| !c.trim().is_empty())?;
    let truth = stated(record, what);
    if truth.is_empty() {
        return None;
    }
    let body = body_squashed(card);
    let named = truth.iter().any(|t| {
        let k = squash(tail(t));
        k.len() >= 3 && body.contains(&k)
    });
    let hidden = extract_known(&hide(record, what), &ExtractParams::default(), known);
    let kind = match what {
        Checked::BaseModel => ptmpicker::facts::FactKind::BaseModel,
        Checked::Datasets => ptmpicker::facts::FactKind::Datasets,
    };
    let quote = hidden.facts.evidence_for(kind).and_then(|e| e.quote.clone()).unwrap_or_default();
    let got = match what {
        Checked::BaseModel => hidden.facts.base_model.iter().cloned().collect(),
        Checked::Datasets => hidden.facts.datasets.clone(),
    };
    Some(ReadBack { named, truth, got, quote })
}

impl SelfCheck {
    fn add(&mut self, id: &str, downloads: u64, what: Checked, r: &ReadBack) {
        let (named, truth, got, quote) = (r.named, &r.truth, &r.got, &r.quote);
        self.n += 1;
        self.named += named as u32;
        let sample = || (downloads, id.to_string(), format!("{truth:?}"), format!("{got:?} {quote}"));
        if got.is_empty() {
            if named {
                self.miss_named += 1;
                self.misses.push(sample());
            }
            return;
        }
        let right = match what {
            Checked::BaseModel => truth.iter().any(|t| same_model(t, &got[0])),
            Checked::Datasets => got.iter().all(|g| truth.iter().any(|t| same_dataset(t, g))),
        };
        if right {
            self.right += 1;
            self.right_named += named as u32;
        } else {
            self.wrong += 1;
            self.wrong_named += named as u32;
            self.wrongs.push(sample());
        }
    }

    pub fn render(&self, what: Checked, samples: usize) -> String {
        let pct = |a: u32, b: u32| if b == 0 { "–".to_string() } else { format!("{:.1}%", 100.0 * a as f64 / b as f64) };
        let mut out = format!(
            "self-check {what:?}: {} carded records (gold ids excluded) state it in metadata; hidden, prose gives\n\
             | records | n | right | wrong | none | recall | precision |\n|---|---|---|---|---|---|---|\n",
            self.n
        );
        out.push_str(&format!(
            "| all | {} | {} | {} | {} | {} | {} |\n",
            self.n,
            self.right,
            self.wrong,
            self.n - self.right - self.wrong,
            pct(self.right, self.n),
            pct(self.right, self.right + self.wrong)
        ));
        out.push_str(&format!(
            "| card body names it | {} | {} | {} | {} | {} | {} |\n",
            self.named,
            self.right_named,
            self.wrong_named,
            self.miss_named,
            pct(self.right_named, self.named),
            pct(self.right_named, self.right_named + self.wrong_named)
        ));
        for (title, list) in [("misses (body names it, nothing found)", &self.misses), ("wrong fills", &self.wrongs)] {
            if samples == 0 || list.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{title}, most downloaded first:\n"));
            let mut list = list.clone();
            list.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            for (_, id, truth, got) in list.iter().take(samples) {
                out.push_str(&format!("  {id}  stated: {truth}  got: {}\n", ptmpicker::human::truncate_chars(got, 160)));
            }
        }
        out
    }
}

/// Gold ids only (labels are never read).
#[derive(Deserialize)]
struct IdOnly {
    id: String,
}

/// Runs the self-check over a catalog, skipping the ids of every `exclude` file.
pub fn run(catalog: &Path, exclude: &[&Path], what: Checked, samples: usize) -> anyhow::Result<String> {
    let mut skip: HashSet<String> = HashSet::new();
    for path in exclude {
        use std::io::BufRead;
        for line in open_input(path)?.lines() {
            let line = line?;
            if let Ok(g) = serde_json::from_str::<IdOnly>(&line) {
                skip.insert(g.id.to_lowercase());
            }
        }
    }
    // The catalog's model ids, as `build` reads them ahead.
    let known = KnownModels::read_jsonl(&[catalog.to_path_buf()]);
    let mut report = SelfCheck::default();
    let mut seen: HashSet<String> = HashSet::new();
    for_each_record(open_input(catalog)?, 0, |r: HubRecord| {
        let key = r.id.to_lowercase();
        if skip.contains(&key) || !seen.insert(key) {
            return;
        }
        if let Some(read) = check_one(&r, what, Some(&known)) {
            report.add(&r.id, r.downloads.unwrap_or(0), what, &read);
        }
    })
    .map_err(|e| anyhow!("reading {}: {e}", catalog.display()))?;
    Ok(report.render(what, samples))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: serde_json::Value) -> HubRecord {
        let mut r: HubRecord = serde_json::from_value(json).unwrap();
        r.normalize();
        r
    }

    #[test]
    fn hiding_removes_every_spelling_of_the_fact() {
        let card =
            "---\nlicense: mit\nbase_model:\n- acme/Root-1B\nbase_model_relation: finetune\ntags:\n- chat\n---\n# M\n\nA chat model.\n";
        let r = record(serde_json::json!({"id": "me/m", "card": card, "base_model": "acme/Root-1B",
            "tags": ["chat", "base_model:finetune:acme/Root-1B"]}));
        let h = hide(&r, Checked::BaseModel);
        assert_eq!(h.base_model, None);
        assert_eq!(h.tags, vec!["chat"]);
        assert_eq!(h.card.as_deref().map(str::trim_end), Some("---\nlicense: mit\ntags:\n- chat\n---\n# M\n\nA chat model."));
        assert_eq!(extract_with(&h, &ExtractParams::default()).facts.base_model, None);
    }

    #[test]
    fn a_base_the_prose_states_is_read_back_and_counted() {
        let card = "---\nbase_model: acme/Root-1B\n---\n# M\n\nThis model is a fine-tuned version of [acme/Root-1B](https://huggingface.co/acme/Root-1B).\n";
        let r = record(serde_json::json!({"id": "me/m", "card": card, "base_model": "acme/Root-1B"}));
        let read = check_one(&r, Checked::BaseModel, None).unwrap();
        let (named, truth, got) = (read.named, read.truth.clone(), read.got.clone());
        assert!(named);
        assert_eq!(truth, vec!["acme/Root-1B"]);
        assert_eq!(got, vec!["acme/Root-1B"]);
        let mut s = SelfCheck::default();
        s.add("me/m", 1, Checked::BaseModel, &read);
        let other = ReadBack { named: true, truth: truth.clone(), got: vec!["acme/Other-2B".to_string()], quote: String::new() };
        s.add("me/n", 1, Checked::BaseModel, &other);
        s.add("me/o", 1, Checked::BaseModel, &ReadBack { named: false, truth: truth.clone(), got: Vec::new(), quote: String::new() });
        assert_eq!((s.n, s.named, s.right, s.wrong, s.miss_named), (3, 2, 1, 1, 0));
        assert!(s.render(Checked::BaseModel, 5).contains("| card body names it | 2 | 1 | 1 | 0 | 50.0% | 50.0% |"));
        // A record whose metadata states nothing is not checked.
        let r = record(serde_json::json!({"id": "me/p", "card": "# M\n\nHello.\n"}));
        assert!(check_one(&r, Checked::BaseModel, None).is_none());
    }
}
