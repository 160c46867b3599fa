//! The datasets a model was trained on, as a list: declared ones cleaned of evaluation
//! benchmarks, loaders and placeholders, plus Hub datasets linked from the training-data section,
//! and — when nothing is declared — datasets named in the card's training sentences.
//!
//! Why: `datasets:` in the YAML header is often wrong in both directions. Embedding models list
//! the MTEB sets they were *evaluated* on (`mteb:MSMARCO`), trainers write `imagefolder` (a
//! loader) or leave `your-dataset-name`, translation cards list FLORES (their test set), and
//! older cards only say "trained on COCO 2017" or "fine-tuned on MS MARCO, SNLI and MultiNLI".

use std::sync::LazyLock;

use ptmpicker::knowledge::languages;
use regex::Regex;

use super::super::sections::{BlockKind, Kind};
use super::Ctx;

/// Loader names and template placeholders that name no dataset.
const NOT_DATASETS: &[&str] = &[
    "imagefolder",
    "audiofolder",
    "videofolder",
    "csv",
    "json",
    "parquet",
    "text",
    "custom",
    "none",
    "unknown",
    "generator",
    "dataset",
    "datasets",
    "dataset_name",
    "dataset-name",
    "your-dataset",
    "your_dataset",
    "your-dataset-name",
    "my-dataset",
    "my_dataset",
];

/// Words for kinds of content ("Web Documents", "Code", "Mathematics", "Books", "Synthetic"): a
/// pretraining card lists its data mixture by kind, which names no dataset. An acronym written
/// in capitals ("MATH") is a benchmark's name and stays one.
const DATA_KINDS: &[&str] = &[
    "web",
    "documents",
    "code",
    "mathematics",
    "math",
    "books",
    "scientific",
    "science",
    "papers",
    "synthetic",
    "conversations",
    "dialogue",
    "dialogues",
    "news",
    "articles",
    "encyclopedic",
    "academic",
    "multilingual",
    "english",
    "text",
    "images",
    "data",
    "content",
    "sources",
    "and",
    "publications",
    "literature",
    "social",
    "media",
    "forums",
];

fn data_kind(name: &str) -> bool {
    let words: Vec<&str> = name.split(|c: char| c.is_whitespace() || c == '-' || c == '&').filter(|w| !w.is_empty()).collect();
    !words.is_empty()
        && words.iter().all(|w| {
            let acronym = w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase());
            !acronym && DATA_KINDS.contains(&w.to_ascii_lowercase().as_str())
        })
}

/// A name shaped like a model checkpoint, not data: a parameter count and a checkpoint variant
/// among its words ("Acme-7B-Base", "Owl Nemo 12B Instruct"), written without an owner. Prose
/// says "trained on X" of a base model as often as of data; a Hub dataset id (`owner/name`)
/// is trusted whatever its words ("owner/Instruct-Mix-7M-Chat-70B").
fn model_shaped(name: &str) -> bool {
    static SIZE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[0-9]+(?:\.[0-9]+)?[bB]$").unwrap());
    const VARIANTS: &[&str] = &["base", "instruct", "chat", "it", "pt", "sft", "dpo"];
    if name.contains('/') {
        return false;
    }
    let words: Vec<&str> = name.split(|c: char| c.is_whitespace() || c == '-' || c == '_').filter(|w| !w.is_empty()).collect();
    words.iter().any(|w| SIZE.is_match(w)) && words.iter().any(|w| VARIANTS.contains(&w.to_ascii_lowercase().as_str()))
}

/// True for names that are loaders, placeholders, AutoTrain's private uploads, benchmarks or
/// model checkpoints.
fn is_noise(name: &str) -> bool {
    let lower = name.trim().to_ascii_lowercase();
    let tail = lower.rsplit('/').next().unwrap_or(&lower);
    lower.is_empty()
        || model_shaped(name)
        || data_kind(name)
        || NOT_DATASETS.contains(&tail)
        || lower.contains("your-")
        || lower.contains("your_")
        || lower.contains('<')
        || lower.contains("placeholder")
        || tail.starts_with("autotrain-data-")
        || lower.starts_with("mteb:")
        || lower.starts_with("mteb/")
        || tail.contains("evaluation")
        || tail.contains("benchmark")
        || tail.contains("leaderboard")
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Sentences that use a dataset for evaluation, and sentences that train on one.
static EVAL_SENTENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)(?:evaluat\w*|benchmark\w*|test set|test split|dev set|validation)(?-u:\b)").unwrap());
static TRAIN_SENTENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)(?:train\w*|fine[- ]?tun\w*|finetun\w*|pre-?train\w*)(?-u:\b)").unwrap());

static FINE_TUNED_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:fine[- ]?tuned|finetuned|trained)(?-u:\b)[^.]{0,60}(?-u:\b)(?:on|with|using)(?-u:\b)").unwrap()
});

/// A declared dataset the card only ever mentions as an evaluation set ("We used Flores-200 as
/// it provides full evaluation coverage").
fn only_evaluated(name: &str, prose: &str) -> bool {
    let key = squash(name.rsplit('/').next().unwrap_or(name));
    if key.len() < 3 {
        return false;
    }
    let mut eval = false;
    for s in super::super::clean::split_sentences(prose) {
        if !squash(s).contains(&key) {
            continue;
        }
        if TRAIN_SENTENCE.is_match(s) && !EVAL_SENTENCE.is_match(s) {
            return false;
        }
        // "fine-tuned for sentiment with the TweetEval benchmark": a benchmark's training split,
        // when the sentence fine-tunes and evaluates nothing.
        if FINE_TUNED_WITH.is_match(s) && EVAL_SENTENCE.find_iter(s).all(|m| m.as_str().to_ascii_lowercase().starts_with("benchmark")) {
            return false;
        }
        eval |= EVAL_SENTENCE.is_match(s);
    }
    eval
}

/// `org/name` of a Hub dataset link.
fn hub_dataset(link: &str) -> Option<String> {
    // Kaggle's dataset pages are addressed the same way (`kaggle.com/datasets/owner/name`).
    let rest = link
        .split_once("huggingface.co/datasets/")
        .or_else(|| link.split_once("hf.co/datasets/"))
        .or_else(|| link.split_once("kaggle.com/datasets/"))?
        .1;
    let mut parts = rest.split(['/', '?', '#']).filter(|p| !p.is_empty());
    let first = parts.next()?;
    match parts.next() {
        Some(second) if !["blob", "resolve", "tree", "viewer"].contains(&second) => Some(format!("{first}/{second}")),
        _ => Some(first.to_string()),
    }
}

/// "trained on the MS Marco Passage Ranking task", "on MS MARCO, SNLI and MultiNLI data",
/// "from the `codeparrot/github-code-clean` dataset". Names start with a capital letter; a
/// word may carry a version ("COCO 2017", "v1.0") but no sentence end.
const NAMES: &str = r"((?:[A-Z][\w+-]*(?:\.\d+[KMBkmb]?)*(?:\([a-z]{2}\))?)(?:(?:,? and |, | )(?:[A-Z0-9][\w+-]*(?:\.\d+[KMBkmb]?)*(?:\([a-z]{2}\))?|v[0-9][\w.]*)){0,5})";
/// "2.5TB of filtered", "10M pairs from", "Acme's": an amount or an owner before the name.
const AMOUNT: &str = r"(?:[0-9][0-9.,]*\s?(?:[KMBT]B?|GB|k|billion|million|thousand)? (?:(?:tokens|hours|images|pairs|samples|examples|words|documents|sentences|clips|videos) )?(?:of|from) (?:the )?(?:(?:filtered|deduplicated|cleaned|curated|raw|public|English) )?)?(?:[A-Z][A-Za-z0-9]*['’]s )?";
static TRAINED_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:[Tt]rained|[Ff]ine[- ]?tuned|[Ff]inetuned|[Pp]re-?trained)(?: (?:only|exclusively|further|jointly|mainly|primarily|mostly|entirely))? on {AMOUNT}(?:(?:a|an|the|two|several) )?(?:(?:subset|mix|mixture|combination|portion|part|filtered version|cleaned version|version|sample|selection)s? of )?(?:the )?(?:[0-9]+[x×][0-9]+(?:px)? )?(?:(?:large-scale|public|open|curated|filtered|English|multilingual) )?(?:(?:dataset|corpus|data set) )?{NAMES}")).unwrap()
});
/// "The model is trained from acme/Base-8B on acme/PRM-Data for 1 epoch": the data after the
/// base a training sentence starts from.
static TRAINED_FROM_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:[Tt]rained|[Ff]ine[- ]?tuned|[Ff]inetuned) from [`\[]?[\w./-]+[`\]]? on (?:the )?{NAMES}")).unwrap()
});
static ON_DATA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r" on (?:the )?{AMOUNT}{NAMES} (?:data|datasets?|corpus|corpora)(?-u:\b)")).unwrap());
/// "[Financial PhraseBank](…) by Malo et al. (2014) is used for fine-tuning": the name before
/// a passive "is used for training".
static USED_FOR_TRAINING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{NAMES}(?: \([^)]{{0,40}}\))?(?: by [^;]{{0,40}}?)?,? (?:is|was|were|are) (?:also )?used (?:for|in|to) (?:the )?(?:fine[- ]?tun|finetun|train|pre-?train)")).unwrap()
});
/// "trained on 11T tokens using a diverse dataset combination: FineWeb-Edu, DCLM, The Stack"
/// (read only in a training sentence): the names a colon after "datasets" or "data mix" lists.
static DATASETS_COLON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i:datasets?|data ?sets?|data mix(?:ture)?|dataset (?:combination|mix(?:ture)?)|corpora)\s*:\s*{NAMES}"))
        .unwrap()
});
static FROM_THE_DATASET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:from|on|using) the `?([A-Za-z0-9][\w.-]*/[\w.-]+)`? (?:dataset|corpus)").unwrap());
/// "using the Common Voice 11.0 dataset", "with the LibriSpeech corpus" (read only in a training
/// sentence: "on the X dataset" is already [`ON_DATA`]).
static USING_THE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?:using|with|from) (?:both |all )?(?:the |our )?(?:(?:curated|filtered|cleaned|public|open|synthetic|large-scale|high-quality|in-house) )?{NAMES} (?:datasets?|corpus|corpora)(?-u:\b)")).unwrap()
});

/// "fine-tuned on a custom headline dataset called [newsheads](…)": a name the words call a
/// dataset, whatever its case (read only in a training sentence).
static DATASET_CALLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:dataset|data ?set|corpus) (?:called|named|dubbed|known as) (?:the )?[`*_\[]*([A-Za-z0-9][\w.+-]*(?:/[\w.+-]+)?)",
    )
    .unwrap()
});

/// "pre-existing image datasets such as YFCC100M" (read only in a training sentence).
static SUCH_AS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?:datasets?|data sets?|corpora|corpus) (?:such as|like|including) (?:the )?{NAMES}")).unwrap());

/// Text about tuning the user may do (a script, notebook or guide; "you can fine-tune it on …"):
/// the data it names trained nothing yet.
static USER_TUNING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(?:scripts?|notebooks?|colabs?|tutorials?) (?:to|for|that|showing|on how)|you can (?:also )?(?:further )?(?:fine[- ]?tune|train)|how to (?:fine[- ]?tune|train))(?-u:\b)").unwrap()
});

/// Words that end a dataset name or show it is something else (hardware, languages, tasks).
const NAME_STOP: &[&str] =
    &["data", "dataset", "datasets", "corpus", "task", "tasks", "benchmark", "split", "using", "with", "for", "in", "to"];
const NOT_A_DATASET_WORD: &[&str] = &[
    "GPU",
    "GPUs",
    "TPU",
    "TPUs",
    "A100",
    "H100",
    "V100",
    "Stability",
    "AWS",
    "Google",
    "NVIDIA",
    "Nvidia",
    "CPU",
    "Hugging",
    "ASR",
    "NLP",
    "NER",
    "TTS",
];

fn names_in(captured: &str, exclude: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for part in captured.split(", ").flat_map(|p| p.split(" and ")) {
        let all: Vec<&str> = part.split_whitespace().collect();
        let words: Vec<&str> = all.iter().copied().take_while(|w| !NAME_STOP.contains(&w.to_ascii_lowercase().as_str())).collect();
        // "trained on JavaScript code": a programming language, not a dataset.
        if all.get(words.len()).is_some_and(|w| w.eq_ignore_ascii_case("code")) {
            continue;
        }
        // "Swahili CC-100": a language before a name says which part of the data was used; the
        // name is what follows — when it is written as a name (a digit, hyphen, owner or inner
        // capital), not a plain word ("Korean Language", "English Text").
        let proper = |w: &[&str]| {
            w.iter().any(|w| w.contains(['-', '/']) || w.chars().any(|c| c.is_ascii_digit()) || w.chars().skip(1).any(|c| c.is_uppercase()))
        };
        let words: Vec<&str> = match words.as_slice() {
            [lang, rest @ ..] if proper(rest) && languages::code_of_name(&lang.to_lowercase()).is_some() => rest.to_vec(),
            _ => words,
        };
        let Some(first) = words.first() else { continue };
        // "128 MI250X GPUs": any hardware word makes the words hardware.
        if words.iter().any(|w| NOT_A_DATASET_WORD.contains(w)) || languages::code_of_name(&first.to_lowercase()).is_some() {
            continue;
        }
        let name = words.join(" ").trim_end_matches(['.', ',']).to_string();
        // "AMR-based", "GPT-generated": a hyphenated adjective describes data, it names none.
        let adjective = ["-based", "-driven", "-generated", "-like", "-style", "-augmented", "-annotated", "-labeled", "-labelled"];
        if words.len() == 1 && adjective.iter().any(|a| name.to_ascii_lowercase().ends_with(a)) {
            continue;
        }
        // The model itself or its base ("fine-tuned on Qwen-Image-Edit") is no dataset.
        let key = squash(&name);
        // The model's family opens its id ("Phi-3" datasets on `Phi-3-mini-…`); a name inside
        // the id ("cifar10" in "ddpm-cifar10-32") is the data the id is named after.
        let a_model = exclude.iter().any(|m| {
            m.len() >= 4 && (key.contains(m.as_str()) || m.starts_with(&key) || (m.contains(&key) && key.len() * 3 >= m.len() * 2))
        });
        // A lone article or pronoun ("The", "This") opens a sentence; it names nothing.
        let article = ["the", "this", "these", "our", "all"].contains(&name.to_ascii_lowercase().as_str());
        if name.len() >= 3 && !is_noise(&name) && !a_model && !article {
            out.push(name);
        }
    }
    out
}

/// Datasets named in training sentences of the lead and of training-data sections; with
/// `links_only`, only the Hub datasets those sentences link.
fn named_in_prose(cx: &Ctx, base: Option<&str>, links_only: bool) -> Vec<String> {
    let doc = &cx.card.doc;
    let mut out: Vec<String> = Vec::new();
    let exclude = model_names(cx, base);
    let mut bytes = 0usize;
    // The title first: "Model card for X - Finetuned on Y".
    let title = cx.title();
    for b in title.iter().chain(doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem))) {
        bytes += b.text.len();
        if bytes > 8000 {
            break;
        }
        let text = b.text.replace('\n', " ");
        // "A script to perform SFT on UltraChat dataset": how a user may tune it, not its data.
        if USER_TUNING.is_match(&text) {
            continue;
        }
        for c in FROM_THE_DATASET.captures_iter(&text) {
            out.push(c[1].to_string());
        }
        let trains = TRAIN_SENTENCE.is_match(&text) && !EVAL_SENTENCE.is_match(&text);
        if trains && !links_only {
            for c in DATASET_CALLED.captures_iter(&text) {
                let name = c[1].trim_end_matches(['.', ',']).to_string();
                if name.len() >= 3 && !is_noise(&name) && !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        // "trained on [The Big Stack](…/datasets/acme/big-stack)": a Hub dataset linked from a
        // training sentence names the data, whatever its shown words.
        if trains {
            for d in b.links.iter().filter_map(|l| hub_dataset(l)) {
                if !out.contains(&d) && !is_noise(&d) {
                    out.push(d);
                }
            }
        }
        if links_only {
            continue;
        }
        let such_as = SUCH_AS.captures_iter(&text).filter(|_| trains);
        let using = USING_THE.captures_iter(&text).filter(|_| trains);
        let used = USED_FOR_TRAINING.captures_iter(&text);
        // Searched only in a training sentence with a colon (the search is the cost).
        let listed = (trains && text.contains(':')).then(|| DATASETS_COLON.captures_iter(&text)).into_iter().flatten();
        let from_on = TRAINED_FROM_ON.captures_iter(&text);
        for c in TRAINED_ON
            .captures_iter(&text)
            .chain(from_on)
            .chain(ON_DATA.captures_iter(&text))
            .chain(such_as)
            .chain(using)
            .chain(used)
            .chain(listed)
        {
            let end = c.get(1).map(|m| m.end()).unwrap_or(0);
            // "trained on JavaScript code": a programming language, not a dataset; "Fable-5
            // style traces" describes data by what it imitates.
            let next = text[end..].trim_start().to_ascii_lowercase();
            if next.starts_with("code") || next.starts_with("style") {
                continue;
            }
            // "trained on Owner/Acme-Llama-70B": the words are the owner of a Hub id; a model
            // checkpoint there is no dataset, and a data id is read whole below.
            if text[end..].starts_with('/') {
                let id = text[c.get(1).map(|m| m.start()).unwrap_or(0)..]
                    .split(|ch: char| ch.is_whitespace() || matches!(ch, ',' | ';' | ')' | ']'))
                    .next()
                    .unwrap_or("")
                    .trim_end_matches('.');
                let tail = id.rsplit('/').next().unwrap_or("");
                if !super::derivation::family_checkpoint(tail)
                    && !model_shaped(tail)
                    && id.matches('/').count() == 1
                    && !out.iter().any(|o| o == id)
                {
                    out.push(id.to_string());
                }
                continue;
            }
            // "trained on Llama-3.1-8B": a name cut before its size is a checkpoint of a family
            // ([`super::derivation::family_checkpoint`]) once its token is read whole.
            let rest = text[end..].split(|ch: char| ch.is_whitespace() || matches!(ch, ',' | ';' | ')' | ']')).next().unwrap_or("");
            let single = !c[1].contains(", ") && !c[1].contains(" and ");
            if single && !rest.is_empty() && super::derivation::family_checkpoint(format!("{}{rest}", &c[1]).trim_end_matches('.')) {
                continue;
            }
            for n in names_in(&c[1], &exclude).into_iter().filter(|n| !super::derivation::family_checkpoint(n)) {
                if !out.contains(&n) {
                    out.push(n);
                }
            }
        }
        if out.len() >= 8 {
            break;
        }
    }
    out
}

/// Labels of card lines that name the training data ("- **Trained using:** [RoHelpSteer](…)").
const DATASET_LABELS: &[&str] = &[
    "dataset",
    "datasets",
    "training data",
    "training dataset",
    "training datasets",
    "trained using",
    "trained on",
    "fine-tuning data",
    "fine-tuning dataset",
    "finetuning dataset",
    "fine-tuned on",
    "finetuned on",
    // Other languages (a label in any script is read; see `labelled_lines`).
    "데이터셋",
    "학습 데이터",
    "훈련 데이터",
    "数据集",
    "训练数据",
    "训练数据集",
    "資料集",
    "訓練資料",
    "データセット",
    "学習データ",
    "датасет",
    "датасеты",
    "набор данных",
    "обучающие данные",
    "данные для обучения",
];

/// "- Training dataset: https://huggingface.co/datasets/acme/pairs": a Hub address written out
/// as a label's whole value (the labelled-line reader drops bare addresses from values).
static LABEL_AND_ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[-*+]\s+)?\**(?:training |fine-?tuning |train )?(?:data|datasets?|corpus)(?: source)?\**\s*:\**\s*(https?://(?:huggingface\.co|hf\.co|(?:www\.)?kaggle\.com)/datasets/\S+)").unwrap()
});

/// Datasets a labelled line names: its Hub dataset links, else the names of a short value.
fn labelled_datasets(cx: &Ctx, exclude: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let doc = &cx.card.doc;
    for b in doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem)).take(400) {
        for line in b.text.lines().take(20) {
            if let Some(c) = line.contains("/datasets/").then(|| LABEL_AND_ADDRESS.captures(line)).flatten() {
                out.extend(hub_dataset(c[1].trim_end_matches(['.', ',', ')'])));
            }
        }
    }
    for l in cx.labelled(DATASET_LABELS) {
        // "- Datasets: 3.5.0" under "Framework versions" is the `datasets` library's version.
        let in_software = l.block.section.is_some_and(|i| doc.sections[i].kinds.has(Kind::Software));
        if in_software || !l.value.chars().any(|c| c.is_alphabetic()) {
            continue;
        }
        // A link, or a Hub address written out as the value ("- Training dataset: https://…").
        let linked: Vec<String> = l.block.links.iter().filter_map(|k| hub_dataset(k)).collect();
        if !linked.is_empty() {
            out.extend(linked);
        } else if l.value.len() <= 80 && !l.value.contains("More information") {
            let value = l.value.trim_start_matches("the ").trim_start_matches("The ");
            if value.contains('/') && !value.contains(' ') && !value.contains("http") {
                out.push(value.trim_matches(['`', '.', ',']).to_string());
            } else {
                // A labelled value may be a description ("Large-scale licensed imagery"): only
                // names — every word capitalised or a number, as dataset names are — count.
                let is_name = |n: &String| {
                    n.split_whitespace().count() <= 4
                        && n.split_whitespace().all(|w| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()))
                };
                // One lower-case word ("데이터셋: nsmc") is a name when the card links the Hub
                // dataset of that name (a word like "custom" or "private" is linked nowhere).
                let token = value.trim_matches(['`', '.', ',', '"', '\'']);
                let linked_by_card = || {
                    let address = format!("/datasets/{}", token.to_ascii_lowercase());
                    let prose = cx.prose.to_ascii_lowercase();
                    prose.match_indices(&address).any(|(at, _)| {
                        !prose[at + address.len()..].starts_with(|c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '/'))
                    })
                };
                if !token.contains(char::is_whitespace)
                    && token.len() >= 3
                    && token.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
                    && linked_by_card()
                {
                    out.push(token.to_string());
                    continue;
                }
                out.extend(names_in(value, exclude).into_iter().filter(is_name));
            }
        }
    }
    out
}

/// The model itself and its bases, which prose may name right where datasets go.
fn model_names(cx: &Ctx, base: Option<&str>) -> Vec<String> {
    let mut exclude = vec![squash(cx.record.id.rsplit('/').next().unwrap_or(""))];
    if let Some(b) = base.or(cx.record.base_model.as_deref()) {
        exclude.push(squash(b.rsplit('/').next().unwrap_or(b)));
    }
    for b in cx.fm("base_model").map(super::super::front_matter::list).unwrap_or_default() {
        exclude.push(squash(b.rsplit('/').next().unwrap_or(&b)));
    }
    exclude
}

/// Hub datasets linked from training-data sections, or written there as an address
/// ("- 2.0 series https://hf.co/datasets/acme/chat-2.0") or as a bare `owner/name` opening a
/// line ("acme/long-qa-mix (108511 examples)").
fn linked_in_training_data(cx: &Ctx, exclude: &[String]) -> Vec<String> {
    static ADDRESS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"https?://(?:huggingface\.co|hf\.co)/datasets/[A-Za-z0-9][\w.-]*(?:/[A-Za-z0-9][\w.-]*)?").unwrap());
    static BARE_ID: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?m)^\s*(?:[-*+]\s+)?`?([A-Za-z0-9][\w.-]{1,60}/[A-Za-z0-9][\w.-]{1,95})`?(?:\s+\(|\s*$)").unwrap());
    let doc = &cx.card.doc;
    let mut out = Vec::new();
    for i in doc.sections_of(Kind::TrainingData, |_| 0) {
        for b in doc.section_blocks(i).filter(|b| b.kind != BlockKind::Code) {
            out.extend(b.links.iter().filter_map(|l| hub_dataset(l)));
            if matches!(b.kind, BlockKind::Paragraph | BlockKind::ListItem) {
                // An address into a part of a dataset ("…/bigbench/viewer/winowhy") names a
                // subset of a collection, not the data itself.
                let whole = |m: &regex::Match| !b.text[m.end()..].starts_with('/');
                out.extend(ADDRESS.find_iter(&b.text).filter(whole).filter_map(|m| hub_dataset(m.as_str().trim_end_matches('.'))));
                for c in BARE_ID.captures_iter(&b.text) {
                    let id = c[1].trim_end_matches(['.', ',']);
                    let key = squash(id.rsplit('/').next().unwrap_or(id));
                    // A model id (this one, its base) or a file path is not a dataset.
                    let file = id.rsplit('/').next().is_some_and(|t| t.contains('.') && t.len() - t.rfind('.').unwrap_or(0) <= 5);
                    if !file && !id.contains("://") && !exclude.iter().any(|m| m.len() >= 4 && key == *m) {
                        out.push(id.to_string());
                    }
                }
            }
        }
    }
    out
}

/// Datasets a training-data section lists after a line that announces them ("The data can be
/// divided in 4 datasets:", "Sources:"): each item's name, the words before its description —
/// "- Forum Stories (everything rated 4/5 or higher)", "- WikiText-103: articles". A list whose
/// items read as sentences rather than names is no list of datasets.
fn listed_in_training_data(cx: &Ctx, exclude: &[String]) -> Vec<String> {
    static ANNOUNCES: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\b(?:datasets|data ?sets|sources|corpora)\b").unwrap());
    let doc = &cx.card.doc;
    let mut out = Vec::new();
    for i in doc.sections_of(Kind::TrainingData, |_| 0).into_iter().take(8) {
        let blocks: Vec<_> = doc.section_blocks(i).take(200).collect();
        for (bi, b) in blocks.iter().enumerate() {
            let intro = b.text.trim();
            if b.kind != BlockKind::Paragraph || !intro.ends_with(':') || !ANNOUNCES.is_match(intro) {
                continue;
            }
            let items: Vec<&str> =
                blocks[bi + 1..].iter().take_while(|n| n.kind == BlockKind::ListItem).take(20).map(|n| n.text.trim()).collect();
            let names: Vec<String> = items.iter().filter_map(|t| list_item_name(t, exclude)).collect();
            if items.len() >= 2 && names.len() * 3 >= items.len() * 2 {
                out.extend(names);
            }
        }
    }
    out
}

/// The name opening a list item, when it reads as one: a short capitalised phrase (or an
/// `owner/name`) before "(", ":", a dash or a comma.
fn list_item_name(item: &str, exclude: &[String]) -> Option<String> {
    let line = item.lines().next().unwrap_or("");
    let end = [" (", "(", ":", " - ", " \u{2013} ", " \u{2014} ", ","].iter().filter_map(|d| line.find(d)).min().unwrap_or(line.len());
    let name = line[..end].trim().trim_matches(['*', '_', '`', '"', '\'']).trim();
    let words = name.split_whitespace().count();
    let first = name.chars().next()?;
    // A name is written in title case ("Pike Dataset", "Doc's Lab"); "Hard negatives" or
    // "Forced alignment" describe data or a step, and "501 glass" counts it.
    let title_case =
        name.split_whitespace().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())) || name.contains('/');
    let shaped = (first.is_uppercase() || name.contains('/')) && title_case && (1..=4).contains(&words) && (2..=60).contains(&name.len());
    let key = squash(name.rsplit('/').next().unwrap_or(name));
    let a_model = exclude.iter().any(|m| m.len() >= 4 && key == *m);
    let language = words == 1 && languages::code_of_name(&name.to_lowercase()).is_some();
    (shaped && !a_model && !language && !is_noise(name) && !name.ends_with('.')).then(|| name.to_string())
}

/// The data a training command shown in the card reads: `--dataset_name acme/pairs`,
/// `--train_file data/wiki1m_for_simcse.txt` (the file's stem) in a code block that runs a
/// training script. Placeholders (`$DATA`, `<path>`, `path/to/…`) name nothing.
fn in_training_command(cx: &Ctx) -> Vec<String> {
    static ARG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"--(?:dataset_name|dataset|train_file|train_data|data_path|train_dataset)[= ]+["']?([^\s"']+)"#).unwrap()
    });
    static TRAINING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\btrain\w*\.py|\brun_\w+\.py|\bfinetune\w*\.py").unwrap());
    let mut out = Vec::new();
    for b in cx.card.doc.blocks.iter().filter(|b| b.kind == BlockKind::Code && b.text.contains("--") && b.text.contains(".py")).take(50) {
        // A script that trains: not one that evaluates, tests or predicts.
        let trains = TRAINING.find_iter(&b.text).any(|m| {
            let script = m.as_str().to_ascii_lowercase();
            !["eval", "test", "infer", "predict", "generat"].iter().any(|w| script.contains(w))
        });
        if !trains {
            continue;
        }
        for c in ARG.captures_iter(&b.text) {
            let value = c[1].trim_end_matches(['\\', ',', ';']);
            let lower = value.to_ascii_lowercase();
            if value.starts_with(['$', '<', '{', '.']) || lower.contains("your") || lower.contains("path/to") {
                continue;
            }
            // A file names its data by its stem; a Hub id is kept whole.
            let is_file = value.rsplit('/').next().is_some_and(|t| t.contains('.') && t.rsplit('.').next().is_some_and(|e| e.len() <= 7));
            let name = if is_file {
                let file = value.rsplit('/').next().unwrap_or(value);
                file.rsplit_once('.').map(|(stem, _)| stem).unwrap_or(file).to_string()
            } else {
                value.to_string()
            };
            if name.len() >= 3 && !is_noise(&name) && !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// The name a dataset is known by across spellings of its version: "SQuAD2.0", "squad_v2" and
/// "SQuAD 2" are one dataset.
fn dedup_key(name: &str) -> String {
    let tail = name.rsplit('/').next().unwrap_or(name).to_lowercase();
    static VERSION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[\s_.-]*v?([0-9]+)(?:\.0)?$").unwrap());
    squash(&VERSION.replace(&tail, "$1"))
}

fn push_unique(out: &mut Vec<String>, name: String) {
    let key = dedup_key(&name);
    if !key.is_empty() && !out.iter().any(|o| dedup_key(o) == key) && out.len() < 40 {
        out.push(name);
    }
}

/// The cleaned list of training datasets. `declared` is the record's or YAML's list.
pub(super) fn training_datasets(cx: &Ctx, declared: &[String], trainer_dataset: Option<&str>, base: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    for d in declared {
        if !is_noise(d) && !only_evaluated(d, &cx.prose) {
            push_unique(&mut out, d.trim().to_string());
        }
    }
    for d in linked_in_training_data(cx, &model_names(cx, base)) {
        if !is_noise(&d) {
            push_unique(&mut out, d);
        }
    }
    if out.is_empty() {
        for d in labelled_datasets(cx, &model_names(cx, base)) {
            if !is_noise(&d) && !only_evaluated(&d, &cx.prose) {
                push_unique(&mut out, d);
            }
        }
    }
    if out.is_empty() {
        for d in listed_in_training_data(cx, &model_names(cx, base)) {
            push_unique(&mut out, d);
        }
    }
    if out.is_empty() {
        if let Some(d) = trainer_dataset.filter(|d| !is_noise(d)) {
            push_unique(&mut out, d.to_string());
        }
    }
    if out.is_empty() {
        for d in named_in_prose(cx, base, false) {
            push_unique(&mut out, d);
        }
    }
    if out.is_empty() {
        for d in in_training_command(cx) {
            push_unique(&mut out, d);
        }
    } else if declared.iter().all(|d| is_noise(d) || only_evaluated(d, &cx.prose)) {
        // Nothing declared: the Hub datasets a training sentence links join what labelled lines
        // and training-data sections gave (a card names its data in both places; a link is a
        // name the Hub knows, unlike the words of a sentence).
        for d in named_in_prose(cx, base, true) {
            push_unique(&mut out, d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::extract_json;

    fn datasets(yaml: &str, body: &str) -> Vec<String> {
        let card = format!("---\n{yaml}\n---\n{body}");
        extract_json(serde_json::json!({"id": "someone/m", "card": card})).facts.datasets
    }

    #[test]
    fn data_after_the_base_a_training_sentence_starts_from() {
        let got =
            datasets("license: mit", "# R\n\nThe model is trained from Acme/Base-8B-Instruct on Acme/Step-Reward-Data for 1 epoch.\n");
        assert_eq!(got, vec!["Acme/Step-Reward-Data".to_string()]);
    }

    #[test]
    fn a_mixture_listed_by_kind_of_content_names_no_dataset() {
        let body = "# P\n\n## Training Dataset\n\nThe model was trained on text from many sources, 2 trillion tokens in all. The components:\n\n* Web Documents: varied web text in many styles.\n* Code: programs help it learn syntax.\n* Mathematics: maths text helps it reason.\n";
        assert!(datasets("license: mit", body).is_empty());
        // Named sets in the same shape stay.
        let named = "# P\n\n## Training Dataset\n\nThe model was trained on text from these sources:\n\n* WikiText-103: articles.\n* Owl Stories: fiction.\n* MATH: competition problems.\n";
        assert_eq!(datasets("license: mit", named), vec!["WikiText-103".to_string(), "Owl Stories".to_string(), "MATH".to_string()]);
    }

    #[test]
    fn data_a_user_may_tune_on_is_no_training_data() {
        let body = "# P\n\nWe provide:\n\n* A script to perform supervised fine-tuning on Owl Chat dataset with QLoRA.\n* A notebook for fine-tuning on the Tern QA data.\n";
        assert!(datasets("license: mit", body).is_empty());
        let trained = "# P\n\nThe model was fine-tuned on the Owl Chat dataset for two epochs.\n";
        assert_eq!(datasets("license: mit", trained), vec!["Owl Chat".to_string()]);
    }

    #[test]
    fn a_dataset_source_line_with_a_kaggle_address() {
        let got = datasets(
            "license: mit",
            "# C\n\n## Training and evaluation data\n\nDataset Source: https://www.kaggle.com/datasets/someone/bird-calls-dataset\n",
        );
        assert_eq!(got, vec!["someone/bird-calls-dataset".to_string()]);
        // A Kaggle competition page is no dataset address.
        let got = datasets("license: mit", "# C\n\nDataset Source: https://www.kaggle.com/competitions/bird-calls\n");
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn linked_training_data_joins_labelled_data_and_lists_after_a_colon_count() {
        // A labelled line gives one; the training sentence links two more.
        let got = datasets(
            "license: mit",
            "# D\n\n- **Dataset:** https://huggingface.co/datasets/lab/web-base\n\n## Training\n\nTo train the model we combine [Web](https://huggingface.co/datasets/lab/web-base) with the [Code](https://huggingface.co/datasets/lab/code-mix) and [Proofs](https://huggingface.co/datasets/lab/proofs) data.\n",
        );
        assert_eq!(got, vec!["lab/web-base", "lab/code-mix", "lab/proofs"]);
        let got = datasets("license: mit", "# D\n\nIt was trained on 2T tokens using a dataset mix: OwlWeb-Edu, DCLX, The Heap.\n");
        assert_eq!(got, vec!["OwlWeb-Edu", "DCLX", "The Heap"]);
        // Hardware, a lone article and an owner of a model id are no datasets.
        assert!(datasets("license: mit", "# D\n\nThe model was trained on 128 MI250X GPUs for a week.\n").is_empty());
        assert!(datasets("license: mit", "# D\n\nThis one was trained on Fallen/Owl-Llama-3.3-70B-v1 with love.\n").is_empty());
    }

    #[test]
    fn a_training_command_names_its_data() {
        let got = datasets(
            "license: mit",
            "# D\n\n## Training\n\n```bash\npython train.py \\\n    --model_name_or_path owl-base \\\n    --train_file data/wiki2m_for_owl.txt \\\n    --output_dir out\n```\n",
        );
        assert_eq!(got, vec!["wiki2m_for_owl"]);
        let got = datasets("license: mit", "# D\n\n```\naccelerate launch run_qa.py --dataset_name acme/qa-pairs --do_train\n```\n");
        assert_eq!(got, vec!["acme/qa-pairs"]);
        // Placeholders, and commands that train nothing, name no data.
        assert!(
            datasets("license: mit", "# D\n\n```\npython train.py --dataset_name $DATASET --train_file path/to/your.csv\n```\n").is_empty()
        );
        assert!(datasets("license: mit", "# D\n\n```\npython evaluate.py --dataset_name acme/qa-pairs\n```\n").is_empty());
    }

    #[test]
    fn a_checkpoint_named_where_data_goes_is_no_dataset() {
        let card = |body: &str| extract_json(serde_json::json!({"id": "lab/story-writer", "card": body})).facts.datasets;
        assert_eq!(card("# S\n\nA story model trained on Owl-Nemo-12B-Instruct at 8K context.\n"), Vec::<String>::new());
        assert_eq!(card("# S\n\nA story model, which was trained on Acme-7B-Base for a billion tokens.\n"), Vec::<String>::new());
        // A checkpoint of a known family, whole or cut before its size, is no data either.
        assert_eq!(
            card("# S\n\nA reasoning model fine-tuned on Qwen3-8B using the curated Owl-Tales-40K dataset.\n"),
            vec!["Owl-Tales-40K"]
        );
        assert_eq!(card("# S\n\nOwl-8B: A robust chat model trained on Llama-3.1-8B, enhanced with story data.\n"), Vec::<String>::new());
        // An owner's dataset id is data whatever its words; a token count is no parameter size.
        assert!(!super::model_shaped("lab/Instruct-Mix-7M-Chat-70B"));
        assert!(!super::model_shaped("SlimPajama-627B"));
        assert!(super::model_shaped("Acme-7B-Chat"));
    }

    #[test]
    fn prose_names_subsets_versions_and_data_the_id_is_named_after() {
        let card = |id: &str, body: &str| extract_json(serde_json::json!({"id": id, "card": body})).facts.datasets;
        assert_eq!(card("lab/gen-cifar10-32", "A small image generator trained on the CIFAR-10 dataset.\n"), vec!["CIFAR-10"]);
        assert_eq!(card("lab/Owl-2-mini", "# Owl\n\nA small model trained using the Owl-2 datasets.\n"), Vec::<String>::new());
        assert_eq!(
            card("lab/Big-40B-Story-v2-LoRA", "## About\n\nBig 40B fine-tuned on Story v2 dataset, adapter files only.\n"),
            vec!["Story v2"]
        );
        assert_eq!(
            card("lab/painter", "# P\n\nThe model was trained on a subset of the large-scale dataset PixPile-3B, filtered for safety.\n"),
            vec!["PixPile-3B"]
        );
        // A fine-tune "with the X benchmark" trains on it; the YAML entry is kept.
        assert_eq!(
            datasets("datasets:\n- chirp_eval", "# M\n\nThis encoder was finetuned for stance with the ChirpEval benchmark.\n"),
            vec!["chirp_eval"]
        );
    }

    #[test]
    fn a_curated_dataset_with_a_size_in_its_name_after_a_base() {
        let card = |id: &str, body: &str| extract_json(serde_json::json!({"id": id, "card": body})).facts.datasets;
        assert_eq!(
            card("lab/Owl-8B", "Owl-8B is a model fine-tuned on Qwen3-8B using the curated Owl-Math-1.5M dataset, for math.\n"),
            vec!["Owl-Math-1.5M"]
        );
        assert_eq!(card("lab/Owl-8B", "Owl-8B was trained with the filtered PixPile-2.5B corpus.\n"), vec!["PixPile-2.5B"]);
    }

    #[test]
    fn amounts_owners_and_passive_training_sentences_name_data() {
        assert_eq!(
            datasets("license: mit", "# M\n\nAn encoder pre-trained on 3.1TB of filtered WebCrawlX data in 90 languages.\n"),
            vec!["WebCrawlX"]
        );
        assert_eq!(
            datasets("license: mit", "# M\n\nA fine-tune of acme/filter by Lab on Acme's Secrets-PII dataset.\n"),
            vec!["Secrets-PII"]
        );
        assert_eq!(
            datasets(
                "license: mit",
                "# M\n\nA sentiment model. [Market Phrases](https://example.org/p) by Doe et al. (2014) is used for fine-tuning.\n"
            ),
            vec!["Market Phrases"]
        );
        // "AMR-based" describes the data; it names none.
        assert_eq!(datasets("license: mit", "# M\n\nA model fine-tuned on AMR-based augmented data.\n"), Vec::<String>::new());
        // One dataset spelled two ways is listed once.
        assert_eq!(
            datasets("license: mit", "# M\n\nIt has been fine-tuned using both the [QuizSet2.0](https://huggingface.co/datasets/quizset_v2) and [PageQA](https://example.org) datasets.\n"),
            vec!["quizset_v2", "PageQA"]
        );
    }

    #[test]
    fn a_list_a_training_data_section_announces_names_the_datasets() {
        let body = "# M\n\n## Training data\n\nThe corpus can be split into 3 sources:\n\n- Forum Stories (posts rated 4/5 or higher)\n- WikiText-X: encyclopedia articles\n- Old Novels, public domain\n";
        assert_eq!(datasets("license: mit", body), vec!["Forum Stories", "WikiText-X", "Old Novels"]);
        // Items that describe data or count it name no dataset.
        let body =
            "# M\n\n## Training data\n\nThe data sets:\n\n- Hard negatives\n- Random negatives mined per query\n- 120 Positive pairs\n";
        assert_eq!(datasets("license: mit", body), Vec::<String>::new());
        // Items that read as sentences name no dataset.
        let body = "# M\n\n## Training data\n\nHow we prepared the data sources:\n\n- we removed every duplicate line from the crawl\n- then we filtered pages by language\n";
        assert_eq!(datasets("license: mit", body), Vec::<String>::new());
        // Outside a training-data section a list is about something else.
        let body = "# M\n\n## Evaluation\n\nWe report results on these datasets:\n\n- Bench-A (test split)\n- Bench-B\n";
        assert_eq!(datasets("license: mit", body), Vec::<String>::new());
    }

    #[test]
    fn a_resolution_or_a_language_before_the_name_is_not_the_name() {
        assert_eq!(datasets("license: mit", "# M\n\nA face generator trained on the 128x128 FaceSet-HQ dataset.\n"), vec!["FaceSet-HQ"]);
        assert_eq!(
            datasets("license: mit", "# M\n\nThis model was fine-tuned on [Yoruba WebNews-7](https://example.org/wn7).\n"),
            vec!["WebNews-7"]
        );
        // A language alone, or before a plain word, is the data's language, not a dataset.
        assert_eq!(datasets("license: mit", "# M\n\nThis model was fine-tuned on Yoruba.\n"), Vec::<String>::new());
        assert_eq!(datasets("license: mit", "# M\n\nIt was pre-trained on Yoruba Language corpora.\n"), Vec::<String>::new());
    }

    #[test]
    fn a_training_data_section_names_data_by_bare_id_or_written_out_address() {
        assert_eq!(
            datasets("license: mit", "# M\n\nAn adapter.\n\n### Dataset\n\nacme/long-qa-mix (108511 examples)\n"),
            vec!["acme/long-qa-mix"]
        );
        assert_eq!(
            datasets("license: mit", "# M\n\nA chat model.\n\n### Dataset\n\nDataset links:\n- 1.0 series https://hf.co/datasets/acme/chat-1.0\n- 2.0 series https://hf.co/datasets/acme/chat-2.0\n"),
            vec!["acme/chat-1.0", "acme/chat-2.0"]
        );
        // A subset address inside a collection, a file and the base model are not datasets.
        assert_eq!(
            datasets("base_model: acme/Base-7B", "# M\n\nA classifier.\n\n## Training data\n\nSource: https://huggingface.co/datasets/acme/collection/viewer/part/train\n\nacme/Base-7B (the model we tuned)\n\nconfigs/train.yaml\n"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn benchmarks_loaders_and_placeholders_are_dropped() {
        assert_eq!(datasets("datasets:\n- mteb:MSMARCO\n- imagefolder\n- your-dataset-name", "# M\n\nAn encoder.\n"), Vec::<String>::new());
        assert_eq!(
            datasets("datasets:\n- acme/poems\n- acme/poems_evaluation_suite\n- ACME/Poems", "# M\n\nA poet.\n"),
            vec!["acme/poems"]
        );
        let only_eval = datasets(
            "datasets:\n- flores-200",
            "# M\n\nA translator.\n\n- Motivation: We used Flores-200 as it provides full evaluation coverage.\n",
        );
        assert_eq!(only_eval, Vec::<String>::new());
    }

    #[test]
    fn datasets_named_in_prose_and_linked_from_training_data() {
        assert_eq!(
            datasets("license: mit", "# M\n\nIt was trained on the [MS Marco Passage Ranking](https://github.com/x/y) task.\n"),
            vec!["MS Marco Passage Ranking"]
        );
        assert_eq!(
            datasets("license: mit", "# M\n\nFinetuned from a BLOOM model on MS MARCO Passage Ranking, SNLI and MultiNLI data.\n"),
            vec!["MS MARCO Passage Ranking", "SNLI", "MultiNLI"]
        );
        assert_eq!(
            datasets("license: mit", "# M\n\nTrained on JavaScript code from the `codeparrot/github-code-clean` dataset.\n"),
            vec!["codeparrot/github-code-clean"]
        );
        assert_eq!(
            datasets("datasets:\n- c4", "# M\n\nA model.\n\n## Training Data\n\n- [C4](https://huggingface.co/datasets/c4)\n- [Wiki-DPR](https://huggingface.co/datasets/wiki_dpr)\n"),
            vec!["c4", "wiki_dpr"]
        );
        assert_eq!(datasets("license: mit", "# M\n\nTrained on English tweets with 16 V100 GPUs.\n"), Vec::<String>::new());
        assert_eq!(
            datasets("license: mit", "# M\n\nA chat model.\n\n- **Finetuned from model:** acme/base\n- **Trained using:** [Helpful Prefs](https://huggingface.co/datasets/acme/helpful_prefs)\n"),
            vec!["acme/helpful_prefs"]
        );
        assert_eq!(datasets("license: mit", "# M\n\n- Dataset: SciCorpus\n"), vec!["SciCorpus"]);
        // A library version under "Framework versions" is no dataset.
        assert_eq!(
            datasets("license: mit", "# M\n\nA chat model.\n\n### Framework versions\n\n- Transformers: 4.51.3\n- Datasets: 3.5.0\n"),
            Vec::<String>::new()
        );
        assert_eq!(datasets("license: mit", "# M\n\nA model.\n\n- Datasets: 2.18.0\n"), Vec::<String>::new());
        // Fillers before the name, and "using the X dataset" in a training sentence.
        assert_eq!(datasets("license: mit", "# M\n\nThe painter was trained on a subset of PixPairs-5B.\n"), vec!["PixPairs-5B"]);
        assert_eq!(
            datasets("license: mit", "# M\n\nWe fine-tuned the recogniser using the Spoken Words 11.0 dataset.\n"),
            vec!["Spoken Words 11.0"]
        );
        assert_eq!(datasets("license: mit", "# M\n\nWe evaluate using the Spoken Words 11.0 dataset.\n"), Vec::<String>::new());
        assert_eq!(datasets("license: mit", "# M\n\n- Training data: Large-scale licensed cinematic stills\n"), Vec::<String>::new());
        assert_eq!(
            datasets("license: mit", "# M\n\nThe model was trained on crawled pairs and on pre-existing datasets such as OpenPairs.\n"),
            vec!["OpenPairs"]
        );
        // A Hub dataset linked from a training sentence, and one written out after a label.
        assert_eq!(
            datasets(
                "license: mit",
                "# M\n\nThe coder was trained on 80 languages from [Big Stack](https://huggingface.co/datasets/acme/big-stack-train).\n"
            ),
            vec!["acme/big-stack-train"]
        );
        assert_eq!(
            datasets("license: mit", "# M\n\nAn encoder.\n\n- training dataset: https://huggingface.co/datasets/acme/pairs_zh\n"),
            vec!["acme/pairs_zh"]
        );
        assert_eq!(
            datasets("license: mit", "# M\n\nWe evaluated it on [Big Stack](https://huggingface.co/datasets/acme/big-stack-test).\n"),
            Vec::<String>::new()
        );
        // Benchmarks named the same way are not training data.
        assert_eq!(datasets("license: mit", "# M\n\nWe evaluated it on datasets such as GLUE.\n"), Vec::<String>::new());
        // Models are not datasets, and a sentence ends a name.
        assert_eq!(
            datasets("base_model: acme/Base-7B", "# M\n\nFine-tuned on Base-7B with LoRA. Trained based on RoBERTa.\n"),
            Vec::<String>::new()
        );
        assert_eq!(
            datasets("license: mit", "# M\n\nIt was trained on 680k hours of audio from the Hugging Face Hub. The rest is noise.\n"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_dataset_the_words_call_by_name() {
        let body = "# M\n\nThis is the [acme/pegasus-big](https://huggingface.co/acme/pegasus-big) model fine-tuned on a custom summary-headline dataset called [newsheads](https://github.com/someone/data/blob/main/heads.csv).\n";
        assert_eq!(datasets("license: mit", body), vec!["newsheads".to_string()]);
        // An evaluation sentence names no training data.
        let body = "# M\n\nWe evaluated the fine-tuned model on a held-out dataset called newsheads.\n";
        assert_eq!(datasets("license: mit", body), Vec::<String>::new());
    }

    #[test]
    fn a_label_in_another_script_names_the_data() {
        // A Korean label with a one-word value the card links as a Hub dataset.
        let body = "# 감성 분류\n\n모델: Llama2\n데이터셋: reviewsko\nhttps://huggingface.co/datasets/reviewsko\n학습 데이터: 2000\n";
        assert_eq!(datasets("license: mit", body), vec!["reviewsko".to_string()]);
        // A Chinese label with a full-width colon and a written-out name.
        let body = "# 模型\n\n数据集：Acme-Chat-Zh\n";
        assert_eq!(datasets("license: mit", body), vec!["Acme-Chat-Zh".to_string()]);
        // A Russian label.
        let body = "# Модель\n\nДатасет: [acme/ru-news](https://huggingface.co/datasets/acme/ru-news)\n";
        assert_eq!(datasets("license: mit", body), vec!["acme/ru-news".to_string()]);
        // One lower-case word the card links nowhere ("custom") names no dataset.
        let body = "# 모델\n\n데이터셋: custom\n";
        assert_eq!(datasets("license: mit", body), Vec::<String>::new());
    }
}
