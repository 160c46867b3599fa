//! `index-builder stats`: the paper's RQ2 — how many models document each of the 33 template
//! attributes, and how downloads differ with vs without it — as a table and as JSON.
//!
//! Why the same builder as the index: numbers come from `ptmpicker::index::insights::InsightsBuilder`
//! over the same extracted instances `build` indexes, so `stats --catalog` and the insights shipped
//! inside `index.bin` (`stats --index`) agree exactly for the same catalog and `--min-downloads`.

use anyhow::anyhow;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use ptmpicker::human::human_count;
use ptmpicker::index::insights::{Insights, InsightsBuilder};
use ptmpicker::template::{Field, FieldRole};
use serde_json::{json, Value};

use crate::catalog::read_catalog;
use crate::cli::build::progress;
use crate::extract::extract;
use crate::io_util::{open_input, write_atomic, Result};

#[derive(Args)]
#[command(group(clap::ArgGroup::new("input").required(true).args(["catalog", "index"])))]
pub struct StatsArgs {
    /// Catalog (JSON Lines or Hub API array; "-" = stdin): extract every record and count.
    #[arg(long)]
    pub catalog: Option<PathBuf>,
    /// An index built by `build`: print the insights it carries.
    #[arg(long)]
    pub index: Option<PathBuf>,
    /// With --catalog: skip models with fewer downloads (as `build --min-downloads`).
    #[arg(long, default_value_t = 0)]
    pub min_downloads: u64,
    /// Also write the numbers as JSON (for the app's insights page).
    #[arg(long)]
    pub json: Option<PathBuf>,
}

/// Per field: instances whose value came from each source (only with --catalog).
type SourceCounts = BTreeMap<Field, BTreeMap<&'static str, u32>>;

fn role_name(r: FieldRole) -> &'static str {
    match r {
        FieldRole::Trivial => "function",
        FieldRole::RuleChecked => "rule_checked",
        FieldRole::LlmChecked => "llm_checked",
    }
}

/// Computes insights for a catalog exactly as `build` does.
pub fn catalog_insights(args_catalog: &std::path::Path, min_downloads: u64) -> Result<(Insights, SourceCounts, usize)> {
    let input = open_input(args_catalog)?;
    let (records, report) = read_catalog(input, min_downloads).map_err(|e| anyhow!("reading {}: {e}", args_catalog.display()))?;
    if records.is_empty() {
        return Err(anyhow!("no usable records in {} ({} read, {} skipped)", args_catalog.display(), report.read, report.skipped_total()));
    }
    let bar = progress(records.len() as u64, "extracting");
    let mut builder = InsightsBuilder::new();
    let mut sources: SourceCounts = BTreeMap::new();
    for (i, record) in records.iter().enumerate() {
        let instance = extract(record);
        builder.add(&instance);
        for &(field, source) in &instance.sources {
            if instance.template.get(field).is_some() {
                *sources.entry(field).or_default().entry(source.key()).or_default() += 1;
            }
        }
        if i % 1024 == 0 {
            bar.set_position(i as u64);
        }
    }
    bar.finish_and_clear();
    Ok((builder.finish(), sources, report.skipped_total()))
}

/// The JSON document: the index's `Insights` shape plus a label, role, share and sources per field.
pub fn insights_json(source: &str, insights: &Insights, sources: Option<&SourceCounts>) -> Value {
    let n = insights.models.max(1) as f64;
    let fields: Vec<Value> = insights
        .fields
        .iter()
        .map(|f| {
            let mut v = json!({
                "field": f.field.name(),
                "label": f.field.label(),
                "role": role_name(f.field.role()),
                "documented": f.documented,
                "share": round(f.documented as f64 / n, 4),
                "mean_downloads_with": round(f.mean_downloads_with, 2),
                "median_downloads_with": f.median_downloads_with,
                "mean_downloads_without": round(f.mean_downloads_without, 2),
                "median_downloads_without": f.median_downloads_without,
            });
            if let Some(s) = sources {
                v["sources"] = json!(s.get(&f.field).cloned().unwrap_or_default());
            }
            v
        })
        .collect();
    json!({
        "source": source,
        "models": insights.models,
        "models_with_card": insights.models_with_card,
        "fields": fields,
    })
}

fn round(x: f64, digits: i32) -> f64 {
    let p = 10f64.powi(digits);
    (x * p).round() / p
}

/// Downloads (a mean or median) the way the page shows them.
fn human(x: f64) -> String {
    human_count(x.round() as u64)
}

/// The readable table.
pub fn insights_table(insights: &Insights) -> String {
    let n = insights.models.max(1) as f64;
    let mut out = format!(
        "models {} · with a card {} ({:.1}%)\n\n{:<20} {:>12} {:>7} {:>10} {:>10} {:>10} {:>10} {:>8}\n",
        insights.models,
        insights.models_with_card,
        insights.models_with_card as f64 * 100.0 / n,
        "attribute",
        "documented",
        "share",
        "mean w/",
        "mean w/o",
        "median w/",
        "median w/o",
        "ratio"
    );
    out.push_str(&format!(
        "{:<20} {:>12} {:>7} {:>10} {:>10} {:>10} {:>10} {:>8}\n",
        "", "", "", "downloads", "downloads", "downloads", "downloads", "medians"
    ));
    for f in &insights.fields {
        let ratio = if f.documented == 0 || f.median_downloads_without <= 0.0 {
            "-".to_string()
        } else {
            format!("{:.2}×", f.median_downloads_with / f.median_downloads_without)
        };
        out.push_str(&format!(
            "{:<20} {:>12} {:>6.1}% {:>10} {:>10} {:>10} {:>10} {:>8}\n",
            f.field.label(),
            f.documented,
            f.documented as f64 * 100.0 / n,
            human(f.mean_downloads_with),
            human(f.mean_downloads_without),
            human(f.median_downloads_with),
            human(f.median_downloads_without),
            ratio
        ));
    }
    out.push_str(
        "\n\"documented\": the card or metadata gives the attribute (values inferred from the task taxonomy alone don't count).\n",
    );
    out
}

pub fn run(args: StatsArgs) -> Result<ExitCode> {
    let (source, insights, sources) = match (&args.catalog, &args.index) {
        (Some(catalog), _) => {
            let (insights, sources, skipped) = catalog_insights(catalog, args.min_downloads)?;
            if skipped > 0 {
                eprintln!("skipped {skipped} catalog records (see `build` for the reasons)");
            }
            (catalog.display().to_string(), insights, Some(sources))
        }
        (None, Some(index)) => {
            let decoded = super::shard_files::load(index)?;
            (index.display().to_string(), decoded.insights, None)
        }
        (None, None) => unreachable!("clap requires --catalog or --index"),
    };
    if insights.fields.is_empty() {
        return Err(anyhow!("{source} carries no insights"));
    }
    print!("{}", insights_table(&insights));
    if let Some(path) = &args.json {
        let doc = insights_json(&source, &insights, sources.as_ref());
        let mut text = serde_json::to_vec_pretty(&doc).expect("json");
        text.push(b'\n');
        write_atomic(path, &text)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::HubRecord;

    fn record(json: Value) -> HubRecord {
        let mut r: HubRecord = serde_json::from_value(json).unwrap();
        r.normalize();
        r
    }

    #[test]
    fn json_and_table_match_the_builder() {
        let records = [
            record(
                json!({"id": "a/one", "pipeline_tag": "fill-mask", "license": "mit", "downloads": 100, "card": "---\nlicense: mit\n---\n# One\n\nA masked language model for English.\n\n## Limitations\n\nIt is biased.\n"}),
            ),
            record(json!({"id": "a/two", "pipeline_tag": "fill-mask", "downloads": 10})),
            record(json!({"id": "a/three", "downloads": 1})),
        ];
        let mut b = InsightsBuilder::new();
        for r in &records {
            b.add(&extract(r));
        }
        let insights = b.finish();
        let doc = insights_json("test", &insights, None);
        assert_eq!(doc["models"], 3);
        let fields = doc["fields"].as_array().unwrap();
        assert_eq!(fields.len(), 33);
        let license = fields.iter().find(|f| f["field"] == "license").unwrap();
        assert_eq!(license["documented"], 1);
        assert_eq!(license["median_downloads_with"], 100.0);
        assert_eq!(license["median_downloads_without"], 5.5);
        assert_eq!(license["role"], "rule_checked");
        let table = insights_table(&insights);
        assert_eq!(table.lines().filter(|l| l.starts_with("License ")).count(), 1, "{table}");
        assert!(table.starts_with("models 3 · with a card 1"), "{table}");
    }
}
