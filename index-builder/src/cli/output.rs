//! The search command's JSON Lines contract (used by outside tools; keep it stable):
//! `{"request_id": "...", "results": [{"id": "org/name", "score": 12.3, "verdicts": {...},
//! "explanation": {...}, ...facts}]}` in rank order.

use ptmpicker::select::{RankedModel, Selection};
use serde_json::{json, Map, Value};

pub fn result_json(r: &RankedModel) -> Value {
    let mut verdicts = Map::new();
    for v in &r.verdicts {
        verdicts.insert(
            v.field.name().to_string(),
            json!({
                "status": v.verdict.status,
                "decided_by": v.verdict.decided_by,
                "reason": v.verdict.reason,
                "requirement": v.requirement,
            }),
        );
    }
    let s = &r.summary;
    json!({
        "id": s.id,
        "score": (r.score * 1000.0).round() / 1000.0,
        "task": s.task,
        "license": s.license,
        "params": s.params,
        "downloads": s.downloads,
        "likes": s.likes,
        "languages": s.languages,
        "verdicts": verdicts,
        "explanation": r.explanation,
    })
}

pub fn selection_json(request_id: &str, selection: &Selection) -> Value {
    json!({
        "request_id": request_id,
        "results": selection.results.iter().map(result_json).collect::<Vec<_>>(),
        "intents": selection.intents,
        "matched": selection.matched,
        "violations_filtered": selection.violations_filtered,
    })
}
