//! `index-builder extract-eval`: how often extraction states what a careful reader of the card
//! states, fact by fact, against a hand-labelled gold set (`tests/extract/gold.jsonl`).
//!
//! Why a command: extraction rules are judgements; without a number per fact on cards nobody
//! tuned on, a fix for one card shape silently breaks another. The gold set stores only ids and
//! labels, so the cards are read again from the catalog the index is built from. The labelling
//! rules (what counts as a dataset, a limitation, runtime hardware…) are in
//! `tests/extract/README.md`; the comparison rules below implement them.
//!
//! Output: per fact, accuracy on each split (`tune`, the held-out `heldout`, `heldout2`, `heldout3`, `heldout4` and `heldout5`, any
//! other name a gold line carries), and the three kinds of error —
//! *false fill* (the card states nothing, extraction says something), *miss* (the card states it,
//! extraction says nothing), *wrong* (both say something, they differ) — then the worst misses
//! (most-downloaded models first) of the split named by `--misses`.
//! `--splits` restricts the run to the named splits: the other gold lines are dropped before any
//! card is read, so a frozen split's numbers and misses cannot be seen by accident.

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, Context};
use clap::Args;
use ptmpicker::facts::ModelInstance;
use ptmpicker::template::Field;
use serde::{Deserialize, Serialize};

use crate::catalog::{for_each_record, HubRecord};
use crate::extract::{extract_known, ExtractParams, KnownModels};
use crate::io_util::{open_input, Result};

#[derive(Args)]
pub struct ExtractEvalArgs {
    /// Gold set (JSON Lines; see tests/extract/README.md).
    #[arg(long)]
    pub gold: PathBuf,
    /// Catalog holding the gold models' records and cards (JSON Lines or a Hub API array).
    #[arg(long)]
    pub catalog: PathBuf,
    /// Which split's misses to list: `tune` (default), `heldout`, `heldout2`, `heldout3`, `heldout4`, `heldout5` or `all`. Held-out
    /// misses are for a final check only; tuning on them spoils the held-out number.
    #[arg(long, default_value = "tune")]
    pub misses: String,
    /// Which splits to evaluate and print, comma-separated (e.g. `tune,heldout,heldout2`); every
    /// split when absent. Lines of other splits are dropped before any card is extracted, so a
    /// frozen split's numbers and misses are never computed, let alone shown; `all` then means
    /// the chosen splits together.
    #[arg(long, value_delimiter = ',', value_name = "SPLIT,…")]
    pub splits: Vec<String>,
    /// How many misses to list per fact.
    #[arg(long, default_value_t = 5)]
    pub worst: usize,
    /// Print the report as JSON instead of tables.
    #[arg(long)]
    pub json: bool,
    /// Instead of comparing with the gold labels: hide the metadata that states `base_model` or
    /// `datasets` on every carded catalog record outside the gold set (only gold ids are read),
    /// extract again, and report how often the card's prose gives the hidden value back.
    #[arg(long, value_name = "FACT")]
    pub self_check: Option<String>,
    /// Override an extraction knob, e.g. `--param extract.size_scan_bytes=0` (repeatable).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    pub params: Vec<String>,
}

/// One hand-labelled model. `None` / empty means "the card does not state it".
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct Gold {
    pub id: String,
    #[serde(default)]
    pub split: String,
    #[serde(default)]
    pub license: Option<Vec<String>>,
    #[serde(default)]
    pub task: Option<Vec<String>>,
    /// Acceptable counts; a `null` entry accepts "no count".
    #[serde(default)]
    pub params: Option<Vec<Option<u64>>>,
    #[serde(default)]
    pub quant_bits: Option<u8>,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub datasets: Vec<String>,
    #[serde(default)]
    pub base_model: Option<Vec<String>>,
    #[serde(default)]
    pub input: Vec<String>,
    #[serde(default)]
    pub output: Vec<String>,
    #[serde(default)]
    pub bias: bool,
    #[serde(default)]
    pub limitations: bool,
    #[serde(default)]
    pub hardware: bool,
}

/// The facts compared, in report order.
pub const FACTS: [&str; 12] = [
    "license",
    "task",
    "params",
    "quant_bits",
    "languages",
    "datasets",
    "base_model",
    "input_format",
    "output_format",
    "bias",
    "limitations",
    "hardware",
];

/// How one fact of one model came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Right,
    FalseFill,
    Miss,
    Wrong,
}

/// One comparison: the outcome and both sides as text (for the misses list).
#[derive(Clone, Debug, Serialize)]
pub struct Judged {
    pub fact: &'static str,
    pub outcome: Outcome,
    pub gold: String,
    pub got: String,
}

fn outcome(gold_empty: bool, got_empty: bool, right: bool) -> Outcome {
    match (right, gold_empty, got_empty) {
        (true, _, _) => Outcome::Right,
        (false, true, _) => Outcome::FalseFill,
        (false, false, true) => Outcome::Miss,
        (false, false, false) => Outcome::Wrong,
    }
}

/// Lowercase letters and digits only: "SQuAD_v2" and "squad-v2" agree.
fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The name after the last `/`.
fn tail(s: &str) -> &str {
    s.rsplit('/').next().unwrap_or(s)
}

pub fn same_model(gold: &str, got: &str) -> bool {
    let (g, o) = (gold.trim().to_lowercase(), got.trim().to_lowercase());
    g == o || (!gold.contains('/') && squash(tail(&o)) == squash(&g)) || squash(tail(&g)) == squash(tail(&o))
}

pub fn same_dataset(gold: &str, got: &str) -> bool {
    let (g, o) = (squash(tail(gold)), squash(tail(got)));
    if g.is_empty() || o.is_empty() {
        return false;
    }
    g == o || (g.len() >= 4 && o.contains(&g)) || (o.len() >= 4 && g.contains(&o))
}

/// The words that name each data kind in a format text ("embedding vector", "labels per token").
fn kind_words(kind: &str) -> &'static [&'static str] {
    match kind {
        "text" => &["text", "sentence", "question", "query", "passage", "dialogue", "token", "summary", "answer", "code", "prompt"],
        "image" => &["image", "picture", "photo", "frame"],
        "audio" => &["audio", "speech", "sound", "waveform"],
        "video" => &["video"],
        "vector" => &["embedding", "vector", "feature"],
        "labels" => &["label", "class", "categor", "tag"],
        "boxes" => &["box", "detection"],
        "mask" => &["mask", "segment"],
        "score" => &["score", "similarity", "relevance", "rank"],
        "depth" => &["depth"],
        "3d" => &["3d", "mesh", "point cloud", "geometry"],
        "tabular" => &["table", "tabular", "row"],
        "timeseries" => &["time series", "time-series", "timeseries"],
        _ => &[],
    }
}

fn names_kind(text: &str, kind: &str) -> bool {
    kind_words(kind).iter().any(|w| text.contains(w))
}

fn judge_format(fact: &'static str, gold: &[String], got: Option<&str>) -> Judged {
    let text = got.unwrap_or("").to_lowercase();
    let right = if gold.is_empty() {
        text.is_empty()
    } else {
        let all_named = gold.iter().all(|k| names_kind(&text, k));
        let extra_media = ["image", "audio", "video"].iter().any(|m| !gold.iter().any(|g| g == m) && names_kind(&text, m));
        all_named && !extra_media
    };
    Judged { fact, outcome: outcome(gold.is_empty(), text.is_empty(), right), gold: gold.join(","), got: text }
}

fn judge_flag(fact: &'static str, gold: bool, got: Option<&str>) -> Judged {
    let filled = got.is_some_and(|t| !t.trim().is_empty());
    let shown = got.map(|t| ptmpicker::human::truncate_chars(t, 80)).unwrap_or_default();
    Judged { fact, outcome: outcome(!gold, !filled, gold == filled), gold: gold.to_string(), got: shown }
}

/// Compares one instance with its gold labels, fact by fact (in [`FACTS`] order).
pub fn judge(gold: &Gold, inst: &ModelInstance) -> Vec<Judged> {
    let f = &inst.facts;
    let t = &inst.template;
    let mut out = Vec::new();

    let got = f.license.clone().unwrap_or_default();
    let right = match &gold.license {
        None => got.is_empty(),
        Some(alts) => alts.iter().any(|a| a.eq_ignore_ascii_case(&got) || (a == "other" && got.starts_with("other"))),
    };
    out.push(Judged {
        fact: "license",
        outcome: outcome(gold.license.is_none(), got.is_empty(), right),
        gold: gold.license.as_ref().map(|a| a.join(" | ")).unwrap_or_default(),
        got,
    });

    let got = f.task.clone().unwrap_or_default();
    let right = match &gold.task {
        None => got.is_empty(),
        Some(alts) => alts.iter().any(|a| a.eq_ignore_ascii_case(&got)),
    };
    out.push(Judged {
        fact: "task",
        outcome: outcome(gold.task.is_none(), got.is_empty(), right),
        gold: gold.task.as_ref().map(|a| a.join(" | ")).unwrap_or_default(),
        got,
    });

    let right = match (&gold.params, f.params) {
        (None, got) => got.is_none(),
        (Some(alts), got) => alts.iter().any(|a| match (a, got) {
            (None, None) => true,
            (Some(want), Some(have)) => (have as f64 - *want as f64).abs() <= 0.1 * *want as f64,
            _ => false,
        }),
    };
    let gold_params = gold
        .params
        .as_ref()
        .map(|a| a.iter().map(|p| p.map(ptmpicker::human::human_params).unwrap_or_else(|| "none".into())).collect::<Vec<_>>().join(" | "));
    out.push(Judged {
        fact: "params",
        outcome: outcome(gold.params.is_none(), f.params.is_none(), right),
        gold: gold_params.unwrap_or_default(),
        got: f.params.map(ptmpicker::human::human_params).unwrap_or_default(),
    });

    out.push(Judged {
        fact: "quant_bits",
        outcome: outcome(gold.quant_bits.is_none(), f.quant_bits.is_none(), gold.quant_bits == f.quant_bits),
        gold: gold.quant_bits.map(|b| b.to_string()).unwrap_or_default(),
        got: f.quant_bits.map(|b| b.to_string()).unwrap_or_default(),
    });

    let marker = ptmpicker::knowledge::languages::MULTILINGUAL;
    let gold_real: Vec<&String> = gold.languages.iter().filter(|c| *c != marker).collect();
    let got_real: Vec<&String> = f.languages.iter().filter(|c| *c != marker).collect();
    let right = if gold_real.is_empty() {
        let gold_marker = gold.languages.iter().any(|c| c == marker);
        got_real.is_empty() && gold_marker == f.languages.iter().any(|c| c == marker)
    } else {
        let hits = gold_real.iter().filter(|c| got_real.contains(c)).count() as f64;
        if gold_real.len() >= 5 {
            let p = hits / got_real.len().max(1) as f64;
            let r = hits / gold_real.len() as f64;
            p + r > 0.0 && 2.0 * p * r / (p + r) >= 0.9
        } else {
            hits as usize == gold_real.len() && got_real.len() == gold_real.len()
        }
    };
    let short = |v: &[String]| {
        let mut s = v.iter().take(8).cloned().collect::<Vec<_>>().join(",");
        if v.len() > 8 {
            s.push_str(&format!(",… ({})", v.len()));
        }
        s
    };
    out.push(Judged {
        fact: "languages",
        outcome: outcome(gold.languages.is_empty(), f.languages.is_empty(), right),
        gold: short(&gold.languages),
        got: short(&f.languages),
    });

    let right = gold.datasets.iter().all(|g| f.datasets.iter().any(|o| same_dataset(g, o)))
        && f.datasets.iter().all(|o| gold.datasets.iter().any(|g| same_dataset(g, o)));
    out.push(Judged {
        fact: "datasets",
        outcome: outcome(gold.datasets.is_empty(), f.datasets.is_empty(), right),
        gold: short(&gold.datasets),
        got: short(&f.datasets),
    });

    let got = f.base_model.clone().unwrap_or_default();
    let right = match &gold.base_model {
        None => got.is_empty(),
        Some(alts) => !got.is_empty() && alts.iter().any(|a| same_model(a, &got)),
    };
    out.push(Judged {
        fact: "base_model",
        outcome: outcome(gold.base_model.is_none(), got.is_empty(), right),
        gold: gold.base_model.as_ref().map(|a| a.join(" | ")).unwrap_or_default(),
        got,
    });

    out.push(judge_format("input_format", &gold.input, t.get(Field::InputFormat)));
    out.push(judge_format("output_format", &gold.output, t.get(Field::OutputFormat)));
    out.push(judge_flag("bias", gold.bias, t.get(Field::Biases)));
    out.push(judge_flag("limitations", gold.limitations, t.get(Field::Limitations)));
    out.push(judge_flag("hardware", gold.hardware, t.get(Field::Hardware)));
    out
}

/// Counts of one fact on one split.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Tally {
    pub n: u32,
    pub right: u32,
    pub false_fill: u32,
    pub miss: u32,
    pub wrong: u32,
}

impl Tally {
    fn add(&mut self, o: Outcome) {
        self.n += 1;
        match o {
            Outcome::Right => self.right += 1,
            Outcome::FalseFill => self.false_fill += 1,
            Outcome::Miss => self.miss += 1,
            Outcome::Wrong => self.wrong += 1,
        }
    }

    pub fn accuracy(&self) -> f64 {
        if self.n == 0 {
            return 0.0;
        }
        self.right as f64 / self.n as f64
    }
}

/// A miss worth reading: which model, what the card says, what extraction said.
#[derive(Clone, Debug, Serialize)]
pub struct MissLine {
    pub id: String,
    pub split: String,
    pub downloads: u64,
    pub fact: &'static str,
    pub outcome: Outcome,
    pub gold: String,
    pub got: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    /// fact → split (`tune`, `heldout`, `heldout2`, …, `all`) → counts; plus fact `overall`.
    pub facts: BTreeMap<String, BTreeMap<String, Tally>>,
    pub models: BTreeMap<String, u32>,
    /// Gold ids the catalog lacks.
    pub missing: Vec<String>,
    pub misses: Vec<MissLine>,
}

/// Scores instances against gold labels. `instances` are matched to gold by id.
pub fn evaluate(gold: &[Gold], instances: &HashMap<String, (ModelInstance, u64)>, misses_of: &str, worst: usize) -> Report {
    let mut report = Report::default();
    let mut all_misses = Vec::new();
    for g in gold {
        let Some((inst, downloads)) = instances.get(&g.id.to_lowercase()) else {
            report.missing.push(g.id.clone());
            continue;
        };
        let split = split_of(g).to_string();
        *report.models.entry(split.clone()).or_default() += 1;
        *report.models.entry("all".into()).or_default() += 1;
        for j in judge(g, inst) {
            for key in [j.fact, "overall"] {
                let by = report.facts.entry(key.to_string()).or_default();
                by.entry(split.clone()).or_default().add(j.outcome);
                by.entry("all".into()).or_default().add(j.outcome);
            }
            if j.outcome != Outcome::Right && (misses_of == "all" || misses_of == split) {
                all_misses.push(MissLine {
                    id: g.id.clone(),
                    split: split.clone(),
                    downloads: *downloads,
                    fact: j.fact,
                    outcome: j.outcome,
                    gold: j.gold,
                    got: j.got,
                });
            }
        }
    }
    all_misses.sort_by(|a, b| {
        let fa = FACTS.iter().position(|f| *f == a.fact);
        let fb = FACTS.iter().position(|f| *f == b.fact);
        fa.cmp(&fb).then(b.downloads.cmp(&a.downloads)).then(a.id.cmp(&b.id))
    });
    let mut per_fact: BTreeMap<&str, usize> = BTreeMap::new();
    for m in all_misses {
        let n = per_fact.entry(m.fact).or_default();
        if *n < worst {
            *n += 1;
            report.misses.push(m);
        }
    }
    report
}

/// The order splits are reported in: the known ones first, any other name after them.
pub const SPLITS: [&str; 7] = ["tune", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6"];

/// The splits present in a report, in [`SPLITS`] order then by name (never `all`).
fn splits_of(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = SPLITS.iter().filter(|s| report.models.contains_key(**s)).map(|s| s.to_string()).collect();
    out.extend(report.models.keys().filter(|k| *k != "all" && !SPLITS.contains(&k.as_str())).cloned());
    out
}

/// The report as Markdown tables.
pub fn render(report: &Report) -> String {
    let pct = |t: Option<&Tally>| t.filter(|t| t.n > 0).map(|t| format!("{:.1}%", 100.0 * t.accuracy())).unwrap_or_else(|| "–".into());
    let models = |s: &str| report.models.get(s).copied().unwrap_or(0);
    let splits = splits_of(report);
    let counts = splits.iter().map(|s| format!("{} {}", models(s), s)).collect::<Vec<_>>().join(", ");
    let mut out = format!(
        "extraction vs hand labels: {} models ({}){}\n\n",
        models("all"),
        counts,
        if report.missing.is_empty() { String::new() } else { format!("; {} not in the catalog", report.missing.len()) }
    );
    out.push_str(&format!("| fact | {} | all | false fills | misses | wrong |\n|---|", splits.join(" | ")));
    out.push_str(&"---|".repeat(splits.len() + 4));
    out.push('\n');
    for fact in FACTS.iter().chain(std::iter::once(&"overall")) {
        let Some(by) = report.facts.get(*fact) else { continue };
        let all = by.get("all");
        let cells = splits.iter().map(|s| pct(by.get(s.as_str()))).collect::<Vec<_>>().join(" | ");
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            fact,
            cells,
            pct(all),
            all.map(|t| t.false_fill).unwrap_or(0),
            all.map(|t| t.miss).unwrap_or(0),
            all.map(|t| t.wrong).unwrap_or(0),
        ));
    }
    if !report.misses.is_empty() {
        out.push_str("\nworst misses (most downloaded first):\n");
        for m in &report.misses {
            let kind = match m.outcome {
                Outcome::FalseFill => "false fill",
                Outcome::Miss => "miss",
                Outcome::Wrong => "wrong",
                Outcome::Right => "right",
            };
            out.push_str(&format!("  {:<13} {:<10} {}  gold: {:?}  got: {:?}\n", m.fact, kind, m.id, m.gold, m.got));
        }
    }
    if !report.missing.is_empty() {
        out.push_str(&format!("\nnot in the catalog: {}\n", report.missing.join(", ")));
    }
    out
}

pub fn read_gold(input: impl BufRead) -> anyhow::Result<Vec<Gold>> {
    let mut gold = Vec::new();
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        gold.push(serde_json::from_str::<Gold>(&line).with_context(|| format!("gold line {}", n + 1))?);
    }
    Ok(gold)
}

/// The split a gold line belongs to (`tune` when it names none).
fn split_of(g: &Gold) -> &str {
    if g.split.is_empty() {
        "tune"
    } else {
        &g.split
    }
}

/// Keeps only the gold lines of the named splits (all of them when `splits` is empty). A name no
/// line carries is an error, so a typo cannot silently evaluate nothing.
pub fn keep_splits(gold: Vec<Gold>, splits: &[String]) -> anyhow::Result<Vec<Gold>> {
    let wanted: Vec<&str> = splits.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    if wanted.is_empty() {
        return Ok(gold);
    }
    if let Some(unknown) = wanted.iter().find(|w| !gold.iter().any(|g| split_of(g) == **w)) {
        return Err(anyhow!("--splits: no gold line is in split {unknown:?}"));
    }
    Ok(gold.into_iter().filter(|g| wanted.contains(&split_of(g))).collect())
}

pub fn run(args: ExtractEvalArgs) -> Result<ExitCode> {
    if args.misses.trim().is_empty() {
        return Err(anyhow!("--misses must name a split (tune, heldout, heldout2…) or all"));
    }
    let chosen: Vec<&str> = args.splits.iter().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
    if !chosen.is_empty() && args.misses != "all" && !chosen.contains(&args.misses.as_str()) {
        return Err(anyhow!("--misses {} names a split --splits leaves out", args.misses));
    }
    if let Some(fact) = &args.self_check {
        let what = super::self_check::Checked::parse(fact)?;
        print!("{}", super::self_check::run(&args.catalog, &[args.gold.as_path()], what, args.worst)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut params = ExtractParams::default();
    for assignment in &args.params {
        params.set(assignment)?;
    }
    let gold = keep_splits(read_gold(open_input(&args.gold)?)?, &args.splits)?;
    if gold.is_empty() {
        return Err(anyhow!("{} holds no gold labels", args.gold.display()));
    }
    let wanted: std::collections::HashSet<String> = gold.iter().map(|g| g.id.to_lowercase()).collect();
    // One pass: the gold records kept, every id known (as `build` knows them), then extraction.
    let mut records: HashMap<String, HubRecord> = HashMap::new();
    let mut known = KnownModels::default();
    let input = open_input(&args.catalog)?;
    for_each_record(input, 0, |r: HubRecord| {
        known.add(&r.id, r.downloads.unwrap_or(0));
        known.add_measured(&r.id, r.params.unwrap_or(0));
        let key = r.id.to_lowercase();
        if wanted.contains(&key) && !records.contains_key(&key) {
            records.insert(key, r);
        }
    })
    .map_err(|e| anyhow!("reading {}: {e}", args.catalog.display()))?;
    let instances: HashMap<String, (ModelInstance, u64)> = records
        .into_iter()
        .map(|(key, r)| {
            let downloads = r.downloads.unwrap_or(0);
            (key, (extract_known(&r, &params, Some(&known)), downloads))
        })
        .collect();
    let report = evaluate(&gold, &instances, &args.misses, args.worst);
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", render(&report));
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inst(json: serde_json::Value) -> ModelInstance {
        let mut r: HubRecord = serde_json::from_value(json).unwrap();
        r.normalize();
        crate::extract::extract(&r)
    }

    fn outcome_of(judged: &[Judged], fact: &str) -> Outcome {
        judged.iter().find(|j| j.fact == fact).unwrap().outcome
    }

    #[test]
    fn each_kind_of_error_is_told_apart() {
        let i = inst(serde_json::json!({"id": "acme/tiny-qa", "pipeline_tag": "question-answering", "license": "mit",
            "card": "---\nlicense: mit\n---\n# Tiny QA\n\nAnswers questions about our manuals.\n"}));
        let gold = Gold {
            id: "acme/tiny-qa".into(),
            license: Some(vec!["apache-2.0".into()]),
            task: Some(vec!["question-answering".into()]),
            base_model: Some(vec!["acme/base".into()]),
            input: vec!["text".into()],
            output: vec!["text".into()],
            ..Default::default()
        };
        let j = judge(&gold, &i);
        assert_eq!(outcome_of(&j, "license"), Outcome::Wrong);
        assert_eq!(outcome_of(&j, "task"), Outcome::Right);
        assert_eq!(outcome_of(&j, "base_model"), Outcome::Miss);
        assert_eq!(outcome_of(&j, "params"), Outcome::Right);
        assert_eq!(outcome_of(&j, "input_format"), Outcome::Right);
        let gold = Gold { id: "acme/tiny-qa".into(), ..Default::default() };
        assert_eq!(outcome_of(&judge(&gold, &i), "license"), Outcome::FalseFill);
    }

    /// The fixture in `tests/extract/` (cards written for this test): every fact right.
    #[test]
    fn fixture_cards_are_read_right() {
        let gold = read_gold(include_str!("../../../tests/extract/fixture-gold.jsonl").as_bytes()).unwrap();
        let mut map = HashMap::new();
        for_each_record(include_str!("../../../tests/extract/fixture-catalog.jsonl").as_bytes(), 0, |r: HubRecord| {
            map.insert(r.id.to_lowercase(), (crate::extract::extract(&r), r.downloads.unwrap_or(0)));
        })
        .unwrap();
        let report = evaluate(&gold, &map, "all", 20);
        assert!(report.misses.is_empty(), "{}", render(&report));
        assert_eq!(report.facts["overall"]["all"].right, 24);
        let gguf = &map["acme/chat-13b-gguf"].0;
        assert_eq!(gguf.facts.quant_bits, None, "several widths offered: none stated");
        assert_eq!(gguf.facts.evidence_for(ptmpicker::facts::FactKind::BaseModel).unwrap().source, ptmpicker::facts::Source::CardText);
    }

    #[test]
    fn tolerant_matches() {
        assert!(same_model("google-bert/bert-base-cased", "bert-base-cased"));
        assert!(same_model("deepseek-llm-1.3b-base", "deepseek-ai/deepseek-llm-1.3b-base"));
        assert!(!same_model("google/gemma-7b", "google/gemma-2b"));
        assert!(same_dataset("squad_v2", "rajpurkar/squad_v2"));
        assert!(same_dataset("VMware/open-instruct", "monology/VMware-open-instruct-higgsfield"));
        assert!(!same_dataset("coco", "c4"));
        assert!(names_kind("embedding vector", "vector") && !names_kind("text", "image"));
    }

    #[test]
    fn params_within_ten_percent_and_alternatives() {
        let i = inst(serde_json::json!({"id": "acme/m", "params": 7_240_000_000u64}));
        let g = |alts: Vec<Option<u64>>| Gold { id: "acme/m".into(), params: Some(alts), ..Default::default() };
        assert_eq!(outcome_of(&judge(&g(vec![Some(7_000_000_000)]), &i), "params"), Outcome::Right);
        assert_eq!(outcome_of(&judge(&g(vec![Some(9_000_000_000)]), &i), "params"), Outcome::Wrong);
        let none = inst(serde_json::json!({"id": "acme/m"}));
        assert_eq!(outcome_of(&judge(&g(vec![Some(1), None]), &none), "params"), Outcome::Right);
    }

    #[test]
    fn report_counts_splits_and_lists_only_the_asked_split() {
        let a = inst(serde_json::json!({"id": "acme/a", "license": "mit", "downloads": 5}));
        let b = inst(serde_json::json!({"id": "acme/b", "downloads": 9}));
        let gold = vec![
            Gold { id: "acme/a".into(), split: "tune".into(), license: Some(vec!["mit".into()]), ..Default::default() },
            Gold { id: "acme/b".into(), split: "heldout".into(), license: Some(vec!["mit".into()]), ..Default::default() },
            Gold { id: "acme/gone".into(), split: "tune".into(), ..Default::default() },
        ];
        let map: HashMap<String, (ModelInstance, u64)> = [("acme/a".to_string(), (a, 5)), ("acme/b".to_string(), (b, 9))].into();
        let r = evaluate(&gold, &map, "tune", 5);
        assert_eq!(r.facts["license"]["tune"].right, 1);
        assert_eq!(r.facts["license"]["heldout"].miss, 1);
        assert_eq!(r.missing, vec!["acme/gone".to_string()]);
        assert!(r.misses.iter().all(|m| m.split == "tune"), "{:?}", r.misses);
        let text = render(&r);
        assert!(text.contains("| fact | tune | heldout | all |"), "{text}");
        assert!(text.contains("| license | 100.0% | 0.0% | 50.0% | 0 | 1 | 0 |"), "{text}");
    }

    #[test]
    fn splits_left_out_are_never_extracted_or_shown() {
        let line = |id: &str, split: &str| Gold { id: id.into(), split: split.into(), ..Default::default() };
        let gold = vec![line("acme/a", ""), line("acme/b", "heldout"), line("acme/c", "frozen")];
        let kept = keep_splits(gold.clone(), &["tune".into(), "heldout".into()]).unwrap();
        assert_eq!(kept.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(), ["acme/a", "acme/b"]);
        assert_eq!(keep_splits(gold.clone(), &[]).unwrap().len(), 3, "no --splits: every split");
        assert!(keep_splits(gold.clone(), &["helduot".into()]).is_err(), "a typo is an error, not an empty report");
        let a = inst(serde_json::json!({"id": "acme/a"}));
        let c = inst(serde_json::json!({"id": "acme/c", "license": "mit"}));
        let map: HashMap<String, (ModelInstance, u64)> = [("acme/a".to_string(), (a, 1)), ("acme/c".to_string(), (c, 1))].into();
        let r = evaluate(&kept, &map, "all", 5);
        let text = render(&r);
        assert!(!text.contains("frozen") && !text.contains("acme/c"), "{text}");
        assert_eq!(r.models["all"], 1, "acme/b is not in the catalog; acme/c is left out");
        assert_eq!(r.missing, vec!["acme/b".to_string()]);
    }

    #[test]
    fn a_later_held_out_split_gets_its_own_column() {
        let a = inst(serde_json::json!({"id": "acme/a", "license": "mit"}));
        let gold = vec![
            Gold { id: "acme/a".into(), split: "heldout2".into(), license: Some(vec!["mit".into()]), ..Default::default() },
            Gold { id: "acme/a".into(), split: "tune".into(), license: Some(vec!["apache-2.0".into()]), ..Default::default() },
        ];
        let map: HashMap<String, (ModelInstance, u64)> = [("acme/a".to_string(), (a, 1))].into();
        let r = evaluate(&gold, &map, "heldout2", 5);
        let text = render(&r);
        assert!(text.contains("| fact | tune | heldout2 | all |"), "{text}");
        assert!(text.contains("| license | 0.0% | 100.0% | 50.0% |"), "{text}");
        assert!(text.contains("2 models (1 tune, 1 heldout2)"), "{text}");
        assert!(r.misses.is_empty(), "only the asked split's misses: {:?}", r.misses);
    }
}
