//! Synthesized search requests (paper §4.2): take a model-populated instance (from `extract`),
//! mutate a few of its attributes with valid alternatives, and record what the mutated request
//! should produce — per-field verdicts for the origin model, and a judge predicate over the whole
//! catalog in `index-builder eval`'s format.
//!
//! Data flows: catalog records → eligible origins (known task, and a license family, a named
//! language or a parameter count) in a task-stratified, seeded order → per origin and variant, a
//! draft ([`mutate`] rules) → judge checked against the catalog (at least `min_satisfying` models
//! must fully satisfy it, else redrawn) → one JSON line.
//!
//! Why the judge reads raw catalog facts (pipeline_tag, license, languages, params) and not the
//! extracted ones: `eval` judges from the raw catalog, so a request's expected verdicts and its
//! judge can never disagree about the origin (checked for every request).
//!
//! With an LLM configured, `synthesize` then rewords part of each request's free text by
//! mask-and-infill ([`infill`]); requests whose infill fails a check stay as the rules wrote them.
//!
//! Deterministic: the same catalog, seed and options give byte-identical output.

pub mod bench;
pub mod fake_catalog;
pub mod infill;
pub mod mutate;
pub mod prng;

use std::collections::{BTreeMap, HashMap, HashSet};

use ptmpicker::facts::ModelInstance;
use ptmpicker::knowledge::languages::name as language_name;
use ptmpicker::knowledge::licenses::{classify, Family};
use ptmpicker::knowledge::tasks::{task_by_tag, TaskInfo};
use ptmpicker::template::Field;
use serde::Serialize;

use crate::catalog::HubRecord;
use mutate::{mutate_language, mutate_modality, mutate_size, LicenseUniverse, Mutation};
use prng::Rng;

#[derive(Clone, Debug)]
pub struct SynthOptions {
    pub seed: u64,
    /// Requests per origin model (distinct mutation draws).
    pub per_model: usize,
    /// Total requests.
    pub limit: usize,
    /// A request is kept only when at least this many catalog models fully satisfy its judge.
    pub min_satisfying: usize,
    /// Most attributes mutated in one request.
    pub max_mutations: usize,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions { seed: 42, per_model: 1, limit: 500, min_satisfying: 1, max_mutations: 3 }
    }
}

/// `eval`'s judge: every key present, unused ones `null` / `[]`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct JudgeOut {
    pub task_any: Vec<String>,
    pub license_any: Vec<String>,
    pub language_any: Vec<String>,
    pub max_params: Option<u64>,
    pub min_params: Option<u64>,
    pub keywords_any: Vec<String>,
    pub id_any: Vec<String>,
}

/// `eval`'s hard constraints.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ConstraintsOut {
    pub license_any: Vec<String>,
    pub max_params: Option<u64>,
    pub min_params: Option<u64>,
}

/// One synthesized, judged request (a line of the output).
#[derive(Clone, Debug, Serialize)]
pub struct SynthRequest {
    pub id: String,
    /// The model whose instance was mutated.
    pub origin: String,
    pub mutations: Vec<Mutation>,
    /// Template fields (names as in `Template`).
    pub request: BTreeMap<&'static str, String>,
    /// What the origin model should get: `task` match/mismatch, and satisfied/violated for each
    /// mutated requirement.
    pub expected: BTreeMap<&'static str, &'static str>,
    /// True when every expectation is satisfied/match: the origin is a correct answer.
    pub origin_satisfies: bool,
    /// Catalog models that fully satisfy the judge.
    pub satisfying: usize,
    pub judge: JudgeOut,
    pub constraints: ConstraintsOut,
}

/// Same semantics as `tests/eval/check_set.py` `satisfies` (and `eval`'s judge).
pub fn judge_holds(j: &JudgeOut, r: &HubRecord) -> bool {
    if !j.task_any.is_empty() && !r.pipeline_tag.as_ref().is_some_and(|t| j.task_any.contains(t)) {
        return false;
    }
    if !j.license_any.is_empty() && !r.license.as_ref().is_some_and(|l| j.license_any.contains(l)) {
        return false;
    }
    if !j.language_any.is_empty() && !r.languages.iter().any(|l| j.language_any.contains(l)) {
        return false;
    }
    if j.max_params.is_some() || j.min_params.is_some() {
        let Some(p) = r.params else { return false };
        if j.max_params.is_some_and(|m| p > m) || j.min_params.is_some_and(|m| p < m) {
            return false;
        }
    }
    if !j.keywords_any.is_empty() {
        let text = format!("{}\n{}", r.id, r.card.as_deref().unwrap_or("")).to_lowercase();
        if !j.keywords_any.iter().any(|k| text.contains(&k.to_lowercase())) {
            return false;
        }
    }
    if !j.id_any.is_empty() && !j.id_any.iter().any(|i| i.eq_ignore_ascii_case(&r.id)) {
        return false;
    }
    true
}

/// Counts of what was generated.
#[derive(Debug, Default, Serialize)]
pub struct SynthReport {
    pub requests: usize,
    pub origins: usize,
    pub eligible_origins: usize,
    pub origin_satisfies: usize,
    /// "field/kind" → count.
    pub mutations: BTreeMap<String, usize>,
    pub tasks: BTreeMap<String, usize>,
    /// Drafts redrawn because fewer than `min_satisfying` models satisfied them.
    pub redrawn: usize,
    pub satisfying_min: usize,
    pub satisfying_median: usize,
    pub satisfying_max: usize,
}

pub struct Synthesizer<'a> {
    records: &'a [HubRecord],
    by_task: HashMap<&'a str, Vec<usize>>,
    /// task → license → models (for weighting exact-id license wishes).
    licenses_by_task: HashMap<&'a str, HashMap<&'a str, usize>>,
    universe: LicenseUniverse,
    task_pool: Vec<&'static TaskInfo>,
    opts: SynthOptions,
}

/// Shortens a function text to its first sentence, at most ~240 characters, at a word boundary.
fn shorten(text: &str) -> String {
    let first = text.split_inclusive(". ").next().unwrap_or(text).trim();
    if first.chars().count() <= 240 {
        return first.trim_end_matches('.').to_string();
    }
    let cut: String = first.chars().take(240).collect();
    match cut.rfind(' ') {
        Some(i) if i > 120 => cut[..i].to_string(),
        _ => cut,
    }
}

impl<'a> Synthesizer<'a> {
    pub fn new(records: &'a [HubRecord], opts: SynthOptions) -> Synthesizer<'a> {
        let mut by_task: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut licenses_by_task: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            if let Some(t) = r.pipeline_tag.as_deref() {
                by_task.entry(t).or_default().push(i);
                if let Some(l) = r.license.as_deref() {
                    *licenses_by_task.entry(t).or_default().entry(l).or_default() += 1;
                }
            }
        }
        let universe = LicenseUniverse::new(records.iter().filter_map(|r| r.license.as_deref()));
        // Swap targets: tasks the catalog holds enough of for a judge to be satisfiable.
        let count = |t: &TaskInfo| by_task.get(t.tag).map_or(0, Vec::len);
        let mut task_pool: Vec<&'static TaskInfo> = ptmpicker::knowledge::tasks::TASKS.iter().filter(|t| count(t) >= 20).collect();
        if task_pool.len() < 2 {
            task_pool = ptmpicker::knowledge::tasks::TASKS.iter().filter(|t| count(t) >= 1).collect();
        }
        Synthesizer { records, by_task, licenses_by_task, universe, task_pool, opts }
    }

    fn eligible(&self, r: &HubRecord) -> bool {
        r.pipeline_tag.as_deref().and_then(task_by_tag).is_some()
            && (r.license.as_deref().is_some_and(|l| classify(l).family != Family::Unknown)
                || r.languages.iter().any(|l| language_name(l).is_some())
                || r.params.is_some())
    }

    /// Eligible origins, stratified by task: each task's models shuffled, then taken round-robin
    /// over tasks (sorted by tag), so a small set still spans many tasks.
    pub fn origins(&self) -> Vec<usize> {
        let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, r) in self.records.iter().enumerate() {
            if self.eligible(r) {
                groups.entry(r.pipeline_tag.as_deref().unwrap_or("")).or_default().push(i);
            }
        }
        for (tag, g) in groups.iter_mut() {
            Rng::for_key(self.opts.seed, tag).shuffle(g);
        }
        let mut order = Vec::new();
        let mut round = 0;
        loop {
            let before = order.len();
            for g in groups.values() {
                if let Some(&i) = g.get(round) {
                    order.push(i);
                }
            }
            if order.len() == before {
                break;
            }
            round += 1;
        }
        order
    }

    pub fn satisfying(&self, judge: &JudgeOut) -> usize {
        let candidates: Vec<usize> = if judge.task_any.is_empty() {
            (0..self.records.len()).collect()
        } else {
            judge.task_any.iter().flat_map(|t| self.by_task.get(t.as_str()).cloned().unwrap_or_default()).collect()
        };
        candidates.into_iter().filter(|&i| judge_holds(judge, &self.records[i])).count()
    }

    /// One mutated request from origin `r` (its extracted instance `inst`), without id/satisfying.
    pub fn draft(&self, rng: &mut Rng, r: &HubRecord, inst: &ModelInstance) -> Option<SynthRequest> {
        let tag = r.pipeline_tag.as_deref()?;
        let task = task_by_tag(tag)?;
        let mut special: Vec<&str> = Vec::new();
        if r.license.as_deref().is_some_and(|l| classify(l).family != Family::Unknown) {
            special.push("license");
        }
        if r.languages.iter().any(|l| language_name(l).is_some()) {
            special.push("language");
        }
        if r.params.is_some() {
            special.push("parameter_size");
        }
        let mut kinds = special.clone();
        // A modality swap makes the origin off-task; keep it to about a third of the requests.
        if self.task_pool.len() > 1 && (special.is_empty() || rng.chance(0.3)) {
            kinds.push("modality");
        }
        if kinds.is_empty() {
            return None;
        }
        rng.shuffle(&mut kinds);
        let k = 1 + rng.below(kinds.len().min(self.opts.max_mutations.max(1)));
        let mut chosen: Vec<&str> = kinds[..k].to_vec();
        if chosen == ["modality"] && !special.is_empty() {
            chosen.push(special[rng.below(special.len())]);
        }

        let mut out = SynthRequest {
            id: String::new(),
            origin: r.id.clone(),
            mutations: Vec::new(),
            request: BTreeMap::new(),
            expected: BTreeMap::new(),
            origin_satisfies: false,
            satisfying: 0,
            judge: JudgeOut::default(),
            constraints: ConstraintsOut::default(),
        };

        // Function-related fields: the origin's, or another task's after a modality swap.
        let swapped = if chosen.contains(&"modality") { mutate_modality(rng, task, &self.task_pool) } else { None };
        match &swapped {
            Some((m, other)) => {
                out.mutations.push(m.clone());
                out.request.insert(Field::Function.name(), format!("a model for {}", other.cues[0]));
                out.request.insert(Field::InputFormat.name(), other.input.to_string());
                out.request.insert(Field::OutputFormat.name(), other.output.to_string());
                if rng.chance(0.5) {
                    out.request.insert(Field::Task.name(), other.tag.to_string());
                }
                out.judge.task_any = vec![other.tag.to_string()];
                out.expected.insert("task", "mismatch");
            }
            None => {
                let function = inst.template.get(Field::Function).map(shorten).unwrap_or_else(|| format!("a model for {}", task.cues[0]));
                out.request.insert(Field::Function.name(), function);
                if rng.chance(0.5) {
                    out.request.insert(Field::Task.name(), tag.to_string());
                }
                if rng.chance(0.35) {
                    out.request.insert(Field::InputFormat.name(), task.input.to_string());
                }
                if rng.chance(0.35) {
                    out.request.insert(Field::OutputFormat.name(), task.output.to_string());
                }
                if let Some(domain) = inst.template.get(Field::Domain).filter(|_| rng.chance(0.3)) {
                    out.request.insert(Field::Domain.name(), shorten(domain));
                }
                out.judge.task_any = vec![tag.to_string()];
                out.expected.insert("task", "match");
            }
        }

        // Requirements: each mutated compatibly or incompatibly.
        let judged_task = out.judge.task_any[0].clone();
        let counts = self.licenses_by_task.get(judged_task.as_str());
        let weight = |id: &str| counts.and_then(|c| c.get(id)).copied().unwrap_or(0);
        for field in chosen.iter().filter(|f| **f != "modality") {
            let compatible = rng.chance(0.55);
            let verdict = if compatible { "satisfied" } else { "violated" };
            match *field {
                "license" => {
                    let Some((m, wish)) = self.universe.mutate(rng, r.license.as_deref()?, compatible, &weight) else { continue };
                    out.request.insert(Field::License.name(), wish.text.clone());
                    out.judge.license_any = wish.ids.clone();
                    out.constraints.license_any = wish.ids;
                    out.expected.insert("license", verdict);
                    out.mutations.push(m);
                }
                "language" => {
                    let Some((m, code, text)) = mutate_language(rng, &r.languages, compatible) else { continue };
                    out.request.insert(Field::Language.name(), text);
                    out.judge.language_any = vec![code];
                    out.expected.insert("language", verdict);
                    out.mutations.push(m);
                }
                "parameter_size" => {
                    let Some((m, max, min, text)) = mutate_size(rng, r.params?, compatible) else { continue };
                    out.request.insert(Field::ParameterSize.name(), text);
                    (out.judge.max_params, out.judge.min_params) = (max, min);
                    (out.constraints.max_params, out.constraints.min_params) = (max, min);
                    out.expected.insert("parameter_size", verdict);
                    out.mutations.push(m);
                }
                _ => {}
            }
        }
        if out.mutations.is_empty() {
            return None;
        }
        out.origin_satisfies = out.expected.values().all(|v| matches!(*v, "satisfied" | "match"));
        // The expectations and the judge must agree about the origin itself.
        if judge_holds(&out.judge, r) != out.origin_satisfies {
            return None;
        }
        Some(out)
    }

    /// Generates the requests, calling `emit` for each, in order. `extract` turns an origin record
    /// into its instance (the deterministic extractor in production).
    pub fn run(
        &self,
        extract: impl Fn(&HubRecord) -> ModelInstance,
        mut emit: impl FnMut(&SynthRequest) -> crate::io_util::Result<()>,
    ) -> crate::io_util::Result<SynthReport> {
        let origins = self.origins();
        let mut report = SynthReport { eligible_origins: origins.len(), ..Default::default() };
        let mut satisfying = Vec::new();
        'origins: for &i in &origins {
            if report.requests >= self.opts.limit {
                break;
            }
            let r = &self.records[i];
            let inst = extract(r);
            let mut seen: HashSet<String> = HashSet::new();
            let mut used = false;
            for v in 0..self.opts.per_model.max(1) {
                let mut rng = Rng::for_key(self.opts.seed, &format!("{}#{v}", r.id));
                for _attempt in 0..8 {
                    let Some(mut req) = self.draft(&mut rng, r, &inst) else { continue };
                    let key =
                        serde_json::to_string(&req.request).unwrap_or_default() + &serde_json::to_string(&req.judge).unwrap_or_default();
                    if seen.contains(&key) {
                        continue;
                    }
                    req.satisfying = self.satisfying(&req.judge);
                    if req.satisfying < self.opts.min_satisfying.max(1) {
                        report.redrawn += 1;
                        continue;
                    }
                    seen.insert(key);
                    req.id = format!("syn-{}-{:05}", self.opts.seed, report.requests + 1);
                    emit(&req)?;
                    used = true;
                    report.requests += 1;
                    report.origin_satisfies += req.origin_satisfies as usize;
                    for m in &req.mutations {
                        *report.mutations.entry(format!("{}/{}", m.field, m.kind)).or_default() += 1;
                    }
                    *report.tasks.entry(req.judge.task_any.join("|")).or_default() += 1;
                    satisfying.push(req.satisfying);
                    if report.requests >= self.opts.limit {
                        report.origins += used as usize;
                        break 'origins;
                    }
                    break;
                }
            }
            report.origins += used as usize;
        }
        satisfying.sort_unstable();
        if !satisfying.is_empty() {
            report.satisfying_min = satisfying[0];
            report.satisfying_median = satisfying[satisfying.len() / 2];
            report.satisfying_max = satisfying[satisfying.len() - 1];
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests;
