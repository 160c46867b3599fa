//! Every ranking knob in one place, with the reasoning for its default and what its extremes do.
//!
//! `--param name=value` (CLI `search`, `eval`) reaches each of them: the scalars below by name,
//! the per-field arrays as `weight.<search field>`, `b.<search field>` and
//! `request_weight.<template field>`, intent detection as `intent.<name>` and the rule estimates
//! as `rules.<name>` ([`RuleParams`]). `RankParams::KNOBS`, `IntentParams::KNOBS` and
//! `RuleParams::KNOBS` list them with their reasons.

use super::knobs::{names, parse_assignment, KnobError};
use crate::constraints::RuleParams;
use crate::index::{SearchField, FIELD_COUNT};
use crate::template::Field;

crate::knobs! {
    /// The ranking knobs.
    pub struct RankParams {
        /// BM25 term-frequency saturation. 1.2 is the classic default; cards are short.
        /// 0 → a term counts once however often it occurs; large → raw term frequency.
        k1: f32 = 1.2,
        /// Weight of query terms added by a synonym, relative to words the developer wrote.
        /// 0 → synonyms are shown but never score; 1 → as strong as the developer's words.
        synonym_weight: f32 = 0.5,
        /// Weight of the words that say where a model runs ("on a 8GB *graphics card*", "on the
        /// *phone* itself", "*laptop*"; [`crate::request_text::without_hardware`]) when they stand
        /// in a ranked field: they describe the device, not the function, and repos named after
        /// them ("graphic-art") are no better for it. Synonyms they trigger ("cpu" → gguf) still
        /// apply. 0 → not searched; 1 → searched like any other word.
        hardware_word_weight: f32 = 0.0,
        /// Weight of a request's own context words ([`crate::knowledge::tasks::CONTEXT_WORDS`]:
        /// "customer emails", "our app") once a task intent is known, relative to the other words.
        /// On the tuning sets: people-dev MRR@10 0.796 → 0.840, requests 0.833 → 0.840 at 0.3
        /// (0.15 scored alike). 1 → as strong as the need's words; 0 → they are not searched.
        context_word_weight: f32 = 0.3,
        /// Weight of a `task` field's own words ("fill mask", "automatic speech recognition") once
        /// the request's words contradicted the field and it became a hint: the words of a task
        /// the developer did not mean match that task's cards and tags, which put the hint's
        /// models back on top. Dev sets (MRR@10) at 0.1: people-fresh8 0.704 → 0.732, fresh7
        /// 0.617 → 0.625, fresh9 0.583 → 0.589, fresh2 0.519 → 0.527, none lower; 0.3 a little
        /// less, 0 a little more (fresh2 hit@10 0.70 → 0.72) but leaves a field the words
        /// wrongly overruled nothing to match. 1 → as strong as a field that stands; 0 → a
        /// contradicted field's words are not searched (its hint intent stays).
        hinted_task_word_weight: f32 = 0.1,
        /// Added when a model's pipeline tag is a task the request asks for (× intent confidence).
        /// About the score of two strong term matches: the task is the single most telling fact.
        /// 0 → the task is ignored; large → any model of the task beats any text match.
        task_bonus: f32 = 8.0,
        /// Popularity prior: `popularity_weight × ln(1+downloads) / ln(1+max downloads)`. Small next
        /// to relevance, but it separates the real model from its thousand empty copies.
        /// 0 → downloads are ignored; large → the most downloaded model of the task wins.
        popularity_weight: f32 = 4.0,
        /// Downloads one like counts for in the popularity prior, when the likes say more than
        /// the downloads (`max(downloads, likes × like_downloads)`): the crawl saw no downloads
        /// for gated originals (half of the catalog has none), and likes are rare (1.3% of models
        /// have any), so a like marks a model people chose. Among models with both, the median
        /// is about 60 downloads per like. Off: the judged needs often want niche models, and a
        /// single like also lifts an empty repo out of `empty_repo_penalty` (dev MRR@10, session
        /// 13: at 60 requests 0.869 → 0.863, people-dev 0.914 → 0.904, people-fresh7 0.617 →
        /// 0.628; at 10 and 3 smaller losses, no set up by more than 0.002).
        /// 0 → likes are ignored; large → any liked model counts as the most downloaded.
        like_downloads: f32 = 0.0,
        /// Card-quality prior: `card_weight × quality` (0–1, share of documented sections).
        /// 0 → documentation is ignored; large → well-documented models win regardless of match.
        card_weight: f32 = 1.5,
        /// Results scoring below this share of the best score are ordered after all others,
        /// whatever their verdicts (a weak match with a known license must not beat a strong match).
        /// 0 → verdicts order every match; 1 → only the single best is "relevant".
        relevance_floor: f32 = 0.45,
        /// How far a model that matches none of the request's words (related by its task alone)
        /// is lifted by the language it lists when other models do match them. "detect toxic
        /// comments" in Portuguese listed every Portuguese classifier (language satisfied, task
        /// bonus only) above the toxicity models, which mostly list no language. 0 → such a
        /// model's language verdict orders it like an unknown one, by score (the word matches
        /// decide; the verdict shown stays satisfied); 1 → it is lifted above every matching
        /// model whose language is unknown.
        wordless_language_lift: f32 = 0.0,
        /// A word repeated across request fields adds this share of its smaller weight.
        /// 0 → repeats count once; 1 → both weights add up (capped by `repeat_cap`).
        repeat_boost: f32 = 0.25,
        /// Largest weight a repeated request word reaches. 1 → repeats never count more than the
        /// function; large → a word written in every field dominates the query.
        repeat_cap: f32 = 1.5,
        /// A word in more than 1/`too_common_divisor` of all models ("model", "text") carries almost
        /// no information (idf < 0.9) but costs the longest posting lists, and is skipped unless it
        /// is all the query has. 1 → no word is skipped; large → most words are skipped.
        too_common_divisor: f32 = 3.0,
        /// Share of its score a request's image word ("selfie", "photo") keeps in a model whose
        /// task takes and returns no images, when the request is about images: there the word
        /// has another sense (SELFIES molecules). 0 → no credit; 1 → every sense counts alike.
        other_sense_share: f32 = 0.0,
        /// Shortest word (in letters) corrected for a typo, with one edit (Meilisearch's 5).
        /// 1 → every word may be corrected; large → typos are never corrected.
        typo_one_edit_len: usize = 5,
        /// Shortest word corrected with two edits (Meilisearch's 9).
        /// 1 → two edits everywhere (many false corrections); large → one edit at most.
        typo_two_edit_len: usize = 9,
        /// Shorter words are corrected only by the edits typing makes (two neighbours swapped, a
        /// letter left out, a letter doubled) or a changed letter toward the engine's own
        /// vocabulary ("speach"): another changed or an added letter in a short word is more often
        /// a real word the catalog lacks ("chair" is no typo of "char", "stuck" none of "stick").
        /// 1 → any edit anywhere; large → only those edits in every word.
        typo_any_edit_len: usize = 7,
        /// A request word used by more models than this is known and never corrected.
        /// 0 → only words no model uses are corrected; large → rare real words get "corrected".
        typo_rare_df: u32 = 2,
        /// A correction must be used by this many times more models than the word itself.
        /// 1 → any near word will do; large → only to very common words.
        typo_min_gain: f32 = 10.0,
        /// A correction must be used by at least this many models (or be the engine's own
        /// vocabulary): rare card words are often typos themselves.
        /// 0 → any lexicon word; large → only the engine's vocabulary.
        typo_min_target_df: u32 = 40,
        /// Learned intent (the catalog's word → task table) counts only when its best task scores
        /// this many nats (summed log-lifts). 0 → any learned hint is an intent; large → never.
        learned_min_score: f32 = 3.0,
        /// Learned tasks scoring at least this share of the best are kept.
        /// 0 → every pointed-at task; 1 → only the best.
        learned_keep_share: f32 = 0.75,
        /// With no cue, the best learned task must lead the next by this factor.
        /// 1 → any lead; large → only unopposed tasks.
        learned_margin: f32 = 1.5,
        /// ...and one of its words must lift it by this many nats alone (ln 10 ≈ 2.3: ten times
        /// the base rate), so generic words adding up ("users", "images") never decide. Off by
        /// default (learned tasks only explain cue intents): at 2.3 the people set lost
        /// (MRR@10 0.371 → 0.348); the table is learned from short extracted card fields.
        /// 0 → sums decide; large → never.
        learned_decisive_lift: f32 = 1000.0,
        /// ...and one of its words must mean the task for at least this share of the
        /// (popularity-weighted) models using it, `P(task | word)`: "photo" lifts text-to-image
        /// but mostly means other image tasks. 0 → lift alone decides; 1 → never.
        learned_decisive_posterior: f32 = 0.5,
        /// A request word counts for a learned task only when at least this share of the models
        /// using it have the task (generic words — "get", "city" — then add nothing).
        /// 0 → every stored lift counts; 1 → only words all of whose models share the task.
        learned_word_min_posterior: f32 = 0.0,
        /// Confidence of the best learned task when no cue fired (a cue is 1): learned words are
        /// a weaker signal than a phrase someone wrote down. 0 → no bonus; 1 → as strong as a cue.
        learned_confidence: f32 = 0.8,
        /// A learned task no cue named joins the cue intents when it scores this many nats.
        /// Off by default: at 9 it cost the tuning sets (requests MRR@10 0.815 → 0.803).
        /// 0 → always joins; large → cues alone decide when they fire.
        learned_join_score: f32 = 1000.0,
        /// ...with this confidence. 0 → it only explains; 1 → as strong as the best cue.
        learned_join_confidence: f32 = 0.5,
        /// Weight of a learned related word ("abortion" → stance) relative to the request word it
        /// came from, times how often the two co-occur. Was off (it cost people MRR@10 0.399 →
        /// 0.387 while packaging tags were targets: "analytics → gguf"); with hub targets dropped
        /// (`learn.expand_max_sources`) at 0.35: people-fresh3 0.336 → 0.361, others unchanged
        /// or up (0.5 scored alike). 0 → no expansions; 1 → as strong as the developer's own word.
        learned_expansion_weight: f32 = 0.35,
        /// Only request words used by at most this many models are expanded: rare words need
        /// recall, common ones match plenty on their own. 0 → none; large → every word.
        learned_expansion_max_df: u32 = 60,
        /// Pseudo-relevance feedback ([`crate::rank::feedback`]): when no task was read from the
        /// request, this many of its best word matches among well-used models vote for a task.
        /// 0 → no feedback; large → weak matches vote too.
        feedback_top: usize = 20,
        /// Only models downloaded at least this often vote (empty copies do not).
        /// 0 → every model votes; large → only the most used models vote.
        feedback_min_downloads: u64 = 100,
        /// Fewer voters than this say nothing. 1 → a single match decides; large → never.
        feedback_min_voters: usize = 3,
        /// The winning task's share of the (match-score weighted) vote needed to become an intent.
        /// 0 → any plurality; 1 → only a unanimous vote.
        feedback_min_share: f32 = 0.5,
        /// ...and at least this many times the task's share of all well-used models (so a task
        /// that is simply common — text-generation — does not win by its size).
        /// Dev sets (session 6): at 2 people MRR@10 0.664 → 0.655 (chat models still won votes),
        /// at 3 and 4 no set lost (people-fresh2 0.437 → 0.446 with the expansions below).
        /// 0 → any task may win; large → only tasks rare in the catalog.
        feedback_min_lift: f32 = 3.0,
        /// Confidence of a feedback intent (times its share of the vote; a cue is 1).
        /// 0 → feedback is off; 1 → as strong as a cue when unanimous.
        feedback_confidence: f32 = 0.6,
        /// Specific-word feedback ([`crate::rank::feedback::apply_specific_words`]): the request's
        /// own words used by at most this many models (names of methods, datasets, models:
        /// "doc2query", "qqp") vote for a task even when one was read. 0 → off; large → common
        /// words vote too (and the vote is the plain feedback's).
        specific_max_df: u32 = 1000,
        /// The share of the specific words' vote a task other than the read one must win to be
        /// followed (below it, the read task only becomes a hint). 0 → any plurality is
        /// followed; 1 → only a unanimous vote is.
        specific_min_share: f32 = 0.4,
        /// At least this share of the request's own words must be that rare (jargon is mostly
        /// names; a described need has a few rare labels and examples among common words).
        /// 0 → any request with one rare word; 1 → only requests made of rare words.
        specific_min_rare_share: f32 = 0.6,
        /// ...while the read task wins at most this share of that vote (the words name
        /// something else). 0 → only when no named model has the read task; 1 → always.
        specific_max_read_share: f32 = 0.1,
        /// Models downloaded at least this often vote in the specific-word vote (as in
        /// `feedback_min_downloads`: empty numbered copies do not).
        /// 0 → every model; large → only popular ones.
        specific_min_downloads: u64 = 100,
        /// Confidence of the task the specific words name when it overrules the read one (the
        /// read one keeps `intent.task_hint_share`). 0 → off; 1 → as strong as a task field.
        specific_confidence: f32 = 1.0,
        /// When fewer models than this match any of the request's words, the list follows the
        /// task intent and quality, and the selection says so.
        /// 0 → never say so; large → every request is "few words matched".
        fallback_min_matches: usize = 5,
        /// A request with at most this many words of its own is generic ("small chat model"):
        /// its prior (popularity, documentation) counts `1 + generic_prior_boost` times, so
        /// well-used, documented models lead, not repos that merely carry the word in their name.
        /// 0 → no request is generic; large → every request is.
        generic_max_words: usize = 3,
        /// How much more the prior counts for a generic request (neutral on the tuning sets; 1.5
        /// let popular chat models lead "teach a robot to walk", so it stays small).
        /// 0 → as for any request; large → popularity alone orders generic requests.
        generic_prior_boost: f32 = 0.5,
        /// Subtracted from the prior of a repo with no downloads and (almost) no card: an empty
        /// copy should not lead because its name has the word (tuning sets: requests MRR@10
        /// 0.815 → 0.816, people 0.399 → 0.401 at 3). 0 → no penalty; large → such repos never
        /// show before any other match.
        empty_repo_penalty: f32 = 3.0,
        /// An undocumented repo downloaded fewer times than this pays part of
        /// `empty_repo_penalty` (all of it at 0 downloads, none at this many; log scale), so a
        /// copy with a word of the request in its name ("…_anger_fear", 1 download) does not
        /// outrank the well-used model for the need. Off: niche needs' judged models are often
        /// little used themselves (at 20: people MRR@10 0.666 → 0.652, requests 0.849 → 0.843,
        /// people-fresh3 0.379 → 0.393; at 100: people 0.659, people-fresh3 0.402).
        /// 0 → only never-downloaded repos pay; large → every undocumented repo pays nearly the
        /// full penalty.
        little_used_downloads: u64 = 0,
        /// Word-match scores (BM25F) within this share of each other make two models of the same
        /// task, card quality and size near-identical copies ([`crate::rank::near_duplicates`]: one
        /// uploader's epochs, seeds, per-label fine-tunes): only the first keeps its place among
        /// the first results, the copies follow the other candidates. Dev sets (session 11, MRR@10):
        /// requests 0.867 → 0.868, people 0.688 → 0.693, people-dev 0.906 → 0.914, people-fresh8
        /// 0.674 → 0.684, people-fresh9 0.494 → 0.504, no set lower.
        /// 0 → off; large → every model of a task, card quality and size after the first is a copy.
        near_duplicate_tolerance: f32 = 0.02,
        /// Added to models listing the language a request is written in, when the request sets no
        /// language field (a German request prefers German models). 0 → the request's language is
        /// ignored; large → any model in that language beats better matches.
        request_language_bonus: f32 = 3.0,
        /// Taken from models that list languages but not the one the request is written in (an
        /// English-only summarizer for a Russian request), when no language field is set.
        /// 0 → other languages cost nothing; large → only models in that language or listing none.
        request_language_mismatch: f32 = 1.5,
        /// Weight of the request language's English name ("russian", "portuguese") added as a
        /// search word, so ids like `t5-russian-summarization` match a request written in Russian.
        /// 0 → the name is not searched; 1 → as strong as the developer's own words.
        request_language_name_weight: f32 = 0.5,
        /// Confidence of a vision-language intent added beside image captioning when the request
        /// asks, in another language than English, to describe pictures: captioning models
        /// (BLIP, ViT-GPT2) write English only, a description in Chinese or French needs a model
        /// that writes that language. 0 → captioning alone; 1 → both equally.
        caption_abroad_vlm: f32 = 0.9,
        /// Weight of a request's own words when it is written in another language than English:
        /// the cards are mostly English, so its words match ids by accident ("dejan" → a repo
        /// named "DejanX13", "si" → Sinhala models) while their meaning reaches the search as
        /// English glosses (dev sets at 0.5: people-dev MRR@10 0.896 → 0.906, fresh2 0.503 →
        /// 0.511, fresh3 0.446 → 0.454, fresh7 0.583 → 0.585, fresh8 0.669 → 0.666; 0.25 alike).
        /// 1 → as English words; 0 → only glosses and ids in the text search.
        foreign_word_weight: f32 = 0.5,
        /// Added to generative models (chat, vision-language) whose size lies in the range the
        /// request's device runs well ([`crate::knowledge::devices::Device::generative`]: a phone
        /// 0.5–4B), so "chat assistant on an iPhone" brings small instruct models, not 20M toys.
        /// 0 → any size that fits ranks alike; large → size decides over every other match.
        device_size_bonus: f32 = 3.0,
        /// Weight of the English gloss of an everyday word of the request's language ("foto" →
        /// photo, "评论" → reviews; [`crate::knowledge::everyday_words`]), relative to the
        /// developer's own words; the glosses also feed intent detection. 0 → such words are
        /// neither searched nor read for intent; 1 → as strong as the developer's own words.
        everyday_gloss_weight: f32 = 0.5,
        /// When the request's words state a translation direction ("English to Japanese") and no
        /// language field is set: added to models whose id states that direction, taken from those
        /// whose id states the reverse ("opus-mt-ja-en") or another pair ("opus-mt-zh-en" for
        /// English → French). 0 → directions in words are ignored;
        /// large → the direction decides over every other match.
        direction_bonus: f32 = 3.0,
    }
    more {
        /// Length normalisation per search field (0 = none, 1 = full): `b.<field>`.
        b: [f32; FIELD_COUNT] = default_b(),
        /// BM25F field weights (see [`SearchField::default_weight`]): `weight.<field>`.
        field_weight: [f32; FIELD_COUNT] = SearchField::ALL.map(SearchField::default_weight),
        /// How much a request's words count, per template field (see
        /// [`Field::default_request_weight`]): `request_weight.<field>`.
        request_weight: Vec<f32> = Field::ALL.map(Field::default_request_weight).to_vec(),
        /// Task intent detection: `intent.<name>`.
        intent: IntentParams = IntentParams::default(),
        /// The rule checks' estimates: `rules.<name>`.
        rules: RuleParams = RuleParams::default(),
    }
}

crate::knobs! {
    /// How task intents are read from a request's words (`--param intent.<name>=value`).
    pub struct IntentParams {
        /// Every cue after the best adds this share of its score: several cues agreeing is strong.
        /// 0 → only the best cue counts; 1 → cues add up fully.
        further_cue_share: f32 = 0.5,
        /// A cue phrase scores 1 plus this per extra word: longer cues are more specific.
        /// 0 → all cues weigh the same; large → long cues always win.
        cue_word_bonus: f32 = 0.5,
        /// A cue whose words occur in order with small gaps ("classify product photos" for
        /// "classify photos") scores this share. 0 → exact phrases only; 1 → gaps cost nothing.
        gapped_cue_share: f32 = 0.8,
        /// A cue found only where the request describes its input ("a summary *from its
        /// transcript*", [`super::input_side`]) scores this share. 0 → such cues never count;
        /// 1 → they count like the main clause's.
        input_side_share: f32 = 0.4,
        /// A cue that names the data a task reads rather than the work ("podcasts", "phone calls";
        /// [`crate::knowledge::tasks::DATA_CUES`]) scores this share, so "a summary of each
        /// podcast" is a summary. 0 → data words never point at a task; 1 → like work words.
        data_cue_share: f32 = 0.6,
        /// A cue that is itself one of the everyday verbs wrapped around a need ("write";
        /// [`crate::knowledge::tasks::CONTEXT_WORDS`]) scores this share: "vets *write* long
        /// notes; owners get a *short version*" asks for a summary, and "*write* a label for each
        /// complaint" for labels, so a specific cue of another task leads. Alone it still decides.
        /// 0 → such words never point at a task; 1 → like any cue.
        context_cue_share: f32 = 0.6,
        /// Most words allowed between the words of a gapped cue. 0 → only contiguous phrases.
        cue_max_gap: usize = 2,
        /// A request format of the same kind of data as a task's ("chat message" is text) scores
        /// this, an exact word match 1. 0 → only exact format words count.
        io_same_kind: f32 = 0.8,
        /// A task reading kinds of data beyond those the request's input names (image and
        /// question for a photo) matches that input at this share, so among tasks of the same
        /// data the one reading the request's data alone leads. 1 → no difference.
        io_extra_input_share: f32 = 0.9,
        /// When only one of input/output is given, its match counts this share.
        /// 0 → one side says nothing; 1 → one side counts like both.
        io_one_side_share: f32 = 0.5,
        /// Formats matching more tasks than this equally ("text" in, "text" out) say nothing about
        /// the task. 0 → formats never decide alone; large → they always do.
        io_informative_tasks: usize = 3,
        /// A task whose data disagrees with the request's (an image request is not audio
        /// denoising) keeps this share of its score. 0 → such tasks vanish; 1 → no discount.
        modality_discount: f32 = 0.4,
        /// A fixed-label classification task (text classification) keeps this share of its score
        /// when a cue of its open-label sibling fired (zero-shot classification:
        /// [`crate::knowledge::tasks::OPEN_LABEL_TASKS`]); the sibling takes the better of the two
        /// scores. 0 → the fixed-label task vanishes; 1 → the sibling only rises to its level.
        open_label_share: f32 = 0.7,
        /// Tasks scoring at least this share of the best are kept as intents.
        /// 0 → every cued task is an intent; 1 → only the best.
        keep_share: f32 = 0.6,
        /// Most intents a request gets. 1 → a single task; large → every cued task.
        max_intents: usize = 4,
        /// Score of a task phrase of another language ("resumir", "语音识别"), like a two-word
        /// English cue. 0 → requests in other languages get no task; large → they always decide.
        foreign_cue_score: f32 = 1.5,
        /// Score of two languages named apart ("descriptions in English … asking for them in
        /// German"): a translation wish no word states, like a one-word cue. 0 → only translation
        /// words count; large → any request naming two languages is a translation.
        languages_apart_cue: f32 = 1.0,
        /// Score of a decision question ("whether", "or not", "guess which", "是否";
        /// [`crate::knowledge::decisions`]) as a cue of classification (moved to the image or audio
        /// sibling by the request's data), like a three-word cue: it beats everyday verbs
        /// ("write" and "writing", "recordings") but not two agreeing task cues. 0 → decisions
        /// say nothing; large → a decision always makes the request a classification.
        decision_cue_score: f32 = 2.0,
        /// The words must score at least this for a `task` field they contradict to become a hint
        /// (a two-word cue scores 1.5). Large → the task field always wins.
        override_task_min: f32 = 1.5,
        /// A task the words point at agrees with the `task` field only when it scores at least
        /// this share of the words' best task ("faq" beside "similar questions" does not).
        /// 0 → any task the words name agrees; 1 → only the words' best task agrees.
        field_agree_share: f32 = 0.9,
        /// Confidence of a specific task the words lead to (translation, summarization) beside a
        /// general text task field (text-generation) of the same data; the field keeps 1.
        /// 0 → the general field decides alone; 1 → both count fully.
        specific_task_join: f32 = 1.0,
        /// Confidence of a general generative task (text-generation) the words lead to ("a
        /// chatbot that answers questions") beside a question-answering task field; the field
        /// keeps 1. 0 → the field decides alone; 1 → both count
        /// fully.
        general_task_join: f32 = 0.5,
        /// A contradicted task field keeps this confidence as a hint. 0 → it is dropped; 1 → it
        /// counts like the words' task.
        task_hint_share: f32 = 0.5,
    }
}

fn default_b() -> [f32; FIELD_COUNT] {
    let mut b = [0.75; FIELD_COUNT];
    b[SearchField::Name as usize] = 0.5;
    b[SearchField::Task as usize] = 0.3;
    b[SearchField::Keywords as usize] = 0.5;
    b
}

impl RankParams {
    /// The query weight of words in request field `field`.
    pub fn request_weight(&self, field: Field) -> f32 {
        self.request_weight.get(field as usize).copied().unwrap_or(0.0)
    }

    /// Sets one knob from `name=value` text (any name of [`RankParams::KNOBS`], `weight.<search
    /// field>`, `b.<search field>`, `request_weight.<template field>`, `intent.<name>`,
    /// `rules.<name>`), so tuning runs need no rebuild. Shares (`b`, `relevance_floor`) are capped at 1.
    pub fn set(&mut self, assignment: &str) -> Result<(), KnobError> {
        let (name, value) = parse_assignment(assignment)?;
        let unknown = || KnobError::Unknown {
            name: name.to_string(),
            known: format!(
                "{}, weight.<search field>, b.<search field>, request_weight.<template field>, {}, {}",
                names("", RankParams::KNOBS),
                names("intent.", IntentParams::KNOBS),
                names("rules.", RuleParams::KNOBS)
            ),
        };
        let search_field = |f: &str| SearchField::ALL.iter().position(|sf| sf.name() == f).ok_or_else(unknown);
        if let Some(f) = name.strip_prefix("weight.") {
            self.field_weight[search_field(f)?] = value as f32;
        } else if let Some(f) = name.strip_prefix("b.") {
            self.b[search_field(f)?] = value.min(1.0) as f32;
        } else if let Some(f) = name.strip_prefix("request_weight.") {
            let field = Field::from_name(f).ok_or_else(unknown)?;
            self.request_weight[field as usize] = value as f32;
        } else if let Some(n) = name.strip_prefix("intent.") {
            self.intent.set_knob(n, value).then_some(()).ok_or_else(unknown)?;
        } else if let Some(n) = name.strip_prefix("rules.") {
            self.rules.set_knob(n, value).then_some(()).ok_or_else(unknown)?;
        } else if name == "relevance_floor" {
            self.relevance_floor = value.min(1.0) as f32;
        } else if !self.set_knob(name, value) {
            return Err(unknown());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_knob_is_reachable_by_name() {
        let mut p = RankParams::default();
        for k in RankParams::KNOBS {
            p.set(&format!("{}=0.5", k.name)).unwrap();
            assert!(k.reason.contains('→'), "{}: say what the extremes do", k.name);
        }
        for k in IntentParams::KNOBS {
            p.set(&format!("intent.{}=1", k.name)).unwrap();
            assert!(k.reason.contains('→'), "{}: say what the extremes do", k.name);
        }
        for k in RuleParams::KNOBS {
            p.set(&format!("rules.{}=2", k.name)).unwrap();
            assert!(k.reason.contains('→'), "{}: say what the extremes do", k.name);
        }
        p.set("weight.function=3").unwrap();
        p.set("b.name=2").unwrap();
        p.set("request_weight.dataset=0.1").unwrap();
        assert_eq!((p.k1, p.intent.max_intents, p.rules.gpu_bits), (0.5, 1, 2.0));
        assert_eq!(p.field_weight[SearchField::Function as usize], 3.0);
        assert_eq!(p.b[SearchField::Name as usize], 1.0);
        assert_eq!(p.request_weight(Field::Dataset), 0.1);
        let err = p.set("nope=1").unwrap_err().to_string();
        assert!(err.contains("\"nope\"") && err.contains("task_bonus") && err.contains("rules.gpu_bits"), "{err}");
        assert!(matches!(p.set("rules.nope=1"), Err(KnobError::Unknown { .. })));
        assert!(matches!(p.set("request_weight.nope=1"), Err(KnobError::Unknown { .. })));
        assert!(matches!(p.set("k1=-1"), Err(KnobError::BadValue { .. })));
        assert!(matches!(p.set("k1"), Err(KnobError::NotAnAssignment(_))));
    }

    #[test]
    fn defaults_are_the_tables() {
        let p = RankParams::default();
        assert_eq!(p.request_weight(Field::Function), 1.0);
        assert_eq!(p.request_weight(Field::Evaluation), 0.5);
        assert_eq!(p.field_weight[SearchField::Name as usize], 2.0);
        assert_eq!(p.relevance_floor, 0.45);
    }
}
