//! One catalog record: the Hub API's model shape, as the builder reads it.
//!
//! Why lenient: records come from the Hub API (`/api/models?full=true&cardData=true`), from our
//! crawler and from third-party dumps. Unknown keys are ignored; the Hub's own key spellings
//! (`modelId`, `pipeline_tag`, `cardData.language`, `safetensors.total`) are accepted next to the
//! flat JSONL spelling, so both inputs land in the same struct.

use serde::{Deserialize, Deserializer, Serialize};

/// A Hub model record (flat JSONL shape; Hub API aliases accepted).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HubRecord {
    #[serde(default)]
    pub id: String,
    /// Hub API spelling of the id (the API sends both `id` and `modelId`).
    #[serde(default, rename = "modelId", skip_serializing)]
    pub model_id: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub pipeline_tag: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub library_name: Option<String>,
    #[serde(default, deserialize_with = "string_list")]
    pub tags: Vec<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub license: Option<String>,
    #[serde(default, alias = "language", deserialize_with = "string_list")]
    pub languages: Vec<String>,
    #[serde(default, deserialize_with = "string_list")]
    pub datasets: Vec<String>,
    #[serde(default, deserialize_with = "opt_string_or_first")]
    pub base_model: Option<String>,
    #[serde(default, deserialize_with = "opt_count")]
    pub downloads: Option<u64>,
    #[serde(default, deserialize_with = "opt_count")]
    pub likes: Option<u64>,
    #[serde(default, alias = "createdAt", deserialize_with = "opt_string")]
    pub created_at: Option<String>,
    #[serde(default, deserialize_with = "opt_count")]
    pub params: Option<u64>,
    /// When the repository last changed (Hub API `lastModified`; the dump's `last_modified`), as
    /// RFC 3339. With `sha`, how an incremental crawl tells an unchanged model from a changed one.
    #[serde(default, alias = "lastModified", deserialize_with = "opt_string", skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// The repository's head commit (Hub API `sha`).
    #[serde(default, deserialize_with = "opt_string", skip_serializing_if = "Option::is_none")]
    pub sha: Option<String>,
    /// Hub API `gated`: `"auto"` or `"manual"` when access must be requested; absent (or the API's
    /// `false`) when the model is open.
    #[serde(default, deserialize_with = "opt_string", skip_serializing_if = "Option::is_none")]
    pub gated: Option<String>,
    #[serde(default, deserialize_with = "opt_string")]
    pub card: Option<String>,
    /// Set by the crawler when the card could not be fetched (after retries): why. Such a record's
    /// `card` is unknown rather than absent, so the next incremental crawl fetches it again.
    #[serde(default, deserialize_with = "opt_string", skip_serializing_if = "Option::is_none")]
    pub card_error: Option<String>,
    /// Hub API: `cardData` (the parsed YAML front matter) — used when `card` is absent.
    #[serde(default, rename = "cardData", skip_serializing_if = "Option::is_none")]
    pub card_data: Option<serde_json::Value>,
    /// Hub API: `safetensors: {"total": N, "parameters": {...}}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safetensors: Option<serde_json::Value>,
}

impl HubRecord {
    /// Fills flat fields from the Hub API's nested ones (cardData, safetensors, tags) where the flat
    /// ones are missing. Idempotent.
    pub fn normalize(&mut self) {
        if self.id.trim().is_empty() {
            if let Some(m) = self.model_id.take() {
                self.id = m;
            }
        }
        self.id = self.id.trim().to_string();
        if self.params.is_none() {
            self.params = self.safetensors.as_ref().and_then(|s| s.get("total")).and_then(|t| t.as_u64()).filter(|&n| n > 0);
        }
        if let Some(card) = self.card_data.as_ref() {
            if self.license.is_none() {
                self.license = card.get("license").and_then(value_as_string);
                if self.license.as_deref() == Some("other") {
                    if let Some(name) = card.get("license_name").and_then(value_as_string) {
                        self.license = Some(format!("other:{name}"));
                    }
                }
            }
            if self.languages.is_empty() {
                self.languages = card.get("language").map(value_as_list).unwrap_or_default();
            }
            if self.datasets.is_empty() {
                self.datasets = card.get("datasets").map(value_as_list).unwrap_or_default();
            }
            if self.base_model.is_none() {
                self.base_model = card.get("base_model").and_then(|v| value_as_list(v).into_iter().next());
            }
        }
        for tag in &self.tags {
            if let Some(l) = tag.strip_prefix("license:") {
                if self.license.is_none() {
                    self.license = Some(l.to_string());
                }
            } else if let Some(d) = tag.strip_prefix("dataset:") {
                if !self.datasets.iter().any(|x| x == d) {
                    self.datasets.push(d.to_string());
                }
            } else if let Some(b) = tag.strip_prefix("base_model:") {
                if self.base_model.is_none() && !b.contains(':') {
                    self.base_model = Some(b.to_string());
                }
            }
        }
        if let Some(l) = self.license.as_mut() {
            *l = l.trim().to_ascii_lowercase();
        }
    }
}

impl HubRecord {
    /// Merges a record of the same model from a catalog listed later (`--catalog A --catalog B`:
    /// B is `newer`): field by field, each of `newer`'s known values replaces this one's, and
    /// what `newer` does not know (a missing card, parameter count, license…) is kept. So an API
    /// crawl listed after the dump brings fresh downloads, parameter counts and gated status, and
    /// the dump still supplies the card when the crawl has none. Both records are normalized.
    pub fn merge_from(&mut self, newer: HubRecord) {
        fn take<T>(old: &mut Option<T>, new: Option<T>) {
            if new.is_some() {
                *old = new;
            }
        }
        fn take_list(old: &mut Vec<String>, new: Vec<String>) {
            if !new.is_empty() {
                *old = new;
            }
        }
        let HubRecord {
            id,
            model_id: _,
            pipeline_tag,
            library_name,
            tags,
            license,
            languages,
            datasets,
            base_model,
            downloads,
            likes,
            created_at,
            params,
            last_modified,
            sha,
            gated,
            card,
            card_error,
            card_data,
            safetensors,
        } = newer;
        if !id.is_empty() {
            self.id = id;
        }
        take(&mut self.pipeline_tag, pipeline_tag);
        take(&mut self.library_name, library_name);
        take_list(&mut self.tags, tags);
        take(&mut self.license, license);
        take_list(&mut self.languages, languages);
        take_list(&mut self.datasets, datasets);
        take(&mut self.base_model, base_model);
        take(&mut self.downloads, downloads);
        take(&mut self.likes, likes);
        take(&mut self.created_at, created_at);
        take(&mut self.params, params);
        take(&mut self.last_modified, last_modified);
        take(&mut self.sha, sha);
        take(&mut self.gated, gated);
        if card.is_some() {
            self.card = card;
            self.card_error = card_error;
        }
        take(&mut self.card_data, card_data);
        take(&mut self.safetensors, safetensors);
    }
}

fn value_as_string(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        serde_json::Value::Array(a) => a.iter().find_map(value_as_string),
        _ => None,
    }
}

fn value_as_list(v: &serde_json::Value) -> Vec<String> {
    match v {
        serde_json::Value::Array(a) => a.iter().filter_map(value_as_string).collect(),
        other => value_as_string(other).into_iter().collect(),
    }
}

fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    Ok(v.as_ref().and_then(value_as_string))
}

fn opt_string_or_first<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    opt_string(d)
}

fn string_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    Ok(v.as_ref().map(value_as_list).unwrap_or_default())
}

/// Counts arrive as integers, floats ("1.2e3") or numeric strings; negatives and junk become None.
fn opt_count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    let v = Option::<serde_json::Value>::deserialize(d)?;
    Ok(match v {
        Some(serde_json::Value::Number(n)) => n.as_u64().or_else(|| n.as_f64().filter(|f| f.is_finite() && *f >= 0.0).map(|f| f as u64)),
        Some(serde_json::Value::String(s)) => s.trim().parse::<f64>().ok().filter(|f| f.is_finite() && *f >= 0.0).map(|f| f as u64),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_and_hub_api_shapes_agree() {
        let flat: HubRecord = serde_json::from_str(
            r#"{"id":"a/b","pipeline_tag":"fill-mask","license":"MIT","languages":["en"],"params":110000000,"extra":1}"#,
        )
        .unwrap();
        let mut api: HubRecord = serde_json::from_str(
            r#"{"modelId":"a/b","pipeline_tag":"fill-mask","tags":["license:mit"],"cardData":{"language":"en"},"safetensors":{"total":110000000}}"#,
        )
        .unwrap();
        api.normalize();
        let mut flat = flat;
        flat.normalize();
        assert_eq!(api.license.as_deref(), Some("mit"));
        assert_eq!(flat.license, api.license);
        assert_eq!(flat.languages, api.languages);
        assert_eq!(flat.params, api.params);
    }

    #[test]
    fn a_later_catalog_wins_field_by_field_and_keeps_what_it_lacks() {
        let mut dump: HubRecord = serde_json::from_str(
            r#"{"id":"Org/M","downloads":10,"tags":["license:mit"],"card":"---\nlicense: mit\n---\n# M","last_modified":"2024-01-01T00:00:00.000Z"}"#,
        )
        .unwrap();
        dump.normalize();
        let mut api: HubRecord =
            serde_json::from_str(r#"{"id":"org/m","downloads":25,"safetensors":{"total":7},"gated":"manual","card":null}"#).unwrap();
        api.normalize();
        dump.merge_from(api);
        assert_eq!((dump.id.as_str(), dump.downloads, dump.params, dump.gated.as_deref()), ("org/m", Some(25), Some(7), Some("manual")));
        assert_eq!(dump.license.as_deref(), Some("mit"));
        assert!(dump.card.as_deref().unwrap().ends_with("# M"), "the dump's card stays when the crawl has none");
        assert_eq!(dump.last_modified.as_deref(), Some("2024-01-01T00:00:00.000Z"));
        let newer = HubRecord { card: Some("# new".into()), ..Default::default() };
        dump.merge_from(newer);
        assert_eq!((dump.id.as_str(), dump.card.as_deref()), ("org/m", Some("# new")));
    }

    #[test]
    fn junk_counts_become_none() {
        let r: HubRecord = serde_json::from_str(r#"{"id":"a/b","downloads":-3,"likes":"12","params":"x"}"#).unwrap();
        assert_eq!((r.downloads, r.likes, r.params), (None, Some(12), None));
    }
}
