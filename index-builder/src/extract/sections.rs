//! The Markdown body as blocks under headings, and headings mapped to what they are about.
//!
//! Why pulldown-cmark instead of line regexes: `#` lines inside code fences are comments, not
//! headings; link targets and badge images must be told apart from prose; tables and lists need
//! their own separators. We keep a flat list of blocks (paragraph, list item, table row, code,
//! HTML) each tagged with its innermost heading, and classify every heading by keywords
//! ("Bias, Risks, and Limitations" → limitations + bias). A field then reads the best section of
//! its kind: own text plus unclassified subsections, so "## Uses" picks up "### Direct Use" but
//! "## Training procedure" does not swallow "### Training hyperparameters".
//!
//! Hostile input: the parser is linear and keeps no recursion of its own here; we cap the number
//! of blocks and the bytes of text per block, and ignore nesting beyond what we need.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::clean;

const MAX_BLOCKS: usize = 20_000;
const MAX_BLOCK_BYTES: usize = 32 * 1024;
const MAX_SECTIONS: usize = 2_000;

/// What a heading is about. A heading may be about several things.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    Description,
    Uses,
    Limitations,
    Bias,
    TrainingData,
    Training,
    HyperParameters,
    Evaluation,
    HowToUse,
    Hardware,
    Software,
    Environment,
    Citation,
    Grant,
    Authors,
    License,
}

impl Kind {
    fn bit(self) -> u32 {
        1 << (self as u8)
    }
}

/// A set of [`Kind`]s.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Kinds(u32);

impl Kinds {
    pub fn has(self, k: Kind) -> bool {
        self.0 & k.bit() != 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn len(self) -> u32 {
        self.0.count_ones()
    }
    fn add(&mut self, k: Kind) {
        self.0 |= k.bit();
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    ListItem,
    TableRow,
    Code,
    Html,
}

#[derive(Clone, Debug)]
pub struct Block {
    pub kind: BlockKind,
    /// Plain text (links reduced to their text, images dropped); code keeps its lines.
    pub text: String,
    /// Code fence info string (`python`, `bash`…), empty otherwise.
    pub lang: String,
    /// Innermost heading above the block.
    pub section: Option<usize>,
    /// Link targets inside the block (Markdown links and HTML `href`s), in order.
    pub links: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Section {
    pub heading: String,
    pub level: u8,
    pub kinds: Kinds,
    pub parent: Option<usize>,
    /// Blocks of this section and its subsections: `blocks[first..end]`.
    pub first: usize,
    pub end: usize,
}

/// A parsed card body.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
    /// The leading H1 that names the model, if any.
    pub title: Option<usize>,
}

/// Normalizes a heading for matching: lowercase, no numbering, emoji, markup or "[optional]".
pub fn normalize_heading(h: &str) -> String {
    let lower = h.to_lowercase().replace("[optional]", " ");
    let kept: String = lower
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '&' | '-' | ';' | '(' | ')' | ',' | '/' | '\'') { c } else { ' ' })
        .collect();
    let t = clean::collapse_ws(&kept);
    // "1. Introduction", "2.1 Training data", "iv. usage" → drop leading numbering tokens.
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == ' ');
    t.trim_matches(|c: char| c == ' ' || c == '-' || c == ';' || c == ',').to_string()
}

/// A disclaimer heading ("Disclaimer", "免责声明", or only "Statement", as Chinese labs
/// translate 声明): its text says what the model cannot do or must not be used for, so it is a
/// limitations section whose sentences still need a limitation cue to count.
pub fn is_disclaimer(heading: &str) -> bool {
    let h = normalize_heading(heading);
    h.contains("disclaimer") || h.contains("免责声明") || h == "statement"
}

/// Maps a heading to the kinds of content it announces.
pub fn classify(heading: &str) -> Kinds {
    let h = normalize_heading(heading);
    let has = |w: &str| h.contains(w);
    let mut k = Kinds::default();
    let how_to = has("how to use")
        || has("usage")
        || has("get started")
        || has("getting started")
        || has("quick start")
        || has("quickstart")
        || has("quick tour")
        || has("inference")
        || has("use with")
        || has("using with")
        || has("use it")
        || has("example")
        || has("code snippet")
        || has("run the model")
        || has("running")
        || has("how to run")
        || has("sample code")
        || has("installation")
        || has("use this model")
        || h == "demo"
        || h == "code";
    if how_to && !has("intended") && !has("limitation") && !has("example outputs") {
        k.add(Kind::HowToUse);
    }
    if !k.has(Kind::HowToUse)
        && (has("intended use")
            || has("uses")
            || has("direct use")
            || has("downstream use")
            || has("out-of-scope")
            || has("out of scope")
            || has("use case")
            || has("intended purpose")
            || has("applications")
            || h == "use")
    {
        k.add(Kind::Uses);
    }
    if has("limitation")
        || has("caveat")
        || has("known issues")
        || has("risks")
        || has("out-of-scope")
        || has("out of scope")
        || has("misuse")
        || has("responsible ai")
        || has("shortcoming")
        || has("failure")
        || has("warning")
        || has("remaining issues")
        || has("open issues")
        || has("限制")
        || has("局限")
        || is_disclaimer(heading)
    {
        k.add(Kind::Limitations);
    }
    if has("bias")
        || has("ethic")
        || has("fairness")
        || has("risk")
        || has("responsible ai")
        || has("safety")
        || has("harm")
        || has("societal")
    {
        k.add(Kind::Bias);
    }
    let data_word = has("data") || has("corpus") || has("corpora");
    let eval_only_data = (has("test") || has("evaluation") || has("eval ")) && !has("train");
    if data_word
        && !eval_only_data
        && !has("preprocess")
        && (has("train")
            || h == "data"
            || h == "datasets"
            || h == "dataset"
            || has("pretrain")
            || has("pre-train")
            || has("fine-tun")
            || has("finetun")
            || has("data sources")
            || has("training set"))
    {
        k.add(Kind::TrainingData);
    }
    if has("hyperparameter")
        || has("hyper-parameter")
        || has("hyper parameter")
        || has("training config")
        || has("training arguments")
        || has("training args")
        || h == "configuration"
        || h == "configurations"
        || has("merge config")
    {
        k.add(Kind::HyperParameters);
    }
    if !k.has(Kind::TrainingData)
        && !k.has(Kind::HyperParameters)
        && (has("training procedure")
            || has("training details")
            || h == "training"
            || has("fine-tuning")
            || has("finetuning")
            || has("fine tuning")
            || has("pre-training")
            || has("pretraining")
            || has("training process")
            || has("training method")
            || has("training setup")
            || has("training recipe")
            || has("training info")
            || has("merge method")
            || has("merge details")
            || has("distillation"))
    {
        k.add(Kind::Training);
    }
    if has("evaluation")
        || has("results")
        || has("benchmark")
        || has("performance")
        || has("metrics")
        || has("testing")
        || has("leaderboard")
        || has("scores")
        || has("accuracy")
    {
        k.add(Kind::Evaluation);
    }
    // Plain "Requirements" sections list pip packages; only hardware-ish requirements count.
    if has("hardware")
        || has("compute infrastructure")
        || has("infrastructure")
        || has("system requirements")
        || has("gpu requirements")
        || has("memory requirements")
        || has("vram")
        || has("gpu")
        || has("memory usage")
        || has("speeds, sizes")
    {
        k.add(Kind::Hardware);
    }
    if h == "software"
        || has("hardware and software")
        || has("framework versions")
        || h == "frameworks"
        || has("dependencies")
        || h == "libraries"
        || has("software stack")
    {
        k.add(Kind::Software);
    }
    if has("environmental impact") || has("carbon") || has("co2") || has("emission") || has("energy") {
        k.add(Kind::Environment);
    }
    if has("citation") || has("cite") || has("bibtex") || h == "reference" || h == "references" || h == "paper" || h == "papers" {
        k.add(Kind::Citation);
    }
    if has("acknowledg") || has("funding") || has("thanks") || has("sponsor") || has("grant") || has("credits") {
        k.add(Kind::Grant);
    }
    if has("author")
        || has("contributor")
        || has("developed by")
        || has("team")
        || has("maintainer")
        || has("created by")
        || has("credits")
        || has("about us")
        || h == "developers"
    {
        k.add(Kind::Authors);
    }
    if has("license") || has("licence") || has("terms of use") || has("copyright") || has("trademark") || h == "legal" {
        k.add(Kind::License);
    }
    let description = h == "description"
        || has("model description")
        || h == "summary"
        || has("model summary")
        || h == "overview"
        || has("model overview")
        || h == "introduction"
        || has("model introduction")
        || h == "about"
        || has("about the model")
        || has("about this model")
        || h == "abstract"
        || h == "tl;dr"
        || h == "tldr"
        || has("what is");
    if description && k.is_empty() {
        k.add(Kind::Description);
    }
    k
}

struct Builder {
    doc: Doc,
    open: Vec<usize>,
    cur: String,
    cur_kind: BlockKind,
    lang: String,
    links: Vec<String>,
    in_heading: bool,
    heading: String,
    heading_level: u8,
    image_depth: usize,
    item_depth: usize,
    /// The open code block is an indented one (no fence).
    indented: bool,
}

impl Builder {
    fn current_section(&self) -> Option<usize> {
        self.open.last().copied()
    }

    fn append(&mut self, s: &str) {
        if self.image_depth > 0 {
            return;
        }
        let target = if self.in_heading { &mut self.heading } else { &mut self.cur };
        if target.len() + s.len() <= MAX_BLOCK_BYTES {
            target.push_str(s);
        } else {
            let room = MAX_BLOCK_BYTES.saturating_sub(target.len());
            target.push_str(clean::cap_bytes(s, room));
        }
    }

    fn flush(&mut self) {
        let raw = std::mem::take(&mut self.cur);
        let lang = std::mem::take(&mut self.lang);
        let mut links = std::mem::take(&mut self.links);
        let text = match self.cur_kind {
            BlockKind::Code => raw,
            BlockKind::Html => {
                links.extend(hrefs(&raw));
                clean::collapse_ws(&clean::strip_tags(&raw))
            }
            _ => clean::collapse_ws_keep_lines(&raw),
        };
        if text.trim().is_empty() || self.doc.blocks.len() >= MAX_BLOCKS {
            return;
        }
        if self.cur_kind == BlockKind::Code && std::mem::take(&mut self.indented) {
            if let Some(items) = indented_list_items(&text) {
                for item in items {
                    if self.doc.blocks.len() < MAX_BLOCKS {
                        let text = clean::collapse_ws_keep_lines(item);
                        self.doc.blocks.push(Block {
                            kind: BlockKind::ListItem,
                            text,
                            lang: String::new(),
                            section: self.current_section(),
                            links: Vec::new(),
                        });
                    }
                }
                return;
            }
        }
        self.doc.blocks.push(Block { kind: self.cur_kind, text, lang, section: self.current_section(), links });
    }

    fn start_section(&mut self, heading: String, level: u8) {
        let at = self.doc.blocks.len();
        while let Some(&top) = self.open.last() {
            if self.doc.sections[top].level >= level {
                self.doc.sections[top].end = at;
                self.open.pop();
            } else {
                break;
            }
        }
        if self.doc.sections.len() >= MAX_SECTIONS {
            return;
        }
        let kinds = classify(&heading);
        let idx = self.doc.sections.len();
        if level == 1 && idx == 0 && kinds.is_empty() && self.doc.title.is_none() {
            self.doc.title = Some(idx);
        }
        self.doc.sections.push(Section { heading, level, kinds, parent: self.open.last().copied(), first: at, end: at });
        self.open.push(idx);
    }
}

/// `href="…"` targets in raw HTML (at most 100).
fn hrefs(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("href=") {
        rest = &rest[i + 5..];
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'');
        let inner = match quote {
            Some(_) => &rest[1..],
            None => rest,
        };
        let end = inner.find(|c: char| Some(c) == quote || (quote.is_none() && (c.is_whitespace() || c == '>'))).unwrap_or(inner.len());
        out.push(inner[..end].to_string());
        if out.len() >= 100 {
            break;
        }
    }
    out
}

/// The items of a bulleted list that Markdown reads as an indented code block: a list
/// indented by four spaces after a blank line ("Key features:\n\n    - Multilingual: …"), as
/// gallery excerpts and pasted cards write them. Every line must open with a bullet and carry
/// words, not code (no `=`, `(`…`)` call, `{`, `;` ending), so a real code sample stays code.
fn indented_list_items(text: &str) -> Option<Vec<&str>> {
    let mut items = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let item = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")).or_else(|| line.strip_prefix("+ "))?;
        let codeish = item.contains(" = ") || item.contains('{') || item.ends_with(';') || item.contains("()") || item.starts_with('-');
        if codeish || !item.split_whitespace().any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 3) {
            return None;
        }
        items.push(item);
    }
    (!items.is_empty()).then_some(items)
}

/// Parses a Markdown body (already capped in size by the caller).
pub fn parse(body: &str) -> Doc {
    let body = clean::strip_html_comments(body);
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    let mut b = Builder {
        doc: Doc::default(),
        open: Vec::new(),
        cur: String::new(),
        cur_kind: BlockKind::Paragraph,
        lang: String::new(),
        links: Vec::new(),
        in_heading: false,
        heading: String::new(),
        heading_level: 1,
        image_depth: 0,
        item_depth: 0,
        indented: false,
    };
    for event in Parser::new_ext(&body, opts) {
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => {
                    b.flush();
                    b.in_heading = true;
                    b.heading.clear();
                    b.heading_level = level as u8;
                }
                Tag::Paragraph => {
                    if b.item_depth == 0 {
                        b.flush();
                        b.cur_kind = BlockKind::Paragraph;
                    } else {
                        b.append(" ");
                    }
                }
                Tag::Item => {
                    b.flush();
                    b.item_depth += 1;
                    b.cur_kind = BlockKind::ListItem;
                }
                Tag::CodeBlock(kind) => {
                    b.flush();
                    b.cur_kind = BlockKind::Code;
                    match kind {
                        CodeBlockKind::Fenced(info) => b.lang = info.split_whitespace().next().unwrap_or("").to_lowercase(),
                        CodeBlockKind::Indented => b.indented = true,
                    }
                }
                Tag::HtmlBlock => {
                    b.flush();
                    b.cur_kind = BlockKind::Html;
                }
                Tag::TableHead | Tag::TableRow => {
                    b.flush();
                    b.cur_kind = BlockKind::TableRow;
                }
                Tag::Image { .. } => b.image_depth += 1,
                Tag::Link { dest_url, .. } if !b.in_heading && b.links.len() < 100 => b.links.push(dest_url.to_string()),
                Tag::BlockQuote(_) if b.item_depth == 0 => {
                    b.flush();
                    b.cur_kind = BlockKind::Paragraph;
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) => {
                    b.in_heading = false;
                    let heading = clean::collapse_ws(&clean::strip_tags(&std::mem::take(&mut b.heading)));
                    let level = b.heading_level;
                    b.start_section(clean::truncate(&heading, 200), level);
                }
                TagEnd::Paragraph => {
                    if b.item_depth == 0 {
                        b.flush();
                    } else {
                        b.append(" ");
                    }
                }
                TagEnd::Item => {
                    b.flush();
                    b.item_depth = b.item_depth.saturating_sub(1);
                    b.cur_kind = if b.item_depth > 0 { BlockKind::ListItem } else { BlockKind::Paragraph };
                }
                TagEnd::CodeBlock | TagEnd::HtmlBlock => {
                    b.flush();
                    b.cur_kind = if b.item_depth > 0 { BlockKind::ListItem } else { BlockKind::Paragraph };
                }
                TagEnd::TableHead | TagEnd::TableRow => {
                    let row = std::mem::take(&mut b.cur);
                    b.cur = row.trim_end().trim_end_matches('|').trim_end().to_string();
                    b.flush();
                    b.cur_kind = BlockKind::Paragraph;
                }
                TagEnd::TableCell => b.append(" | "),
                TagEnd::Image => b.image_depth = b.image_depth.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) | Event::Code(t) => b.append(&t),
            Event::Html(t) => {
                if b.cur_kind == BlockKind::Html {
                    b.append(&t);
                } else {
                    b.append(" ");
                }
            }
            Event::InlineHtml(t) => {
                let t = t.trim_start_matches(['<', '/']).to_ascii_lowercase();
                if ["br", "p", "div", "li", "td", "tr", "h"].iter().any(|p| t.starts_with(p)) {
                    b.append(" ");
                }
            }
            Event::SoftBreak | Event::HardBreak => b.append("\n"),
            Event::Rule => b.flush(),
            _ => {}
        }
    }
    b.flush();
    let end = b.doc.blocks.len();
    for idx in b.open.drain(..) {
        b.doc.sections[idx].end = end;
    }
    b.doc
}

impl Doc {
    /// Text of the blocks before the first real section: the lead under the title heading (or
    /// before any heading).
    pub fn intro_blocks(&self) -> impl Iterator<Item = &Block> + '_ {
        let title = self.title;
        self.blocks.iter().filter(move |b| b.section.is_none() || b.section == title)
    }

    /// True when `inner` lies under `outer` with no classified section in between (`inner`
    /// itself may be unclassified or equal to `outer`).
    fn reaches(&self, inner: usize, outer: usize) -> bool {
        let mut cur = inner;
        for _ in 0..16 {
            if cur == outer {
                return true;
            }
            if !self.sections[cur].kinds.is_empty() {
                return false;
            }
            match self.sections[cur].parent {
                Some(p) => cur = p,
                None => return false,
            }
        }
        false
    }

    /// The blocks that belong to section `idx`: its own and those of unclassified subsections.
    pub fn section_blocks(&self, idx: usize) -> impl Iterator<Item = &Block> + '_ {
        let s = &self.sections[idx];
        self.blocks[s.first.min(self.blocks.len())..s.end.min(self.blocks.len())]
            .iter()
            .filter(move |b| b.section.is_some_and(|inner| self.reaches(inner, idx)))
    }

    /// Prose of a section: blocks joined, code left out (tables and lists kept, separated).
    pub fn section_prose(&self, idx: usize) -> String {
        join_prose(self.section_blocks(idx))
    }

    /// Prose of a section without its tables.
    pub fn section_text(&self, idx: usize) -> String {
        join_blocks(self.section_blocks(idx), false, " ")
    }

    /// Candidate sections of `kind`, best first: single-purpose headings before combined ones,
    /// then document order. `penalty` lets a field push weaker headings back.
    pub fn sections_of(&self, kind: Kind, penalty: impl Fn(&Section) -> u32) -> Vec<usize> {
        let mut c: Vec<(u32, usize)> = self
            .sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kinds.has(kind))
            // "Intended uses & limitations" mostly talks about uses: last resort for other kinds.
            .map(|(i, s)| (s.kinds.len() + (kind != Kind::Uses && s.kinds.has(Kind::Uses)) as u32 + penalty(s), i))
            .collect();
        c.sort();
        c.into_iter().map(|(_, i)| i).collect()
    }

    /// The cleaned prose of the best section of `kind` that has real content. Tables are kept
    /// only for kinds whose content is often tabular (results, hyper-parameters, data, hardware,
    /// emissions).
    pub fn best_prose(&self, kind: Kind, max: usize, penalty: impl Fn(&Section) -> u32) -> Option<String> {
        let tables = matches!(
            kind,
            Kind::Evaluation | Kind::HyperParameters | Kind::TrainingData | Kind::Hardware | Kind::Environment | Kind::Software
        );
        self.sections_of(kind, penalty).into_iter().find_map(|i| {
            let raw = if tables { self.section_prose(i) } else { self.section_text(i) };
            let text = clean::prose(&raw, max);
            clean::is_meaningful(&text, 20).then_some(text)
        })
    }
}

/// Joins block texts with separators that keep list items and table rows apart. Line breaks
/// inside a block (hard-wrapped Markdown) become spaces.
pub fn join_prose<'a>(blocks: impl Iterator<Item = &'a Block>) -> String {
    join_blocks(blocks, true, " ")
}

/// [`join_prose`] with a choice of keeping table rows and of the separator after a block that
/// ends a sentence or a paragraph ("\n" keeps sentences of different blocks apart for scans).
pub fn join_blocks<'a>(blocks: impl Iterator<Item = &'a Block>, tables: bool, paragraph_sep: &str) -> String {
    let mut out = String::new();
    for b in blocks {
        if b.kind == BlockKind::Code || (!tables && b.kind == BlockKind::TableRow) || out.len() > 64 * 1024 {
            continue;
        }
        let t = b.text.trim();
        if t.is_empty() {
            continue;
        }
        if t.contains('\n') {
            out.push_str(&t.replace('\n', " "));
        } else {
            out.push_str(t);
        }
        let ends = t.ends_with(['.', '!', '?', ':', ';', '。']);
        match b.kind {
            BlockKind::ListItem | BlockKind::TableRow if !ends => out.push_str("; "),
            _ => out.push_str(paragraph_sep),
        }
    }
    out.trim_end().trim_end_matches(';').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARD: &str = "# Tiny Tagger\n\nA compact tagger for German news text.\n\n## Model description\n\nIt finds people, places and organisations.\n\n```python\n# not a heading\nprint(1)\n```\n\n## Intended uses & limitations\n\nUse it to tag names in news articles.\n\n### How to use\n\n```python\nfrom transformers import pipeline\n```\n\n### Limitations and bias\n\nIt was trained on 2010s newspapers only.\n\n## Training procedure\n\nTrained for 3 epochs.\n\n### Training hyperparameters\n\n- learning_rate: 2e-05\n- seed: 42\n\n### Notes\n\nOne more note.\n\n## Results\n\n| Metric | Value |\n|---|---|\n| F1 | 0.91 |\n";

    #[test]
    fn a_bulleted_list_indented_like_code_is_a_list() {
        let doc = parse("Key features:\n\n    - Vision: reads images as well as text.\n    - Multilingual: supports English, French and German.\n\nMore text.\n\n    pip install acme\n\nAnd:\n\n    - x = 1\n");
        let items: Vec<_> = doc.blocks.iter().filter(|b| b.kind == BlockKind::ListItem).map(|b| b.text.as_str()).collect();
        assert_eq!(items, ["Vision: reads images as well as text.", "Multilingual: supports English, French and German."]);
        let code: Vec<_> = doc.blocks.iter().filter(|b| b.kind == BlockKind::Code).map(|b| b.text.trim()).collect();
        assert_eq!(code, ["pip install acme", "- x = 1"]);
    }

    #[test]
    fn headings_classify() {
        let k = classify("Bias, Risks, and Limitations");
        assert!(k.has(Kind::Bias) && k.has(Kind::Limitations));
        assert!(classify("## Fixed and Remaining Issues").has(Kind::Limitations));
        assert!(classify("## ⚠️ Preview Warning").has(Kind::Limitations));
        assert!(!classify("## Reporting Issues").has(Kind::Limitations));
        assert!(classify("## ⚠️ Disclaimer").has(Kind::Limitations));
        assert!(classify("#### Statement").has(Kind::Limitations));
        assert!(classify("### 免责声明").has(Kind::Limitations));
        assert!(!classify("### Data Mission Statement").has(Kind::Limitations));
        let k = classify("## 3. Intended Uses & Limitations");
        assert!(k.has(Kind::Uses) && k.has(Kind::Limitations) && !k.has(Kind::HowToUse));
        assert!(classify("How to Get Started with the Model").has(Kind::HowToUse));
        assert!(classify("Usage (Sentence-Transformers)").has(Kind::HowToUse));
        assert!(classify("Training and evaluation data").has(Kind::TrainingData));
        assert!(!classify("Testing Data").has(Kind::TrainingData));
        assert!(classify("Training hyperparameters").has(Kind::HyperParameters));
        assert!(!classify("Training hyperparameters").has(Kind::Training));
        assert!(classify("Training procedure").has(Kind::Training));
        assert!(classify("Environmental Impact").has(Kind::Environment));
        assert!(classify("BibTeX entry and citation info").has(Kind::Citation));
        assert!(classify("Model Card Authors [optional]").has(Kind::Authors));
        assert!(classify("🔥 Model Summary").has(Kind::Description));
        assert!(classify("Compute Infrastructure").has(Kind::Hardware));
        assert!(classify("Framework versions").has(Kind::Software));
        assert!(classify("Model Details").is_empty());
    }

    #[test]
    fn blocks_and_sections() {
        let doc = parse(CARD);
        assert_eq!(doc.title, Some(0));
        let intro: Vec<_> = doc.intro_blocks().map(|b| b.text.as_str()).collect();
        assert_eq!(intro, vec!["A compact tagger for German news text."]);
        // `# not a heading` stays inside the code block.
        assert!(doc.sections.iter().all(|s| s.heading != "not a heading"));
        let lim = doc.best_prose(Kind::Limitations, 1000, |_| 0).unwrap();
        assert_eq!(lim, "It was trained on 2010s newspapers only.");
        let uses = doc.best_prose(Kind::Uses, 1000, |_| 0).unwrap();
        assert_eq!(uses, "Use it to tag names in news articles.");
        let training = doc.best_prose(Kind::Training, 1000, |_| 0).unwrap();
        assert_eq!(training, "Trained for 3 epochs. One more note.");
        let hp = doc.best_prose(Kind::HyperParameters, 1000, |_| 0).unwrap();
        assert_eq!(hp, "learning_rate: 2e-05; seed: 42");
        let eval = doc.best_prose(Kind::Evaluation, 1000, |_| 0).unwrap();
        assert_eq!(eval, "Metric | Value; F1 | 0.91");
        let how = doc.sections_of(Kind::HowToUse, |_| 0)[0];
        let code: Vec<_> = doc.section_blocks(how).filter(|b| b.kind == BlockKind::Code).collect();
        assert_eq!(code[0].lang, "python");
        assert!(code[0].text.contains("from transformers import pipeline"));
    }

    #[test]
    fn links_and_images_reduce_to_text() {
        let doc =
            parse("[![badge](https://img.shields.io/x.svg)](https://x.y) Read [the paper](https://arxiv.org/abs/2101.00001) <b>now</b>.");
        assert_eq!(doc.blocks[0].text, "Read the paper now.");
    }

    #[test]
    fn html_blocks_become_text() {
        let doc = parse("<div align=\"center\">\n<h1>Big Model</h1>\n<p>Answers questions about tables.</p>\n</div>\n");
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(doc.blocks[0].kind, BlockKind::Html);
        assert_eq!(doc.blocks[0].text, "Big Model Answers questions about tables.");
    }
}
