//! Limitations, biases and runtime hardware: sentences that *state* them, told apart from text
//! that only sits under a matching heading.
//!
//! Why: headings lie both ways. "Intended uses & limitations" usually only says how to use the
//! model; "Limitations and bias" often holds no bias sentence; "Hardware" under training details
//! names the training cluster, which is no requirement for running the model; and real
//! statements sit under "Out-of-scope use", "Misuse" or "Responsible AI". So each field keeps
//! the sentences of its candidate sections that carry its own cue words, drops usage text,
//! pointers elsewhere ("see Section 6 of the paper") and the model-card template's boilerplate,
//! and for hardware drops sentences about training and tables.

use std::sync::LazyLock;

use regex::Regex;

use super::super::clean;
use super::super::sections::{join_blocks, BlockKind, Doc, Kind};
use super::Ctx;

/// Words that make a sentence a limitation or risk statement.
static LIMIT_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:not|no|cannot|can't|won't|never|may|might|limit\w*|only|fail\w*|errors?|bias\w*|risks?|hallucinat\w*|",
        r"unreliable|inaccura\w*|struggl\w*|poor\w*|lower|worse|degrad\w*|unsafe|harmful|toxic\w*|offensive|misuse|",
        r"out[- ]of[- ]scope|prohibit\w*|avoid|underrepresent\w*|under-represent\w*|mistakes?|incorrect\w*|unable|lacks?|",
        r"experimental|moderation|guardrails?|imperfect|caution|unintended|malicious)(?-u:\b)"
    ))
    .unwrap()
});

/// Words that make a sentence a bias statement.
static BIAS_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:bias\w*|fairness|unfair\w*|stereotyp\w*|offensive|toxic\w*|hateful|hate speech|discriminat\w*|",
        r"underrepresent\w*|under-represent\w*|demographic\w*|gender\w*|racial|races?|ethnic\w*|prejudic\w*|",
        r"explicit content|inappropriate|disparit\w*|accents?)(?-u:\b)"
    ))
    .unwrap()
});

/// Sentences that only point elsewhere or repeat the model-card template.
static NOT_A_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:we refer to|please refer to|refer to (?:the |our )?(?:paper|section|report|blog)|see (?:the |our )?(?:paper|section|report|blog|results|benchmarks?)|",
        r"for (?:a |more )?detail\w* (?:overview|information)|",
        r"should be made aware of the risks, biases and limitations|more information needed|\[more information needed\]|did not write a model card|",
        r"recommend (?:that )?users (?:to )?(?:\w+ ){0,2}(?:evaluate|assess|consider) (?:and \w+ )?(?:the )?potential (?:concerns|risks|issues))",
    ))
    .unwrap()
});

/// Usage phrasing; a usage sentence counts as a limitation only with a negation in it.
static USAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:you can use|can be used|is intended (?:to be used )?for|intended to|use (?:it|this model|the raw model) (?:for|to)|see the model hub|primarily aimed)")
        .unwrap()
});
static NEGATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:not|no|cannot|can't|never|don't|doesn't|shouldn't|must not|out[- ]of[- ]scope|prohibit\w*|avoid|limited)(?-u:\b)",
    )
    .unwrap()
});

/// Sentences of `text` that carry `cue`, are statements and are not usage text, joined.
fn statements(text: &str, cue: &Regex, max: usize) -> Option<String> {
    statements_where(text, cue, max, |_| true)
}

/// [`statements`] keeping only the sentences `keep` accepts.
fn statements_where(text: &str, cue: &Regex, max: usize, keep: impl Fn(&str) -> bool) -> Option<String> {
    let kept: Vec<String> = clean::split_sentences(text)
        .into_iter()
        .filter(|s| s.len() < 600 && cue.is_match(s) && !NOT_A_STATEMENT.is_match(s) && keep(s))
        .filter(|s| !USAGE.is_match(s) || NEGATION.is_match(s))
        .map(|s| clean::prose(s, 400))
        .filter(|s| clean::is_meaningful(s, 20))
        .take(8)
        .collect();
    let joined = clean::truncate(&kept.join(" "), max);
    (!joined.is_empty()).then_some(joined)
}

/// Limitations: the best limitation, risk or out-of-scope section that states one; else a
/// paragraph led by a limitation label ("**Limitations:** …", "Out-of-scope uses — …",
/// "⚠️ Warning: …") anywhere; else sentences elsewhere that state a limitation outright.
pub(super) fn limitations(cx: &Ctx) -> Option<String> {
    let doc = &cx.card.doc;
    let sections = doc.sections_of(Kind::Limitations, |_| 0);
    sections
        .iter()
        .find_map(|&i| {
            // A disclaimer's purpose note ("… is for academic purposes only") limits no ability.
            let disclaimer = super::super::sections::is_disclaimer(&doc.sections[i].heading);
            statements_where(&doc.section_text(i), &LIMIT_CUE, cx.p.field_max, |s| !(disclaimer && PURPOSE_NOTE.is_match(s)))
        })
        .or_else(|| {
            sections.iter().filter(|&&i| heading_names_limits(&doc.sections[i].heading)).find_map(|&i| {
                // The template's combined "Bias, Risks, and Limitations" holds any safety
                // prose ("we hope the release enables red-teaming"): there only sentences the
                // English cues cannot read (another script) take the heading as their cue.
                let combined = super::super::sections::normalize_heading(&doc.sections[i].heading).contains("bias");
                // Blocks one per line: a list or paragraphs without end punctuation stay apart.
                stated_under_heading(&join_blocks(doc.section_blocks(i), false, "\n"), combined, cx.p.field_max)
            })
        })
        .or_else(|| limitations_outside_sections(cx))
}

/// A sentence that only names the purpose something is for ("The information in this document
/// is for academic purposes only").
static PURPOSE_NOTE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:[\w-]+ ){0,6}(?:is|are) (?:provided |intended |released |meant )?(?:solely |only |strictly |purely )?for (?:[\w-]+ ){0,3}(?:purposes?|uses?)(?: only)?\W*$").unwrap()
});

/// A heading that announces limitations and nothing else ("Out-of-Scope Use", "Risks",
/// "Known limitations", "限制"), unlike "Intended uses & limitations", whose text is mostly usage.
fn heading_names_limits(heading: &str) -> bool {
    let h = super::super::sections::normalize_heading(heading);
    let limit = ["limitation", "risk", "out-of-scope", "out of scope", "caveat", "issues", "warning", "限制", "局限", "风险"];
    limit.iter().any(|w| h.contains(w)) && !h.contains("intended") && !h.contains("how to")
}

/// Under a heading that itself names limitations, the heading is the cue: its sentences state
/// them whatever words they use ("Use in any manner that violates the license, use in languages
/// other than Romanian"), and in any language (a Chinese "Out-of-Scope Use" list carries none
/// of the English cue words). The template's boilerplate, pointers elsewhere and usage text
/// still do not count.
fn stated_under_heading(text: &str, wide_only: bool, max: usize) -> Option<String> {
    let kept: Vec<String> = clean::split_sentences(text)
        .into_iter()
        .filter(|s| s.len() < 600 && !NOT_A_STATEMENT.is_match(s) && (!USAGE.is_match(s) || NEGATION.is_match(s)))
        // A template's unfilled slot: "[TODO: provide examples of latent issues]".
        .filter(|s| !(s.contains("TODO") || (s.starts_with('[') && s.ends_with(']'))))
        // A label and a short value ("**Model Size:** 6.74B") is a fact sheet line, no statement.
        // (list items may arrive joined: "Model Architecture: Llama2; Model Size: 6.74B").
        .filter(|s| !s.split(';').all(|part| part.split_once(':').is_some_and(|(_, value)| value.split_whitespace().count() < 4)))
        .map(|s| clean::prose(s, 400))
        .filter(|s| {
            let letters = s.chars().filter(|c| c.is_alphabetic()).count();
            // Unspaced scripts (Chinese, Japanese) write a statement as one "word".
            let wide = s.chars().filter(|c| !c.is_ascii()).count() * 2 > s.chars().count();
            letters >= 12 && (wide || (!wide_only && clean::is_meaningful(s, 20)))
        })
        .take(8)
        .collect();
    let joined = clean::truncate(&kept.join(" "), max);
    (!joined.is_empty()).then_some(joined)
}

/// A paragraph or list item that opens with a limitation label, as cards without a
/// limitations heading write it (a bold label in "Disclaimer", "Model details" or the lead).
static LIMIT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^\W{0,4}(?:known |main |current |important )?(?:limitations?|risks?(?: and limitations)?|caveats?|known issues|out[- ]of[- ]scope(?: uses?)?|",
        r"misuse|warnings?|restrictions|ethical considerations)(?:\s+and\s+\w+)?\s*(?::|-|–|—|\.)?\s+"
    ))
    .unwrap()
});

/// A paragraph that is only a limitation label ("**Limitations:**", "Known issues:"), as cards
/// without headings introduce a list.
static LIMIT_LABEL_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^\W{0,4}(?:known |main |current |important )?(?:limitations?|risks?(?: and limitations)?|caveats?|known issues|out[- ]of[- ]scope(?: uses?)?|",
        r"warnings?|restrictions)\W{0,4}$"
    ))
    .unwrap()
});

/// A paragraph that ends by announcing a list of limitations ("it's important to acknowledge
/// several limitations:", "The model has the following known issues:"): the items that follow
/// are under the label, as after "**Limitations:**" alone.
static LIMITS_FOLLOW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:limitations|risks|caveats|known issues|shortcomings|weaknesses)(?-u:\b)[^.!?:]{0,40}:\W{0,4}$").unwrap()
});

/// A collapsed HTML block (`<details><summary>Limitations of the chat model ⬇️</summary> …`)
/// whose opening sentence (the summary) names limitations: the rest is their statement.
static SUMMARY_NAMES_LIMITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)(?:limitations?|risks|caveats|known issues|shortcomings|weaknesses)(?-u:\b)").unwrap());

/// Sentences that state a limitation or risk of the model outright, wherever they stand.
static STRONG_LIMIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:(?:may|might|can|could|will|sometimes|tends? to|is likely to)\s+(?:\w+\s+){0,2}(?:produce|generate|output|contain|give|make|return|reflect)\s+(?:\w+,?\s+){0,4}",
        r"(?:inaccurate|incorrect|erroneous|false|harmful|biased|offensive|toxic|misleading|nonsensical|wrong|errors?|mistakes?|inappropriate|hallucinat\w*|problematic|unsafe|irrelevant)|",
        r"(?:model|it) (?:\w+ ){0,2}hallucinat\w+|not (?:\w+ )?(?:be )?(?:intended|suitable|designed|meant|recommended)(?: or \w+)? for|(?:may|might) (?:still )?(?:be|exist|arise|occur) (?:some |other )?(?:unforeseen|unexpected|unknown) (?:issues|problems|risks|errors)|should not be (?:used|relied|deployed)|must not be used|not (?:be )?recommended to (?:use|deploy|rely on) (?:this|the) model|",
        r"out[- ]of[- ]scope|(?:has|have) (?:not been|no) (?:safety|alignment|moderation|guardrails?)|not (?:been )?(?:safety[- ])?(?:aligned|moderated|filtered) |",
        r"(?:model|it|release|version) is (?:still |highly |very )?(?:experimental|a research preview|not production[- ]ready)|limitations (?:include|are)|known (?:issues|limitations)|(?:the model|this model|it) (?:\w+ )?(?:struggles?|fails?) (?:with|to|on)|",
        r"(?:may|might|can|could|tends? to|is likely to) (?:still )?(?:struggle|fail|perform poorly|have (?:difficulty|trouble))|",
        r"(?:does not|doesn't|do not|don't) (?:\w+ )?work (?:well|great|reliably)|(?:has|have) (?:only )?(?:a )?limited (?:\w+ )?(?:understanding|abilit\w+|capabilit\w+|support|performance|knowledge|accuracy))"
    ))
    .unwrap()
});

/// Sentences that praise an improvement over a weakness ("a reduced hallucination rate").
static REDUCES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:reduc\w*|lower|fewer|prevent\w*|mitigat\w*|address\w*|minimi[sz]\w*|less|outperform\w*|improv\w*)(?-u:\b)")
        .unwrap()
});

/// A paragraph whose subject is code or a usage technique rather than the model ("our
/// method" is left out: a research card calls its model that).
static ABOUT_TOOLING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:(?:this|the|that) (?:[A-Za-z0-9_-]+ ){0,2}(?:method|code|function|script|snippet|workaround|parser|flag|technique|trick)|",
        r"(?:code|function|script|snippet) (?:included|provided|shown|above|below))(?-u:\b)"
    ))
    .unwrap()
});

fn limitations_outside_sections(cx: &Ctx) -> Option<String> {
    let doc = &cx.card.doc;
    let mut kept: Vec<String> = Vec::new();
    let mut bytes = 0usize;
    // "**Limitations:**" alone on its line, then a list: the label heads the items that follow.
    let mut under_label = false;
    for b in doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Html)) {
        bytes += b.text.len();
        if bytes > cx.p.scan_bytes || kept.len() >= 4 {
            break;
        }
        if b.kind == BlockKind::Html {
            // The summary heads the rest of the block and the list items that follow it.
            let sentences = if b.text.len() < 6000 { clean::split_sentences(&b.text) } else { Vec::new() };
            under_label = sentences.first().is_some_and(|s| s.len() < 200 && SUMMARY_NAMES_LIMITS.is_match(s));
            if under_label {
                if let Some(t) = statements(&sentences[1..].join(" "), &LIMIT_CUE, cx.p.field_max) {
                    kept.push(t);
                }
            }
            continue;
        }
        if b.kind == BlockKind::Paragraph {
            under_label = LIMIT_LABEL_ALONE.is_match(b.text.trim()) || LIMITS_FOLLOW.is_match(b.text.trim());
            if under_label {
                continue;
            }
        } else if under_label {
            if let Some(t) = statements(&b.text.replace('\n', " "), &LIMIT_CUE, cx.p.field_max) {
                kept.push(t);
            }
            continue;
        }
        // How-to and training text describe use and data, and evaluation text other models.
        let skip = b.section.is_some_and(|i| {
            let k = doc.sections[i].kinds;
            k.has(Kind::HowToUse)
                || k.has(Kind::Training)
                || k.has(Kind::TrainingData)
                || k.has(Kind::HyperParameters)
                || k.has(Kind::Evaluation)
        });
        if skip {
            continue;
        }
        let text = b.text.replace('\n', " ");
        if let Some(m) = LIMIT_LABEL.find(&text) {
            if let Some(t) = statements(&text[m.end()..], &LIMIT_CUE, cx.p.field_max) {
                kept.push(t);
                continue;
            }
        }
        // A sentence about the code, a script or a usage technique — or one that goes on about
        // it with a pronoun ("The parsing function included in the code handles well-formed
        // strings only. … It is not suitable for production") — states what *that* cannot do,
        // not a limitation of the model.
        let mut about_tooling = false;
        for sentence in clean::split_sentences(&text) {
            let pronoun = ["It ", "This ", "That ", "They "].iter().any(|p| sentence.starts_with(p));
            about_tooling = ABOUT_TOOLING.is_match(sentence) || (about_tooling && pronoun);
            if about_tooling {
                continue;
            }
            // Licence boilerplate is written in capitals ("WITHOUT LIMITATION").
            let shouting =
                sentence.chars().filter(|c| c.is_uppercase()).count() * 2 > sentence.chars().filter(|c| c.is_alphabetic()).count();
            let improvement = REDUCES.is_match(sentence);
            if sentence.len() < 600
                && !shouting
                && !improvement
                && STRONG_LIMIT.is_match(sentence)
                && !NOT_A_STATEMENT.is_match(sentence)
                && !USAGE.is_match(sentence)
            {
                let s = clean::prose(sentence, 400);
                if clean::is_meaningful(&s, 20) && !kept.contains(&s) {
                    kept.push(s);
                }
            }
        }
    }
    let joined = clean::truncate(&kept.join(" "), cx.p.field_max);
    (!joined.is_empty()).then_some(joined)
}

/// A sentence that forbids a use ("The model should not be used to intentionally create …
/// content that people would find offensive", "This includes generating images that …"): a
/// usage policy names offensive content as what users must not make, which says nothing about
/// the model's own bias.
static FORBIDS_USE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:(?:should|must|shall|may) not be used|(?:is|are) not (?:to be )?(?:used|permitted|allowed) (?:to|for)|",
        r"(?:do not|don't|never) use (?:this|the|our) model|prohibit\w*|^\W*this includes (?:generating|creating|producing|using|making)|",
        r"(?:intentionally|deliberately|knowingly) (?:create|generate|produce|disseminate|spread))(?-u:\b)"
    ))
    .unwrap()
});

/// A sentence that says what the model itself does or why ("as it may produce biased output"),
/// which keeps a use rule that carries it a bias statement.
static STATES_BEHAVIOUR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:because|since|due to|as (?:it|the model)|",
        r"(?:model|it|outputs?|generations?) (?:\w+ ){0,2}(?:may|might|could|can|tends? to|is likely to|reflects?|exhibits?|contains?|produces?|amplif\w+|reinforces?))(?-u:\b)"
    ))
    .unwrap()
});

/// A heading for forbidden and out-of-scope uses only ("Misuse, Malicious Use, and Out-of-Scope
/// Use", "Prohibited uses"): its list items ("- Creating harmful or offensive content") are uses
/// a policy forbids, not the model's bias, unless the heading also names bias or fairness.
fn heading_names_misuse_only(heading: &str) -> bool {
    let h = super::super::sections::normalize_heading(heading);
    let misuse = ["out-of-scope", "out of scope", "misuse", "malicious", "prohibited", "acceptable use", "usage policy"];
    let bias = ["bias", "fair", "ethic", "limitation", "risk"];
    misuse.iter().any(|w| h.contains(w)) && !bias.iter().any(|w| h.contains(w))
}

/// Biases: bias sentences of bias, ethics and limitation sections; usage rules that name
/// offensive content as what users must not make are no statement about the model.
pub(super) fn biases(cx: &Ctx) -> Option<String> {
    let doc = &cx.card.doc;
    let mut sections = doc.sections_of(Kind::Bias, |_| 0);
    sections.extend(doc.sections_of(Kind::Limitations, |_| 0));
    let mut seen = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    let keep = |s: &str| !FORBIDS_USE.is_match(s) || STATES_BEHAVIOUR.is_match(s);
    for i in sections {
        if seen.contains(&i) {
            continue;
        }
        seen.push(i);
        if heading_names_misuse_only(&doc.sections[i].heading) {
            continue;
        }
        if let Some(t) = statements_where(&doc.section_text(i), &BIAS_CUE, cx.p.field_max, keep) {
            if !parts.iter().any(|p| p.contains(&t) || t.contains(p.as_str())) {
                parts.push(t);
            }
        }
        if parts.iter().map(String::len).sum::<usize>() >= cx.p.field_max {
            break;
        }
    }
    if parts.is_empty() {
        parts.extend(offensive_content_property(cx));
    }
    (!parts.is_empty()).then(|| clean::truncate(&parts.join(" "), cx.p.field_max))
}

/// A sentence that says the model itself produces offensive content: it is "uncensored" (the
/// word alone, not inside a repo name like `X-Uncensored-7B`), "will output X-rated content", or
/// "will … engage with any NSFW scenario". Cards of uncensored fine-tunes, abliterations and
/// roleplay merges state this in their lead or a warning line, under no bias heading; the
/// labelling rules count it as a bias statement (an offensive-content property). Prose only:
/// a prompt template in a code block ("gives … uncensored responses") describes the prompt,
/// and "filtered with an NSFW detector" or "whether to generate NSFW content is up to the
/// user" says nothing the model does.
static OFFENSIVE_PROPERTY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:^|[^\w/-])(?:uncensored|x-rated)(?:$|[^\w/-])|",
        r"(?-u:\b)(?:will|may|might|can|could)\s+(?:\w+\s+){0,3}(?:output|generate|produce|engage|write)\w*\s+(?:\w+\s+){0,3}nsfw(?-u:\b)"
    ))
    .unwrap()
});

/// Offensive-content property sentences anywhere in the card's prose (paragraphs and list
/// items, within the scan budget); see [`OFFENSIVE_PROPERTY`].
fn offensive_content_property(cx: &Ctx) -> Option<String> {
    let doc = &cx.card.doc;
    let mut kept: Vec<String> = Vec::new();
    let mut bytes = 0usize;
    for b in doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem)) {
        bytes += b.text.len();
        if bytes > cx.p.scan_bytes || kept.len() >= 2 {
            break;
        }
        let text = b.text.replace('\n', " ");
        for sentence in clean::split_sentences(&text) {
            if sentence.len() < 600 && OFFENSIVE_PROPERTY.is_match(sentence) && !FORBIDS_USE.is_match(sentence) {
                let s = clean::prose(sentence, 400);
                if clean::is_meaningful(&s, 20) && !kept.contains(&s) {
                    kept.push(s);
                }
            }
        }
    }
    let joined = clean::truncate(&kept.join(" "), cx.p.field_max);
    (!joined.is_empty()).then_some(joined)
}

/// Hardware that alone makes a requirement: memory with a size, named accelerators and devices.
/// Ordinary computers named as places it can go ("deploy them in environments such as laptops,
/// desktops or your own cloud infrastructure", "deployment on consumer hardware") are not: they
/// rule nothing out, and the labelling rules count no hardware for them (edge devices, phones
/// and a consumer-grade GPU do narrow it down).
static HW_STRONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:\d+(?:\.\d+)?\s?gb\s+(?:of\s+)?(?:v?ram|gpu|memory|unified memory|system memory)|(?:gpu|memory|vram|ram)\D{0,24}\d+(?:\.\d+)?\s?gb|",
        r"vram|gpu memory|memory requirements?|a100|h100|h200|h20|v100|a10g?|t4|l4|l40s?|rtx\s?\d{3,4}|\d{4}\s?ti|tpus?|nvidia|",
        r"apple silicon|m[1-4] (?:max|pro|ultra)|macbook|jetson|raspberry pis?|cpus?|arm64|smartphones?|phones?|mobile devices?|",
        r"edge devices?|consumer[- ]grade)(?-u:\b)"
    ))
    .unwrap()
});

/// Hardware words that need a strong requirement phrase ("GPU", "CUDA", "RAM").
static HW_WEAK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)(?:gpus?|cuda|ram)(?-u:\b)").unwrap());

/// Phrases that state a requirement or a fit.
static NEEDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:runs?|running|fits?|fitting|requir\w*|needs?|recommended|minimum|at least|memory footprint|on-device|only|compatible|offload\w*|tested on|supported on|does not run|won't run|not supported)(?-u:\b)").unwrap()
});

/// Phrases that put named hardware in a running context.
static RUNS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:inference|supported|supports?|deploy\w*|latency|real-time|locally|takes|load(?:ed|ing)?|generat\w*|default)(?-u:\b)").unwrap()
});

/// How-to text that only names hardware: "To perform inference on the GPU, add …", and
/// memory-saving tips that name no device or figure ("to reduce the memory requirements, run
/// it in bfloat16").
static HW_HOWTO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:to|if you want to) (?:\w+ ){0,4}(?:on|with|using) (?:the |a |your )?(?:gpus?|cpus?|cuda|devices?)\b[^.]{0,20},\s*(?:add|use|set|pass|specify|call|change|append)").unwrap()
});
/// A tip for readers short of memory ("If you are limited by GPU VRAM, you can enable cpu
/// offloading", "Note: If you are limited by GPU memory and have less than 4GB …") says how to
/// cope, not what the model needs.
static LOW_MEMORY_TIP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:note\s*:\s*)?if (?:you are|you're|you) (?:\w+ )?(?:limited|constrained|short|low) (?:by|on|in|of)\b").unwrap()
});
static SAVES_MEMORY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)(?:reduc\w*|lower\w*|sav(?:e|es|ing)|decreas\w*|cut)(?-u:\b)").unwrap());
static FIGURE_OR_DEVICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)(?:\d+(?:\.\d+)?\s?gb|a100|h100|h200|v100|a10g?|t4|l4|l40s?|rtx\s?\d{3,4}|\d{4}\s?ti|tpus?|nvidia|apple silicon|macbook|",
        r"jetson|raspberry pis?|cpus?|arm64|smartphones?|phones?|mobile devices?|edge devices?|consumer|laptops?)(?-u:\b)"
    ))
    .unwrap()
});

fn states_runtime_hardware(s: &str) -> bool {
    if HW_HOWTO.is_match(s) || LOW_MEMORY_TIP.is_match(s) || (SAVES_MEMORY.is_match(s) && !FIGURE_OR_DEVICE.is_match(s)) {
        return false;
    }
    (NEEDS.is_match(s) && (HW_STRONG.is_match(s) || HW_WEAK.is_match(s))) || (RUNS.is_match(s) && HW_STRONG.is_match(s))
}

/// Phrases that make a sentence about training (or its emissions), not about running.
/// Hardware or compute "infrastructure" and "batch size" belong to how the model was built ("we
/// benefited from efficient hardware infrastructure to run the project: 7 TPUs", "prepare at
/// least 3 GPUs or change the batch size"); "your own cloud infrastructure" is where it runs.
static TRAINING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:train\w*|fine[- ]?tun\w*|finetun\w*|pre-?train\w*|hours used|carbon|emission\w*|co2|hardware type|compute region|cloud provider|(?:hardware|compute|training) infrastructure|batch[- ]size)(?-u:\b)").unwrap()
});

fn in_training_section(doc: &Doc, section: Option<usize>) -> bool {
    let mut cur = section;
    for _ in 0..16 {
        let Some(i) = cur else { return false };
        let kinds = doc.sections[i].kinds;
        if kinds.has(Kind::Training) || kinds.has(Kind::TrainingData) || kinds.has(Kind::Environment) || kinds.has(Kind::HyperParameters) {
            return true;
        }
        cur = doc.sections[i].parent;
    }
    false
}

/// A section about what running the model needs ("System requirements", "GPU memory"), as
/// opposed to a plain "Hardware" heading, which model-card templates put under training.
fn in_requirements_section(doc: &Doc, section: Option<usize>) -> bool {
    section.is_some_and(|i| {
        let s = &doc.sections[i];
        let h = s.heading.to_lowercase();
        s.kinds.has(Kind::Hardware) && ["requirement", "inference", "memory", "vram", "gpu", "speeds"].iter().any(|w| h.contains(w))
    })
}

/// Runtime hardware: sentences (not table rows, not training) that name hardware and say the
/// model runs, fits, needs or is tested on it; in a requirements section, any hardware sentence.
pub(super) fn runtime_hardware(cx: &Ctx) -> Option<String> {
    let doc = &cx.card.doc;
    let mut kept: Vec<String> = Vec::new();
    let mut bytes = 0usize;
    for b in doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem | BlockKind::Html)) {
        bytes += b.text.len();
        if bytes > cx.p.scan_bytes || kept.len() >= 3 {
            break;
        }
        if in_training_section(doc, b.section) {
            continue;
        }
        let requirements_section = in_requirements_section(doc, b.section);
        let text = b.text.replace('\n', " ");
        // Clauses: "Trained on 2 A100s for 30 hours; inference runs on one CPU" holds both.
        for s in clean::split_sentences(&text).into_iter().flat_map(|s| s.split("; ")) {
            if s.len() >= 500 || TRAINING.is_match(s) || NOT_A_STATEMENT.is_match(s) || HW_HOWTO.is_match(s) || LOW_MEMORY_TIP.is_match(s) {
                continue;
            }
            let hardware = HW_STRONG.is_match(s) || HW_WEAK.is_match(s);
            if !(states_runtime_hardware(s) || (requirements_section && hardware)) {
                continue;
            }
            let s = clean::prose(s, 400);
            if clean::is_meaningful(&s, 15) && !kept.contains(&s) {
                kept.push(s);
            }
        }
    }
    (!kept.is_empty()).then(|| clean::truncate(&kept.into_iter().take(3).collect::<Vec<_>>().join(" "), cx.p.field_max))
}

#[cfg(test)]
mod tests {
    use ptmpicker::template::Field;

    use super::super::extract_json;

    fn fields(card: &str) -> (Option<String>, Option<String>, Option<String>) {
        let i = extract_json(serde_json::json!({"id": "someone/m", "card": card}));
        let get = |f| i.template.get(f).map(str::to_string);
        (get(Field::Limitations), get(Field::Biases), get(Field::Hardware))
    }

    #[test]
    fn a_label_alone_heads_the_list_that_follows() {
        let card = "# Clipper\n\nA video model.\n\n**Usage tips:**\n\n- Use long prompts\n\n**Limitations:**\n\n- This model is not intended or able to give factual answers\n- Sound without speech may be of lower quality\n";
        let (lim, _, _) = fields(card);
        assert!(lim.unwrap().contains("lower quality"));
        // Usage tips alone state no limitation.
        let (lim, _, _) = fields("# Clipper\n\nA video model.\n\n**Usage tips:**\n\n- Use long prompts with camera words\n");
        assert_eq!(lim, None);
    }

    #[test]
    fn usage_text_under_a_limitations_heading_is_no_limitation() {
        let (lim, bias, _) = fields("# M\n\nA tagger.\n\n## Intended uses & limitations\n\nYou can use the raw model for tagging. See the model hub to look for fine-tuned versions.\n");
        assert_eq!((lim, bias), (None, None));
        let (lim, _, _) = fields("# M\n\nA tagger.\n\n## Intended uses & limitations\n\nYou can use it for news. It does not work on tweets and fails on long documents.\n");
        assert!(lim.unwrap().contains("does not work on tweets"));
    }

    #[test]
    fn a_heading_that_names_limitations_is_the_cue() {
        // No English cue word, but the heading says what the sentences are.
        let (lim, _, _) = fields("# M\n\nA Romanian chat model.\n\n### Out-of-Scope Use\n\n<!-- This section addresses misuse. -->\n\nUse in any manner that violates the license, use in languages other than Romanian.\n\n## How to Get Started\n\nRun it.\n");
        assert!(lim.unwrap().contains("languages other than Romanian"));
        // The same in Chinese, under a Chinese heading or an English template heading.
        let (lim, _, _) = fields("# M\n\n一个小说分析模型。\n\n## 局限性\n\n模型基于有限数据微调，可能存在偏重某类叙事风格的问题\n\n当前版本仅支持中文分析，暂不适配英文文本\n");
        assert!(lim.unwrap().contains("当前版本仅支持中文分析"));
        // Template boilerplate and usage text under such a heading still state nothing, and
        // "Intended uses & limitations" is no such heading.
        let (lim, _, _) = fields("# M\n\nA tagger.\n\n## Bias, Risks, and Limitations\n\n[More Information Needed]\n\nUsers (both direct and downstream) should be made aware of the risks, biases and limitations of the model.\n\n## Intended uses & limitations\n\nTag German news articles for people and places.\n");
        assert_eq!(lim, None);
        let (lim, _, _) = fields("# M\n\nA diffusion model.\n\n#### Limitations and bias\n\n[TODO: provide examples of latent issues and potential remediations]\n\n## Training\n\nTrained on photos.\n");
        assert_eq!(lim, None);
        let (lim, _, _) = fields("# M\n\nA skill vector.\n\n### Limitation\n\n- **Model Architecture:** Llama2\n- **Model Size:** 6.74B\n\n### How to apply\n\nAdd it.\n");
        assert_eq!(lim, None);
        let (lim, _, _) = fields("# M\n\nA multilingual model.\n\n## Bias, Risks, and Limitations\n\nWe hope that the release of the model will make community red-teaming efforts possible.\n");
        assert_eq!(lim, None);
    }

    #[test]
    fn what_code_or_a_technique_cannot_do_is_no_model_limitation() {
        let (lim, _, _) = fields("# M\n\nA chat model.\n\n## Chat template\n\nThe output parsing function included in the code handles well-formed strings only. It is not suitable for production use without robust error handling.\n");
        assert_eq!(lim, None);
        let (lim, _, _) = fields("# M\n\nA vision model.\n\n## Long inputs\n\nYou may enable rope scaling. Note that this method hurts localization accuracy, and is therefore not recommended for grounding.\n");
        assert_eq!(lim, None);
        // The model itself failing still counts, next to a pointer to a code snippet.
        let (lim, _, _) = fields("# M\n\nA vision model.\n\n## Tips\n\nThe model does not work well with transparent images. The code snippet below shows how to add a background.\n");
        assert!(lim.is_some());
        let (lim, _, _) =
            fields("# M\n\nA chat model.\n\n## Notes\n\nThe model is not suitable for medical advice and may produce incorrect answers.\n");
        assert!(lim.is_some());
    }

    #[test]
    fn out_of_scope_and_misuse_sections_are_limitations() {
        let (lim, _, _) = fields(
            "# M\n\nA captioner.\n\n## Misuse and Out-of-scope Use\n\nThe model is not intended for medical decisions or surveillance.\n",
        );
        assert!(lim.unwrap().contains("not intended for medical decisions"));
    }

    #[test]
    fn limitations_stated_outside_a_limitations_heading() {
        // A labelled line under a "Disclaimer" heading.
        let (lim, _, _) = fields("# M\n\nA chat model.\n\n## Disclaimer\n\n- Limitations: It is a tool, not a person, and may give wrong or nonsensical answers.\n");
        assert!(lim.unwrap().contains("nonsensical"));
        // A plain sentence in the lead that states a risk outright.
        let (lim, _, _) =
            fields("# M\n\nA small story writer. It can produce offensive or factually incorrect text and is not intended for children.\n");
        assert!(lim.unwrap().contains("not intended for children"));
        let (lim, _, _) = fields("# M\n\nA compact reasoner. The model is experimental and was only checked on a small maths set.\n");
        assert!(lim.unwrap().contains("experimental"));
        // Weaknesses stated in a feature list or an FAQ answer.
        let (lim, _, _) = fields(
            "# M\n\n1. **Long context**: up to 32K. However, this version has limited understanding of very long single documents.\n",
        );
        assert!(lim.unwrap().contains("limited understanding"));
        let (lim, _, _) = fields("# M\n\n## FAQ\n\nWe received reports that the models might struggle with transparent images.\n");
        assert!(lim.unwrap().contains("struggle"));
        // An "Ethical Considerations" or disclaimer section that states what the model was not
        // designed for, or that problems may remain; a purpose note alone is none.
        let (lim, _, _) = fields("# M\n\nA captioner.\n\n## Ethical Considerations\n\nOur models are not specifically designed or evaluated for all downstream purposes.\n");
        assert!(lim.is_some());
        let (lim, _, _) = fields(
            "# M\n\nA chat model.\n\n## Disclaimer\n\nDespite our efforts, there may still be some unforeseen issues with the data.\n",
        );
        assert!(lim.is_some());
        let (lim, _, _) =
            fields("# M\n\nA voice model.\n\n## Disclaimer\n\nThe information in this document is for academic purposes only.\n");
        assert_eq!(lim, None);
        // Usage text and a description of what the model does are none.
        let (lim, _, _) = fields("# M\n\nA small story writer for fantasy tales. You can use it to draft chapters.\n");
        assert_eq!(lim, None);
        // Praise for a lower error rate and licence capitals are none.
        let (lim, _, _) = fields("# M\n\nA chat model. This release has a reduced hallucination rate and the model hallucinates less.\n");
        assert_eq!(lim, None);
        let (lim, _, _) = fields(
            "# M\n\nA chat model.\n\nTHE MATERIALS ARE PROVIDED AS IS, WITHOUT LIMITATION OF ANY KIND, AND SHOULD NOT BE USED FOR HARM.\n",
        );
        assert_eq!(lim, None);
        // The Hub team's note on a card it wrote is none.
        let (lim, _, _) = fields("# M\n\nA speech model.\n\nDisclaimer: The team releasing M did not write a model card for this model so this model card has been written by someone else.\n");
        assert_eq!(lim, None);
        // Evaluation text about other models is none.
        let (lim, _, _) = fields("# M\n\nA coder.\n\n## Evaluation\n\nThe baseline fails to compile most programs.\n");
        assert_eq!(lim, None);
    }

    #[test]
    fn bias_needs_a_bias_sentence() {
        let card = "# M\n\nA tagger.\n\n## Limitations and bias\n\nIt is limited by its news training data and may not generalise to other domains.\n";
        let (lim, bias, _) = fields(card);
        assert!(lim.is_some());
        assert_eq!(bias, None);
        let card = "# M\n\nA tagger.\n\n## Bias, Risks, and Limitations\n\nThe model reproduces gender stereotypes found in web text. For details we refer to Section 6 of our paper.\n";
        let (_, bias, _) = fields(card);
        let bias = bias.unwrap();
        assert!(bias.contains("gender stereotypes") && !bias.contains("Section 6"), "{bias}");
        let (lim, bias, _) = fields("# M\n\nA model.\n\n## Bias, Risks, and Limitations\n\nFor a detailed overview of our safety and bias work, we refer to our paper.\n\n### Recommendations\n\nUsers (both direct and downstream) should be made aware of the risks, biases and limitations of the model.\n");
        assert_eq!((lim, bias), (None, None));
    }

    #[test]
    fn how_to_and_memory_tips_are_no_runtime_requirement() {
        let (_, _, hw) =
            fields("# M\n\nA detector.\n\nTo perform inference on the GPU, add run_opts={\"device\":\"cuda\"} when loading it.\n");
        assert_eq!(hw, None);
        let (_, _, hw) = fields("# M\n\nA detector.\n\n### Inference on GPU\n\nTo perform inference on the GPU, add `run_opts={\"device\":\"cuda\"}` when loading it.\n");
        assert_eq!(hw, None);
        let (_, _, hw) = fields("# M\n\nA captioner.\n\nTo further reduce the memory requirements, the model can be run in bfloat16.\n");
        assert_eq!(hw, None);
        // A figure is a requirement, whatever the wording.
        let (_, _, hw) = fields("# M\n\nA captioner.\n\nTo reduce memory, run it in 4-bit: it then needs 6 GB of VRAM.\n");
        assert!(hw.is_some());
    }

    #[test]
    fn a_generic_recommendation_to_evaluate_concerns_is_no_bias_statement() {
        let (_, bias, _) = fields("# M\n\nA captioner.\n\n## Ethical Considerations\n\nWe strongly recommend users evaluate and address potential concerns related to accuracy, safety, and fairness before deploying.\n");
        assert_eq!(bias, None);
    }

    #[test]
    fn a_disclaimer_states_limitations_with_a_cue_only() {
        let lim = |card: &str| fields(card).0;
        let l = lim("# Vista 4B\n\nA vision chat model.\n\n#### Statement\n\n* As a multimodal model, Vista generates content by learning from large corpora, but it cannot comprehend or make value judgements.\n");
        assert!(l.is_some_and(|l| l.contains("cannot comprehend")));
        assert_eq!(lim("# Voice\n\nA speech model.\n\n## Disclaimer\n\nDon't use this model to do bad things, please.\n"), None);
    }

    #[test]
    fn an_uncensored_model_states_an_offensive_content_property() {
        let bias = |card: &str| fields(card).1;
        let b = bias("# Brave 8B\n\nThis is an uncensored version of a chat model, made by merging a refusal-removal adapter.\n");
        assert!(b.is_some_and(|b| b.contains("uncensored version")));
        let b = bias("# Story Teller\n\n**Warning:** Not suitable for minors. It will output X-rated content when asked.\n");
        assert!(b.is_some_and(|b| b.contains("X-rated")));
        assert!(
            bias("# Merge\n\nWhat it does:\n\n- Will happily engage with any NSFW roleplay\n- Keeps its instruction following\n").is_some()
        );
        // A repo name, a prompt template in code, an NSFW filter or the user's own choice state
        // nothing the model does.
        assert_eq!(bias("# M\n\nQuantized from Foo-Uncensored-7B with llama.cpp.\n"), None);
        assert_eq!(bias("# M\n\nPrompt:\n\n```\nThe assistant gives uncensored responses.\n```\n"), None);
        assert_eq!(bias("# M\n\nImages were filtered with an NSFW detector before training.\n"), None);
        assert_eq!(bias("# M\n\nWhether to generate NSFW content is entirely up to the user.\n"), None);
        assert_eq!(bias("# M\n\nThe model must not be used to produce uncensored deepfakes of real people.\n"), None);
    }

    #[test]
    fn low_memory_tips_and_build_infrastructure_are_no_requirement() {
        let hw = |card: &str| fields(card).2;
        assert_eq!(hw("# M\n\nIf you are limited by GPU VRAM, you can enable cpu offloading with one call.\n"), None);
        assert_eq!(
            hw("# M\n\nNote: If you are limited by GPU memory and have less than 6GB of GPU RAM available, load it in float16.\n"),
            None
        );
        assert_eq!(hw("# M\n\nWe benefited from efficient hardware infrastructure to run the project: 4 TPUs v3-8.\n"), None);
        assert_eq!(hw("# M\n\nYou should prepare at least 2 3090 GPUs or lower the batch size.\n"), None);
        // Ordinary computers as places it can go rule nothing out.
        assert_eq!(
            hw("# M\n\nIts small size makes it possible to deploy it on laptops, desktops or your own cloud infrastructure.\n"),
            None
        );
        assert_eq!(hw("# M\n\nA good balance of quality and speed for deployment on consumer hardware.\n"), None);
        // A stated need stays, and so does a narrower device class.
        assert!(hw("# M\n\nReady to run on phones, laptops or a Raspberry Pi.\n").is_some());
        assert!(hw("# M\n\nIt runs on consumer hardware with as little as 10GB of VRAM.\n").is_some());
        assert!(hw("# M\n\nThe model needs at least 12GB of VRAM to run at full precision.\n").is_some());
    }

    #[test]
    fn training_hardware_is_no_runtime_requirement() {
        let (_, _, hw) = fields("# M\n\nA tagger.\n\n## Training procedure\n\nThe model was trained on 16 V100 GPUs for 3 days.\n");
        assert_eq!(hw, None);
        let (_, _, hw) = fields("# M\n\nA tagger. Total training cost: about $1000 for 1000 hours of A100 80GB vRAM.\n");
        assert_eq!(hw, None);
        let (_, _, hw) = fields("# M\n\nA video model.\n\n## Requirements\n\n* An NVIDIA GPU with CUDA support is required.\n* The minimum GPU memory required is 60GB.\n");
        assert!(hw.unwrap().contains("NVIDIA GPU with CUDA support is required"));
        // A pointer to measurements elsewhere states none.
        let (_, _, hw) = fields(
            "# M\n\nA coder.\n\n## Performance\n\nFor requirements on GPU memory and the throughput, see results on our docs site.\n",
        );
        assert_eq!(hw, None);
        let (_, _, hw) = fields("# M\n\nRuns on a Raspberry Pi 5 and on phones in real time. It does not run on Apple silicon.\n");
        assert!(hw.unwrap().contains("Raspberry Pi"));
    }

    #[test]
    fn not_recommended_for_groups_of_users_is_a_limitation() {
        let card = "# Owl LoRA\n\nThe automation of training annoys some people. So for the following groups, it is not recommended to use this model and we express regret:\n\n1. Those who need exact outfits.\n";
        assert!(fields(card).0.is_some_and(|l| l.contains("not recommended")));
        // A recommendation to use it is no limitation.
        assert_eq!(fields("# Owl LoRA\n\nIt is recommended to use this model with a weight of 0.8.\n").0, None);
    }

    #[test]
    fn limitations_announced_by_a_list_intro_or_a_collapsed_summary() {
        // A paragraph that ends by announcing limitations heads the list after it, even in a
        // performance section.
        let card = "# Seer\n\n## Performance\n\nSeer beats its base on every benchmark, but it is fair to acknowledge several limitations:\n\n1. **Looping:** The model might repeat its reasoning without reaching an answer.\n2. **Mixing:** Answers may switch between languages.\n";
        assert!(fields(card).0.is_some_and(|l| l.contains("repeat its reasoning")));
        // A `<details>` block whose summary names limitations.
        let card = "# Seer\n\nA chat model.\n\n<details><summary>Chat model limitations, explained below.</summary>\nThe chat model may invent facts when asked about recent events.\n</details>\n";
        assert!(fields(card).0.is_some_and(|l| l.contains("invent facts")));
        // A summary about something else states none.
        let card = "# Seer\n\nA chat model.\n\n<details><summary>Prompt template, explained below.</summary>\nThe template may not be changed.\n</details>\n";
        assert_eq!(fields(card).0, None);
        // A list of erroneous and harmful outputs, commas between the words.
        let card = "# Seer\n\n## Disclaimer\n\nAll Seer models may potentially produce outputs that are erroneous, harmful, or otherwise undesirable.\n";
        assert!(fields(card).0.is_some());
    }

    #[test]
    fn a_use_policy_naming_offensive_content_is_no_bias_statement() {
        // A usage rule under "Misuse and Out-of-Scope Use", and its list of forbidden uses.
        let card = "# Mesh Maker\n\nTurns photos into meshes.\n\n## Misuse and Out-of-Scope Use\n\nThe model must not be used to deliberately generate meshes that people would find offensive or that spread stereotypes.\n\n### Out-of-Scope Use\n\nThe model should not be used for:\n\n- Making hateful or offensive content\n- Passing generated meshes off as scans\n";
        let (lim, bias, _) = fields(card);
        assert_eq!(bias, None);
        assert!(lim.is_some());
        // The same rule under a limitations heading is still no bias statement ...
        let card = "# Mesh Maker\n\nTurns photos into meshes.\n\n## Limitations\n\nThe model must not be used to deliberately generate offensive meshes. This includes generating meshes that people would find distressing or offensive.\n";
        assert_eq!(fields(card).1, None);
        // ... but a rule that says why — the model's own output — is.
        let card = "# Mesh Maker\n\nTurns photos into meshes.\n\n## Limitations and Bias\n\nThe model should not be used to depict people, as it may reproduce racial stereotypes present in its training data.\n";
        assert!(fields(card).1.is_some_and(|b| b.contains("stereotypes")));
    }
}
