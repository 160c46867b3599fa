//! Application domains ("medical / biomedical", "legal", "finance", …) and the words that signal
//! them in ids and tags, in card prose and in requests.
//!
//! Why one table: the Hub has no domain field, so extraction writes a domain label from id, tag
//! and description words, and the free-text fill writes the same label from a request's words;
//! BM25F then matches label against label. Id and tag words may be short and specific ("fin",
//! "biobert"); prose (cards and requests alike) needs stronger phrases, because "the code is on
//! GitHub" does not make a model a code model.

use std::sync::LazyLock;

use super::contains_phrase;

/// Domain label, id/tag words (`*` suffix = prefix match), prose phrases.
const DOMAINS: &[(&str, &[&str], &[&str])] = &[
    (
        "medical / biomedical",
        &[
            "medical",
            "medicine",
            "medic*",
            "biomed*",
            "clinical*",
            "clinic*",
            "health*",
            "radiolog*",
            "patholog*",
            "pubmed*",
            "biobert",
            "biogpt",
            "biomistral",
            "bioclinical*",
            "biolinkbert",
            "meditron*",
            "medalpaca*",
            "medllama*",
            "med42*",
            "medgemma*",
            "medqa",
            "medmcqa",
            "mimic",
            "ehr",
            "patient*",
            "drug*",
            "cancer",
            "covid*",
            "mental",
        ],
        &[
            "medical",
            "biomedical",
            "clinical",
            "healthcare",
            "health care",
            "patients",
            "radiology",
            "pubmed",
            "diagnosis",
            "electronic health records",
            "mental health",
        ],
    ),
    (
        "legal",
        &["legal*", "law", "laws", "lawyer*", "court*", "contract*", "juris*", "saul", "caselaw", "lexglue"],
        &["legal", "law firm", "court decisions", "case law", "contracts", "statutes", "legislation", "lawyers"],
    ),
    (
        "finance",
        &["finance", "financial", "fin", "finbert", "fingpt", "finma", "stock*", "trading", "banking", "fiqa", "econom*", "crypto*"],
        &["financial", "finance", "stock market", "banking", "earnings calls", "economic"],
    ),
    (
        "code / programming",
        &[
            "code",
            "coder",
            "coding",
            "codegen*",
            "codellama*",
            "codeqwen*",
            "codestral*",
            "starcoder*",
            "codet5*",
            "codebert*",
            "deepseek-coder",
            "programming",
            "python",
            "sql",
            "text2sql",
            "nl2sql",
            "wizardcoder*",
            "granite-code",
            "santacoder",
        ],
        &[
            "code generation",
            "code completion",
            "programming",
            "coding assistant",
            "source code generation",
            "software engineering",
            "text-to-sql",
            "text to sql",
            "code tasks",
            "coding tasks",
        ],
    ),
    ("chemistry", &["chem*", "molecul*", "smiles", "chemberta"], &["chemistry", "chemical", "molecules", "molecular", "smiles strings"]),
    (
        "biology / genomics",
        &["protein*", "dna*", "rna*", "genom*", "gene", "genes", "esm", "esm2", "bio", "biology", "nucleotide*", "antibod*"],
        &["protein", "genomic", "dna sequences", "biology", "amino acid"],
    ),
    (
        "mathematics",
        &["math", "maths", "mathematic*", "mathstral", "wizardmath", "metamath*", "gsm8k", "theorem*", "lean4", "numina*"],
        &["mathematical", "mathematics", "math problems", "math reasoning", "theorem proving", "arithmetic"],
    ),
    (
        "climate / earth science",
        &["climate*", "weather", "earth", "satellite*", "remote-sensing", "geospatial", "sentinel*", "landsat"],
        &["climate", "weather", "earth observation", "satellite imagery", "remote sensing", "geospatial"],
    ),
    (
        "scientific literature",
        &["scibert", "scientific", "science", "sciencebert", "galactica", "arxiv", "specter*", "scholarly", "papers"],
        &["scientific", "scientific papers", "research papers", "academic papers", "scholarly"],
    ),
    (
        "e-commerce",
        &["ecommerce", "e-commerce", "product*", "shopping", "retail", "amazon"],
        &["e-commerce", "ecommerce", "product descriptions", "product reviews", "online shopping", "retail"],
    ),
    (
        "social media",
        &["twitter", "tweet*", "bertweet", "twhin*", "reddit", "social", "tiktok", "instagram", "youtube", "weibo"],
        &["social media", "tweets", "twitter", "reddit", "social network"],
    ),
    ("news", &["news", "headline*", "cnn", "dailymail", "xsum", "newsroom"], &["news articles", "news", "headlines", "journalism"]),
    (
        "education",
        &["education*", "edu", "student*", "tutor*", "school"],
        &["education", "educational", "students", "teachers", "tutoring"],
    ),
    (
        "cybersecurity",
        &["security", "cyber*", "malware", "phishing", "vulnerab*", "intrusion", "spam"],
        &["cybersecurity", "malware", "phishing", "vulnerabilities", "security"],
    ),
    (
        "roleplay / creative writing",
        &["roleplay", "rp", "role-play", "creative", "creative-writing", "creative_writing", "story*", "storytelling", "fiction", "novel*"],
        &["roleplay", "role-play", "role play", "creative writing", "storytelling", "fiction"],
    ),
    ("customer support", &["customer*", "support", "helpdesk", "callcenter"], &["customer support", "customer service", "call center"]),
    ("agriculture", &["agri*", "crop*", "plant*", "farming"], &["agriculture", "crops", "plant disease", "farming"]),
    (
        "automotive / driving",
        &["driving", "autonomous", "automotive", "vehicle*", "traffic"],
        &["autonomous driving", "self-driving", "automotive", "traffic"],
    ),
    ("music", &["music*", "song*", "melody"], &["music", "songs", "melodies"]),
    (
        "games",
        &[
            "atari",
            "game*",
            "minecraft",
            "chess",
            "doom",
            "unity-ml-agents",
            "ml-agents",
            "snowballtarget",
            "huggy",
            "pyramids",
            "soccertwos",
        ],
        &["video games", "game playing"],
    ),
];

/// Exact cue words and prefix cues (`*`), each with its domain index, built once.
struct DomainIndex {
    exact: std::collections::HashMap<&'static str, usize>,
    /// Prefix cues grouped by their first two bytes (every prefix cue has at least three).
    prefixes: std::collections::HashMap<[u8; 2], Vec<(&'static str, usize)>>,
}

static DOMAIN_INDEX: LazyLock<DomainIndex> = LazyLock::new(|| {
    let mut exact = std::collections::HashMap::new();
    let mut prefixes: std::collections::HashMap<[u8; 2], Vec<(&'static str, usize)>> = std::collections::HashMap::new();
    for (i, (_, cues, _)) in DOMAINS.iter().enumerate() {
        for c in cues.iter() {
            match c.strip_suffix('*') {
                Some(p) => {
                    let b = p.as_bytes();
                    assert!(b.len() >= 3, "prefix cue too short: {p}");
                    prefixes.entry([b[0], b[1]]).or_default().push((p, i));
                }
                None => {
                    exact.entry(*c).or_insert(i);
                }
            }
        }
    }
    DomainIndex { exact, prefixes }
});

fn domain_of_word(word: &str, allow_hyphenated: bool) -> Option<usize> {
    let idx = &*DOMAIN_INDEX;
    if let Some(&i) = idx.exact.get(word) {
        if allow_hyphenated || !word.contains('-') {
            return Some(i);
        }
    }
    let b = word.as_bytes();
    if b.len() < 3 {
        return None;
    }
    idx.prefixes.get(&[b[0], b[1]])?.iter().find(|(p, _)| word.starts_with(p)).map(|&(_, i)| i)
}

/// Domains signalled by words of ids and tags (each word lowercased, split on punctuation).
pub fn domains_in_words<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<&'static str> {
    let mut hits: Vec<usize> = Vec::new();
    for w in words.into_iter().take(500) {
        let w = w.to_lowercase();
        let mut note = |i: Option<usize>| {
            if let Some(i) = i {
                if !hits.contains(&i) {
                    hits.push(i);
                }
            }
        };
        note(domain_of_word(&w, true));
        if w.contains(|c: char| !c.is_alphanumeric()) {
            for part in w.split(|c: char| !c.is_alphanumeric()).filter(|p| p.len() >= 2) {
                note(domain_of_word(part, false));
            }
        }
    }
    // Report in table order, so the output does not depend on word order.
    hits.sort_unstable();
    hits.into_iter().map(|i| DOMAINS[i].0).collect()
}

/// Domains signalled by phrases of prose (the description).
pub fn domains_in_text(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    for (label, _, phrases) in DOMAINS {
        if phrases.iter().any(|p| contains_phrase(&lower, p)) && !out.contains(label) {
            out.push(*label);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains() {
        assert_eq!(domains_in_words(["dmis-lab/biobert-v1.1"].iter().flat_map(|s| s.split('/'))), vec!["medical / biomedical"]);
        assert_eq!(domains_in_words(["ProsusAI", "finbert"]), vec!["finance"]);
        assert_eq!(domains_in_words(["codellama", "CodeLlama-7b-hf"]), vec!["code / programming"]);
        assert!(domains_in_words(["bert-base-uncased", "media"]).is_empty());
        assert_eq!(domains_in_text("Answers questions about clinical notes."), vec!["medical / biomedical"]);
        assert!(domains_in_text("The code is on GitHub.").is_empty());
        assert_eq!(domains_in_text("Classifies tweets by sentiment."), vec!["social media"]);
    }
}
