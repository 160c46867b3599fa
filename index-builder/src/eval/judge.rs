//! Judged requests and their predicates.
//!
//! A line: `{"id", "request": {template}, "judge": {task_any, license_any, language_any, max_params,
//! min_params, keywords_any, id_any}, "constraints": {license_any, max_params, min_params}}`.
//! `judge` says what fully satisfies the request (every present key must hold; unknown facts fail).
//! `constraints` are the hard constraints the request states; a result *violates* one only when
//! its known fact is outside it (unknown is not a violation).

use serde::Deserialize;

use crate::catalog::HubRecord;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Judge {
    #[serde(default)]
    pub task_any: Vec<String>,
    #[serde(default)]
    pub license_any: Vec<String>,
    #[serde(default)]
    pub language_any: Vec<String>,
    #[serde(default)]
    pub max_params: Option<f64>,
    #[serde(default)]
    pub min_params: Option<f64>,
    #[serde(default)]
    pub keywords_any: Vec<String>,
    #[serde(default)]
    pub id_any: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Constraints {
    #[serde(default)]
    pub license_any: Vec<String>,
    #[serde(default)]
    pub max_params: Option<f64>,
    #[serde(default)]
    pub min_params: Option<f64>,
}

impl Judge {
    /// True when the record fully satisfies the request.
    pub fn satisfied_by(&self, r: &HubRecord) -> bool {
        let eq_any =
            |list: &[String], v: Option<&str>| list.is_empty() || v.is_some_and(|v| list.iter().any(|x| x.eq_ignore_ascii_case(v)));
        if !eq_any(&self.task_any, r.pipeline_tag.as_deref()) || !eq_any(&self.license_any, r.license.as_deref()) {
            return false;
        }
        if !self.language_any.is_empty() && !r.languages.iter().any(|l| self.language_any.iter().any(|x| x.eq_ignore_ascii_case(l))) {
            return false;
        }
        if self.max_params.is_some() || self.min_params.is_some() {
            let Some(p) = r.params.map(|p| p as f64) else { return false };
            if self.max_params.is_some_and(|m| p > m) || self.min_params.is_some_and(|m| p < m) {
                return false;
            }
        }
        if !self.keywords_any.is_empty() {
            let id = r.id.to_lowercase();
            let card = r.card.as_deref().unwrap_or("").to_lowercase();
            if !self.keywords_any.iter().any(|k| {
                let k = k.to_lowercase();
                id.contains(&k) || card.contains(&k)
            }) {
                return false;
            }
        }
        if !self.id_any.is_empty() && !self.id_any.iter().any(|x| x.eq_ignore_ascii_case(&r.id)) {
            return false;
        }
        true
    }
}

impl Constraints {
    /// True when a known fact of the record breaks a stated constraint.
    pub fn violated_by(&self, r: &HubRecord) -> bool {
        if !self.license_any.is_empty() {
            if let Some(l) = r.license.as_deref() {
                if !self.license_any.iter().any(|x| x.eq_ignore_ascii_case(l)) {
                    return true;
                }
            }
        }
        if let Some(p) = r.params.map(|p| p as f64) {
            if self.max_params.is_some_and(|m| p > m) || self.min_params.is_some_and(|m| p < m) {
                return true;
            }
        }
        false
    }
}
