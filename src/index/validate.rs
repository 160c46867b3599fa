//! Structural checks run after decoding, so that every later slice and index operation on an
//! [`Index`] is in bounds. Why: the decoder must never panic, whatever bytes it is handed (a valid
//! checksum only proves the bytes weren't damaged in transit, not that a writer was correct).

use super::fields::FIELD_COUNT;
use super::format::{EvidenceColumns, Index};

pub(super) fn check_ends(name: &str, ends: &[u32], arena_len: usize, text: Option<&str>) -> Result<(), String> {
    let mut prev = 0u32;
    for (i, &e) in ends.iter().enumerate() {
        if e < prev || e as usize > arena_len {
            return Err(format!("{name}[{i}] = {e} is out of order or past the end ({arena_len})"));
        }
        if let Some(t) = text {
            if !t.is_char_boundary(e as usize) {
                return Err(format!("{name}[{i}] splits a character"));
            }
        }
        prev = e;
    }
    Ok(())
}

pub(super) fn check_len(name: &str, len: usize, want: usize) -> Result<(), String> {
    if len != want {
        return Err(format!("{name} has {len} entries, expected {want}"));
    }
    Ok(())
}

pub fn validate(index: &Index) -> Result<(), String> {
    let d = &index.docs;
    let n = d.task.len();
    if index.meta.doc_count as usize != n {
        return Err(format!("header says {} models, table has {n}", index.meta.doc_count));
    }
    for (name, len) in [
        ("license", d.license.len()),
        ("library", d.library.len()),
        ("params", d.params.len()),
        ("quant_bits", d.quant_bits.len()),
        ("card_quality", d.card_quality.len()),
        ("downloads", d.downloads.len()),
        ("likes", d.likes.len()),
        ("lang_ends", d.lang_ends.len()),
        ("size_basis", d.size_basis.len()),
        ("direction_source", d.direction_source.len()),
        ("direction_target", d.direction_target.len()),
    ] {
        check_len(name, len, n)?;
    }
    // A head with document shards keeps no ids or stored text (they come with them, checked on
    // install).
    let stored_docs = if index.shards.as_ref().is_some_and(|m| !m.first_doc.is_empty()) { 0 } else { n };
    check_len("stored.entry_ends", index.stored.entry_ends.len(), stored_docs)?;
    check_len("stored.id_ends", index.stored.id_ends.len(), stored_docs)?;
    let vocab = index.vocab.words.len();
    for (name, col) in [
        ("task", &d.task),
        ("license", &d.license),
        ("library", &d.library),
        ("languages", &d.languages),
        ("direction_source", &d.direction_source),
        ("direction_target", &d.direction_target),
    ] {
        if let Some(bad) = col.iter().find(|&&c| c as usize > vocab) {
            return Err(format!("{name} refers to vocabulary entry {bad}, but there are {vocab}"));
        }
    }
    check_ends("lang_ends", &d.lang_ends, d.languages.len(), None)?;
    check_evidence(&index.stored.evidence, stored_docs)?;

    let s = &index.stored;
    let entries = s.text_ends.len();
    check_len("stored.entry_field", s.entry_field.len(), entries)?;
    check_len("stored.entry_source", s.entry_source.len(), entries)?;
    check_ends("stored.entry_ends", &s.entry_ends, entries, None)?;
    check_ends("stored.text_ends", &s.text_ends, s.text.len(), Some(&s.text))?;
    check_ends("stored.id_ends", &s.id_ends, s.ids.len(), Some(&s.ids))?;

    let t = &index.terms;
    let terms = t.doc_freq.len();
    // A head whose term strings travel in postings shards keeps only the learned tables' terms
    // (checked here) and each shard's first (checked with the manifest); a shard's strings are
    // checked when it is installed.
    let sharded_terms = index.shards.as_ref().is_some_and(|m| m.postings_len() > 0);
    check_len("terms.ends", t.ends.len(), if sharded_terms { 0 } else { terms })?;
    check_len("terms.postings_ends", t.postings_ends.len(), terms)?;
    check_ends("terms.ends", &t.ends, t.arena.len(), Some(&t.arena))?;
    check_ends("terms.postings_ends", &t.postings_ends, index.postings.len(), None)?;
    check_len("terms.head_numbers", t.head_numbers.len(), t.head_strings.len())?;
    check_ends("terms.head_strings", &t.head_strings.ends, t.head_strings.arena.len(), Some(&t.head_strings.arena))?;
    if t.head_numbers.windows(2).any(|w| w[0] >= w[1]) || t.head_numbers.last().is_some_and(|&l| l as usize >= terms) {
        return Err("terms.head_numbers are not ascending term numbers".into());
    }
    if (1..t.head_strings.len()).any(|i| t.head_strings.get(i - 1) >= t.head_strings.get(i)) {
        return Err("terms.head_strings are not sorted".into());
    }
    check_len("norms", index.norms.len(), n * FIELD_COUNT)?;
    check_len("avg_field_len", index.avg_field_len.len(), FIELD_COUNT)?;
    if index.avg_field_len.iter().any(|x| !x.is_finite() || *x <= 0.0) {
        return Err("field length averages must be positive numbers".into());
    }
    index.learned.validate(terms, vocab)?;
    if let Some(m) = &index.shards {
        m.validate(terms, n)?;
    }
    Ok(())
}

/// Checks evidence columns of `docs` docs: every end in order and inside its column.
pub(crate) fn check_evidence(ev: &EvidenceColumns, docs: usize) -> Result<(), String> {
    check_len("evidence.ends", ev.ends.len(), docs)?;
    let entries = ev.fact.len();
    check_len("evidence.source", ev.source.len(), entries)?;
    check_len("evidence.confidence", ev.confidence.len(), entries)?;
    check_len("evidence.quote_ends", ev.quote_ends.len(), entries)?;
    check_ends("evidence.ends", &ev.ends, entries, None)?;
    check_ends("evidence.quote_ends", &ev.quote_ends, ev.quotes.len(), Some(&ev.quotes))
}
