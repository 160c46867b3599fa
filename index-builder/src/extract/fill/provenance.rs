//! The paper, the GitHub repository and the people behind the model.

use ptmpicker::facts::{ModelInstance, Source};
use ptmpicker::template::Field;

use super::super::sections::{BlockKind, Kind};
use super::{Ctx, CONTRIB_LABELS, PAPER_LABELS, REPO_LABELS};
use crate::extract::links;

pub(super) fn report_and_repo(cx: &Ctx, inst: &mut ModelInstance) {
    let body = cx.card.body.as_str();
    let ids = links::arxiv_ids(body, &cx.tags);
    let text_ids = links::arxiv_ids(body, &[]);
    let title = links::citation_title(body).or_else(|| {
        cx.labelled(PAPER_LABELS)
            .find(|l| l.value.split_whitespace().count() >= 3 && !l.value.to_lowercase().starts_with("http"))
            .map(|l| l.value.clone())
    });
    let mut parts = Vec::new();
    if let Some(t) = &title {
        parts.push(t.clone());
    }
    if !ids.is_empty() {
        parts.push(ids.iter().take(5).map(|i| format!("arXiv:{i}")).collect::<Vec<_>>().join(", "));
    }
    if !parts.is_empty() {
        let source = if title.is_some() {
            Source::CardSection
        } else if !text_ids.is_empty() {
            Source::CardText
        } else {
            Source::Tags
        };
        let text = match (title, ids.is_empty()) {
            (Some(t), false) => format!("{t} ({})", parts[1]),
            _ => parts.join(" "),
        };
        cx.put(inst, Field::Report, text, source);
    }

    let labelled_repo = cx
        .labelled(REPO_LABELS)
        .find_map(|l| l.block.links.iter().find_map(|u| links::github_repo_of(u)).or_else(|| links::github_repo_of(&l.value)));
    if let Some(r) = labelled_repo.or_else(|| github_candidate(cx)) {
        inst.put(Field::GithubRepo, r, Source::CardText);
    }
}

/// The card's GitHub repository: the first link whose repository name shares a word with the
/// model's name, else the first under the same owner, else the first outside tables (tables list
/// datasets and baselines, not the model's code).
pub(super) fn github_candidate(cx: &Ctx) -> Option<String> {
    let id = cx.record.id.to_lowercase();
    let (owner, name) = id.split_once('/').unwrap_or(("", id.as_str()));
    let name_tokens: Vec<&str> = name.split(|c: char| !c.is_alphanumeric()).filter(|t| t.len() >= 3).collect();
    let mut by_owner: Option<String> = None;
    let mut first: Option<String> = None;
    for b in cx.card.doc.blocks.iter().take(5000) {
        let in_table = b.kind == BlockKind::TableRow;
        let found = b.links.iter().filter_map(|u| links::github_repo_of(u)).chain(links::first_github_repo(&b.text));
        for repo in found {
            let lower = repo.to_lowercase();
            let path = lower.trim_start_matches("https://github.com/");
            let (r_owner, r_name) = path.split_once('/').unwrap_or(("", path));
            if r_name.split(|c: char| !c.is_alphanumeric()).any(|t| t.len() >= 3 && name_tokens.contains(&t)) {
                return Some(repo);
            }
            if by_owner.is_none() && !owner.is_empty() && r_owner == owner {
                by_owner = Some(repo.clone());
            }
            if first.is_none() && !in_table {
                first = Some(repo);
            }
        }
    }
    by_owner.or(first)
}

pub(super) fn people(cx: &Ctx, inst: &mut ModelInstance) {
    let names: Vec<String> = cx.labelled(CONTRIB_LABELS).map(|l| l.value.clone()).take(3).collect();
    if !names.is_empty() {
        let mut uniq: Vec<String> = Vec::new();
        for n in names {
            if !uniq.contains(&n) {
                uniq.push(n);
            }
        }
        cx.put(inst, Field::Contributors, uniq.join("; "), Source::CardText);
        return;
    }
    if let Some(t) = cx.card.doc.best_prose(Kind::Authors, cx.p.field_max, |_| 0) {
        cx.put(inst, Field::Contributors, t, Source::CardSection);
        return;
    }
    let fm_people: Vec<String> =
        ["model_creator", "author", "authors", "quantized_by", "finetuned_by"].iter().filter_map(|k| cx.fm_text(k)).collect();
    if !fm_people.is_empty() {
        cx.put(inst, Field::Contributors, fm_people.join("; "), Source::FrontMatter);
        return;
    }
    if citation_is_about_model(cx) {
        if let Some(a) = links::citation_authors(&cx.card.body) {
            cx.put(inst, Field::Contributors, a, Source::CardSection);
            return;
        }
    }
    if let Some((owner, _)) = cx.record.id.split_once('/') {
        if !owner.trim().is_empty() {
            cx.put(inst, Field::Contributors, owner.trim(), Source::ModelId);
        }
    }
}

/// Cards often cite the tools they were trained with (TRL, ORPO…): the first BibTeX entry names
/// this model's authors only when its title shares a distinctive word with the model's name.
pub(super) fn citation_is_about_model(cx: &Ctx) -> bool {
    const GENERIC: &[&str] = &[
        "model", "models", "large", "base", "small", "medium", "chat", "instruct", "language", "the", "for", "and", "with", "via", "fine",
        "tuned", "tuning", "llm", "learning", "training", "data", "deep",
    ];
    let Some(title) = links::citation_title(&cx.card.body) else { return false };
    let title = title.to_lowercase();
    let title_tokens: Vec<&str> = title.split(|c: char| !c.is_alphanumeric()).filter(|t| t.len() >= 3 && !GENERIC.contains(t)).collect();
    let name = cx.record.id.rsplit('/').next().unwrap_or("").to_lowercase();
    name.split(|c: char| !c.is_alphanumeric()).any(|t| t.len() >= 3 && title_tokens.contains(&t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repository_named_like_the_model_wins() {
        let card = "# Tiny\n\nA tiny detector of helmets on construction sites.\n\nBuilt with [a tool](https://github.com/other/tool) and [our code](https://github.com/acme/tiny-helmets).\n";
        let i = super::super::extract_json(serde_json::json!({"id": "acme/tiny-helmets-v2", "card": card}));
        assert_eq!(i.template.get(Field::GithubRepo), Some("https://github.com/acme/tiny-helmets"));
        assert_eq!(i.template.get(Field::Contributors), Some("acme"));
    }
}
