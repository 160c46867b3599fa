//! Papers and code repositories a card points to.
//!
//! Why: "is there a paper?" and "where is the training code?" are questions developers ask, and
//! the answers are links scattered through the card: `arxiv:` tags, arxiv.org / hf.co/papers
//! links, BibTeX `eprint`/`title`, and github.com URLs. Not every GitHub link is the model's own
//! repository — cards link llama.cpp, vLLM, mergekit… to say how to *run* the model — so tool
//! repositories are skipped and a link labelled "Repository:"/"Code:" wins over the first link.

use std::sync::LazyLock;

use regex::Regex;

/// The ML CO2 Impact calculator paper, cited by the Hub's default card template for every model.
const TEMPLATE_PAPER: &str = "1910.09700";

static ARXIV: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:arxiv\.org/(?:abs|pdf|html)/|huggingface\.co/papers/|hf\.co/papers/|arxiv[:\s]\s*|eprint\s*=\s*[{\x22]\s*)(\d{4}\.\d{4,5})").unwrap()
});

/// arXiv ids in card text, in order of appearance, then from `arxiv:` tags; deduplicated.
pub fn arxiv_ids(text: &str, tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let from_text = ARXIV.captures_iter(text).map(|c| c[1].to_string());
    let from_tags = tags.iter().filter_map(|t| t.strip_prefix("arxiv:")).map(|t| t.trim().to_string());
    for id in from_text.chain(from_tags) {
        let id = id.split('v').next().unwrap_or(&id).to_string();
        let valid = id.len() >= 9
            && id.len() <= 10
            && id.as_bytes()[4] == b'.'
            && id.bytes().filter(|b| b.is_ascii_digit()).count() == id.len() - 1;
        if valid && id != TEMPLATE_PAPER && !out.contains(&id) {
            out.push(id);
        }
        if out.len() >= 8 {
            break;
        }
    }
    out
}

/// Repositories of tools and libraries that cards link to for running or building a model.
const TOOL_REPOS: &[&str] = &[
    "huggingface/",
    "ggerganov/",
    "ggml-org/",
    "vllm-project/",
    "oobabooga/",
    "turboderp/",
    "turboderp-org/",
    "timdettmers/",
    "bitsandbytes-foundation/",
    "panqiwei/",
    "autogptq/",
    "casper-hansen/",
    "lostruins/",
    "ollama/",
    "arcee-ai/mergekit",
    "cg123/mergekit",
    "unslothai/",
    "mudler/",
    "nomic-ai/gpt4all",
    "abetlen/",
    "marella/",
    "dao-ailab/",
    "mlc-ai/",
    "ml-explore/",
    "nvidia/tensorrt-llm",
    "microsoft/onnxruntime",
    "microsoft/deepspeed",
    "pytorch/",
    "tensorflow/",
    "keras-team/",
    "openai/tiktoken",
    "google/sentencepiece",
    "eleutherai/lm-evaluation-harness",
    "lm-sys/fastchat",
    "sgl-project/",
    "comfyanonymous/",
    "automatic1111/",
    "kohya-ss/",
    "openaccess-ai-collective/axolotl",
    "axolotl-ai-cloud/",
    "hiyouga/llama-factory",
    "jllllll/",
    "lmstudio-ai/",
    "janhq/",
    "intel/auto-round",
    "intel/neural-compressor",
    "mit-han-lab/llm-awq",
    "ist-daslab/gptq",
    "mlco2/",
    "open-compass/",
    "bigcode-project/bigcode-evaluation-harness",
    "ukplab/sentence-transformers",
    "gradio-app/",
    "google/jax",
    "jax-ml/",
    "microsoft/vscode",
    "sentence-transformers/",
    "features/",
    "sponsors/",
    "user-attachments/",
    "settings/",
    "orgs/",
    "login/",
    "topics/",
    "marketplace/",
];

static GITHUB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)github\.com/([A-Za-z0-9][A-Za-z0-9_.-]{0,38})/([A-Za-z0-9_.-]{1,100})").unwrap());

/// `https://github.com/owner/repo` for a GitHub URL that names a repository (tools excluded).
pub fn github_repo_of(url: &str) -> Option<String> {
    let c = GITHUB.captures(url)?;
    let owner = &c[1];
    let repo = c[2].trim_end_matches(['.', ',', ';', ':', ')']);
    let repo = repo.strip_suffix(".git").unwrap_or(repo).trim_end_matches('.');
    if repo.is_empty() {
        return None;
    }
    let key = format!("{}/{}", owner.to_ascii_lowercase(), repo.to_ascii_lowercase());
    if TOOL_REPOS.iter().any(|t| key.starts_with(t)) {
        return None;
    }
    Some(format!("https://github.com/{owner}/{repo}"))
}

/// The first repository link in text, in order of appearance.
pub fn first_github_repo(text: &str) -> Option<String> {
    GITHUB.find_iter(text).take(200).find_map(|m| github_repo_of(m.as_str()))
}

/// The title of the first BibTeX entry (`title = {…}` or `title = "…"`), inner braces removed.
pub fn citation_title(text: &str) -> Option<String> {
    static TITLE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"(?i)(?-u:\b)title\s*=\s*[{"]((?:[^{}"\n]|\{[^{}\n]*\}){4,400})[}"]"#).unwrap());
    let c = TITLE.captures(text)?;
    let t: String = c[1].chars().filter(|&ch| ch != '{' && ch != '}').collect();
    let t = super::clean::collapse_ws(&t);
    (t.split_whitespace().count() >= 2).then_some(t)
}

/// BibTeX `author = {…}` of the first entry: "A and B and C" → "A, B, C".
pub fn citation_authors(text: &str) -> Option<String> {
    static AUTHOR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r#"(?i)(?-u:\b)authors?\s*=\s*[{"]((?:[^{}"]|\{[^{}]*\}){3,1500})[}"]"#).unwrap());
    let c = AUTHOR.captures(text)?;
    let t: String = c[1].chars().filter(|&ch| ch != '{' && ch != '}').collect();
    let names: Vec<String> = super::clean::collapse_ws(&t)
        .split(" and ")
        .map(|n| match n.split_once(',') {
            // "Last, First" → "First Last"
            Some((last, first)) if !first.trim().is_empty() => format!("{} {}", first.trim(), last.trim()),
            _ => n.trim().to_string(),
        })
        .filter(|n| !n.is_empty())
        .take(50)
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arxiv_from_links_text_bibtex_and_tags() {
        let text = "Introduced in [this paper](https://arxiv.org/abs/1810.04805v2). See also arXiv:2106.09685 and \
                    https://huggingface.co/papers/2212.04356. Carbon: [Lacoste](https://arxiv.org/abs/1910.09700)\n\
                    @misc{x, eprint={2302.13971}, archivePrefix={arXiv}}";
        let ids = arxiv_ids(text, &["arxiv:1810.04805".into(), "arxiv:2402.00838".into()]);
        assert_eq!(ids, vec!["1810.04805", "2106.09685", "2212.04356", "2302.13971", "2402.00838"]);
    }

    #[test]
    fn github_repos_skip_tools() {
        assert_eq!(
            github_repo_of("https://github.com/google-research/bert/blob/master/README.md").as_deref(),
            Some("https://github.com/google-research/bert")
        );
        assert_eq!(github_repo_of("https://github.com/ggerganov/llama.cpp"), None);
        assert_eq!(github_repo_of("https://github.com/huggingface/transformers"), None);
        let text = "Run with https://github.com/vllm-project/vllm. Code: https://github.com/allenai/OLMo.git.";
        assert_eq!(first_github_repo(text).as_deref(), Some("https://github.com/allenai/OLMo"));
        assert_eq!(first_github_repo("no links"), None);
    }

    #[test]
    fn bibtex_title_and_authors() {
        let bib = "@article{devlin2018bert,\n  title={{BERT}: Pre-training of Deep Bidirectional Transformers for Language Understanding},\n  author={Devlin, Jacob and Chang, Ming-Wei},\n  year={2018}\n}";
        assert_eq!(
            citation_title(bib).as_deref(),
            Some("BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding")
        );
        assert_eq!(citation_authors(bib).as_deref(), Some("Jacob Devlin, Ming-Wei Chang"));
        assert_eq!(citation_title("no citation"), None);
    }
}
