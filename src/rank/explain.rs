//! Why a model scored what it did: per search field, the matched terms and their share of the
//! BM25F score; plus the task bonus and the prior.
//!
//! Why recompute instead of recording during scoring: recording per-field detail for every
//! touched document would slow every query down for the sake of the ten shown. Explaining re-reads
//! the query's posting lists once for just the shown documents.

use serde::{Deserialize, Serialize};

use super::query::Query;
use super::scorer::{idf, ScoreParts, Scorer};
use crate::index::postings::{Posting, PostingIter};
use crate::index::{Index, SearchField};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TermMatch {
    pub term: String,
    /// The request's word (for highlighting).
    pub surface: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    pub tf: u32,
    pub score: f32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldMatch {
    pub field: SearchField,
    pub score: f32,
    pub terms: Vec<TermMatch>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    pub bm25f: f32,
    pub task_bonus: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task_intent: Option<String>,
    pub prior: f32,
    pub fields: Vec<FieldMatch>,
    /// Request words read as corrected: "sumarize → summarize".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corrected: Vec<String>,
    /// Learned related words added below the request's own: "angry → emotion".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expanded: Vec<String>,
    /// Request phrases read as the device it runs on, not searched: "8GB graphics card".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_searched: Vec<String>,
}

/// Explains the given docs (in the order given).
#[inline(never)] // a query phase: keep it visible to profilers
pub fn explain(index: &Index, scorer: &Scorer, query: &Query, docs: &[(u32, ScoreParts)]) -> Vec<Explanation> {
    // The shown docs in doc order: posting lists are in doc order too, so one cursor per list
    // finds them (a repeated doc explains its last slot).
    let mut slots: Vec<(u32, usize)> = docs.iter().enumerate().map(|(i, (d, _))| (*d, i)).collect();
    slots.sort_unstable();
    let mut out: Vec<Explanation> = docs
        .iter()
        .map(|(d, parts)| {
            let task = index.doc_task(*d);
            let intent = query.intents.iter().find(|i| Some(i.tag.as_str()) == task);
            Explanation {
                bm25f: parts.bm25f,
                task_bonus: parts.task_bonus,
                task_intent: intent.map(|i| format!("{} ({})", i.tag, i.because)),
                prior: parts.prior,
                fields: Vec::new(),
                corrected: query.corrections.iter().map(ToString::to_string).collect(),
                expanded: query.expansions.clone(),
                not_searched: query.not_searched.clone(),
            }
        })
        .collect();
    let n = index.doc_count();
    for qt in &query.terms {
        let Some(entry) = index.term(&qt.term) else { continue };
        if scorer.too_common(entry.doc_freq, n, query) {
            continue;
        }
        let w = qt.weight * idf(n, entry.doc_freq);
        // Each shown doc (its last slot) in doc order; the list is read from the position the
        // scoring loop noted last before it (`Scorer::marks`), or on from where the previous doc
        // stopped: the same postings reach the same slots as reading the whole list would.
        let marks = scorer.marks(entry.postings);
        let mut postings = PostingIter::new(entry.postings);
        let mut current = None;
        let mut next = 0;
        while let Some(&(doc, _)) = slots.get(next) {
            let mut i = 0;
            while let Some(s) = slots.get(next).filter(|s| s.0 == doc) {
                i = s.1;
                next += 1;
            }
            if current.is_none_or(|p: Posting| p.doc < doc) {
                let before = marks.partition_point(|m| m.1 < doc).max(1) - 1;
                if let Some(&mark) = marks.get(before).filter(|m| m.0 > postings.position().0) {
                    postings = PostingIter::resume(entry.postings, mark);
                }
                current = postings.by_ref().find(|p| p.doc >= doc);
            }
            let Some(p) = current else { break };
            if p.doc != doc {
                continue;
            }
            let parts: Vec<(usize, u8, f32)> = p
                .fields
                .chunks_exact(2)
                .map(|pair| (pair[0] as usize, pair[1], scorer.field_tf(index, p.doc, pair[0] as usize, pair[1])))
                .collect();
            let total: f32 = parts.iter().map(|x| x.2).sum();
            if total <= 0.0 {
                continue;
            }
            let term_score = w * scorer.saturate(total) * scorer.sense_share(index, p.doc, query, &qt.term);
            for (field, tf, share) in parts {
                let Some(sf) = SearchField::from_code(field as u8) else { continue };
                let fields = &mut out[i].fields;
                let fm = match fields.iter_mut().position(|f| f.field == sf) {
                    Some(k) => &mut fields[k],
                    None => {
                        fields.push(FieldMatch { field: sf, score: 0.0, terms: Vec::new() });
                        fields.last_mut().expect("just pushed")
                    }
                };
                let s = term_score * share / total;
                fm.score += s;
                fm.terms.push(TermMatch {
                    term: qt.term.clone(),
                    surface: qt.surface.clone(),
                    via: qt.via.clone(),
                    tf: u32::from(tf),
                    score: s,
                });
            }
        }
    }
    for e in &mut out {
        e.fields.sort_by(|a, b| b.score.total_cmp(&a.score));
        for f in &mut e.fields {
            f.terms.sort_by(|a, b| b.score.total_cmp(&a.score));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Lexicon;
    use crate::rank::RankParams;
    use crate::template::Template;

    #[test]
    fn explaining_from_the_noted_positions_reads_what_the_whole_lists_give() {
        // Lists of hundreds of postings (many noted positions), shown docs anywhere in them,
        // repeated, out of order, at the ends: the jumps give exactly a full read's explanation.
        let rows: Vec<(String, String)> = (0..900)
            .map(|i| {
                let words = match i % 4 {
                    0 => "summarize legal contracts and court rulings",
                    1 => "summarize news articles",
                    2 => "legal question answering",
                    _ => "a filler model",
                };
                (format!("org/model-{i}"), format!("{words} number {i}"))
            })
            .collect();
        let table: Vec<(&str, &str, &str, &str)> =
            rows.iter().map(|(id, text)| (id.as_str(), "mit", "summarization", text.as_str())).collect();
        let engine = crate::select::testing::engine_of(&table);
        let params = RankParams::default();
        let request = Template { function: Some("summarize legal contracts".into()), ..Default::default() };
        let query = Query::understand(&Lexicon::new(), None, &request, &params);
        let mut noted = Scorer::new(&engine.index, &params);
        let scored = noted.score(&engine.index, &query, &params);
        assert!(scored.len() > 600);
        let unnoted = Scorer::new(&engine.index, &params);
        let part = |d: u32| scored.iter().find(|s| s.0 == d).copied().unwrap_or((d, ScoreParts::default()));
        for docs in [vec![0u32], vec![896], vec![5, 400, 401, 898], vec![700, 3, 700, 64, 65, 128, 0], (0..900).step_by(37).collect()] {
            let docs: Vec<(u32, ScoreParts)> = docs.into_iter().map(part).collect();
            let want = explain(&engine.index, &unnoted, &query, &docs);
            assert_eq!(explain(&engine.index, &noted, &query, &docs), want, "{docs:?}");
            assert!(want.iter().any(|e| !e.fields.is_empty()), "{docs:?} {:?}", query.terms);
        }
    }
}
