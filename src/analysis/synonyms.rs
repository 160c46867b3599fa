//! Query-side synonyms: developer shorthand → the words cards and tags use.
//!
//! Why query-side only: expanding at query time keeps the index small and makes every expansion
//! visible in the explanation ("asr → automatic speech recognition"). Expanded words count at a
//! reduced weight ([`crate::rank::RankParams::synonym_weight`]) so they help recall without
//! outranking what the developer actually wrote.

use super::Lexicon;

/// (shorthand as written, what it expands to). Matched on analysed terms, so "ASR" and "asr" both hit.
pub const SYNONYMS: &[(&str, &str)] = &[
    ("asr", "automatic speech recognition transcription"),
    ("stt", "speech to text transcription"),
    ("speech to text", "automatic speech recognition transcription"),
    ("transcribe", "automatic speech recognition transcription"),
    ("tts", "text to speech speech synthesis"),
    ("speech synthesis", "text to speech"),
    ("voice", "speech audio"),
    ("ner", "named entity recognition token classification"),
    ("named entities", "named entity recognition ner"),
    ("entities", "named entity recognition"),
    ("pos", "part of speech tagging"),
    ("embedding", "sentence similarity feature extraction embeddings"),
    ("embeddings", "sentence similarity feature extraction embedding"),
    ("semantic search", "sentence similarity embeddings retrieval"),
    ("vector", "embeddings"),
    ("rerank", "reranker text ranking cross encoder"),
    ("reranker", "rerank text ranking cross encoder"),
    ("llm", "large language model text generation"),
    ("chatbot", "chat conversational text generation instruct"),
    ("chat", "conversational instruct"),
    ("qa", "question answering"),
    ("vqa", "visual question answering"),
    ("ocr", "optical character recognition text recognition"),
    ("vlm", "vision language model image text to text"),
    ("captioning", "image to text caption"),
    ("caption", "image captioning"),
    ("nli", "natural language inference entailment"),
    ("sentiment", "sentiment analysis text classification"),
    ("mt", "machine translation"),
    ("translate", "translation"),
    ("summarize", "summarization"),
    ("summary", "summarization"),
    ("t2i", "text to image"),
    ("sd", "stable diffusion"),
    ("diarization", "speaker diarization voice activity detection"),
    ("vad", "voice activity detection"),
    ("upscale", "super resolution"),
    ("gguf", "quantized llama.cpp"),
    ("quantized", "gguf gptq awq"),
    ("cpu", "gguf quantized"),
    ("code", "coder programming"),
    ("coding", "code coder programming"),
    ("biomedical", "biomedicine medical clinical pubmed bio"),
    ("medical", "clinical biomedical health"),
    ("clinical", "medical biomedical"),
    ("legal", "law contracts"),
    ("finance", "financial"),
    ("financial", "finance"),
    ("tweets", "twitter"),
    ("twitter", "tweets"),
    ("photos", "images"),
    ("pictures", "images"),
    ("podcasts", "speech audio"),
    // Plain words of a non-expert describing the app → the words cards and tags use.
    ("angry", "emotion"),
    ("grammatical", "acceptability cola"),
    ("grammatically", "acceptability cola"),
    ("age estimation", "age classifier detection"),
    ("upset", "emotion sentiment"),
    ("good or bad", "sentiment"),
    ("happy or unhappy", "sentiment"),
    ("nasty", "toxic offensive"),
    ("insulting", "toxic offensive insult"),
    ("rude", "toxic offensive"),
    ("hateful", "hate speech"),
    ("names and addresses", "pii anonymization"),
    ("phone numbers", "pii anonymization deidentification"),
    ("personal data", "pii anonymization"),
    ("how far away", "depth estimation"),
    ("language written", "language detection identification"),
    ("boxes around", "object detection"),
    ("visually impaired", "image captioning"),
    ("blind", "image captioning"),
    ("subtitles", "speech recognition transcription"),
    ("recordings", "speech recognition transcription"),
    ("receipts", "receipt document ocr"),
    ("duplicates", "duplicate similarity"),
    ("help articles", "question answering squad"),
    ("read out loud", "text to speech"),
    ("starts and stops talking", "voice activity detection"),
    // How non-experts name the most common needs (each expands to the words cards and tags use;
    // several-word phrases so an everyday word alone — "adult" of the census data set, "balance"
    // of a bank account, "land" cover — does not expand).
    ("adult images", "nsfw"),
    ("adult content", "nsfw"),
    ("adult pictures", "nsfw"),
    ("adult photos", "nsfw"),
    ("nude", "nsfw nudity"),
    ("nudity", "nsfw"),
    ("naked", "nsfw nudity"),
    ("keyboard mashing", "gibberish"),
    ("random letters", "gibberish"),
    ("nonsense text", "gibberish"),
    ("environment social governance", "esg"),
    ("sustainability reports", "esg"),
    ("sexual pictures", "nsfw"),
    ("sexual images", "nsfw"),
    ("sexual photos", "nsfw"),
    ("porn", "nsfw"),
    ("pornographic", "nsfw"),
    ("explicit images", "nsfw"),
    ("explicit content", "nsfw"),
    ("explicit pictures", "nsfw"),
    ("inappropriate images", "nsfw"),
    ("inappropriate pictures", "nsfw"),
    ("not safe for work", "nsfw"),
    ("furious", "emotion"),
    ("annoyed", "emotion"),
    ("frustrated", "emotion"),
    ("mad customers", "emotion"),
    ("feelings", "emotion"),
    ("mood", "emotion sentiment"),
    ("sad", "emotion"),
    ("scared", "emotion"),
    ("robot to walk", "walker walker2d bipedalwalker humanoid hopper locomotion"),
    ("learn to walk", "walker walker2d bipedalwalker humanoid hopper locomotion"),
    ("walking robot", "walker walker2d bipedalwalker humanoid hopper locomotion"),
    ("make it walk", "walker walker2d bipedalwalker humanoid hopper locomotion"),
    ("learn to run", "halfcheetah walker2d humanoid hopper locomotion"),
    ("robot to run", "halfcheetah walker2d humanoid hopper locomotion"),
    ("balance a pole", "cartpole"),
    ("balance a stick", "cartpole"),
    ("keep a pole upright", "cartpole"),
    ("land a spaceship", "lunarlander"),
    ("land a rocket", "lunarlander"),
    ("land a spacecraft", "lunarlander"),
    ("moon lander", "lunarlander"),
    ("lunar lander", "lunarlander"),
    ("enhance the resolution", "super resolution upscaling upscaler"),
    ("increase the resolution", "super resolution upscaling upscaler"),
    ("higher resolution", "super resolution upscaling upscaler"),
    ("low resolution", "super resolution upscaling"),
    ("sharpen", "super resolution deblurring"),
    ("enlarge", "upscaling upscaler super resolution"),
    ("images bigger", "upscaling upscaler super resolution"),
    ("photos bigger", "upscaling upscaler super resolution"),
    ("pictures bigger", "upscaling upscaler super resolution"),
    ("sharper", "super resolution deblurring"),
    ("blurry", "deblurring super resolution"),
    ("old photos", "restoration"),
    ("cut out the person", "background removal rmbg matting"),
    ("text in photos", "ocr"),
    ("text from photos", "ocr"),
    ("text from images", "ocr"),
    ("text from scans", "ocr"),
    ("scanned pages", "ocr"),
    ("handwritten notes", "handwriting ocr"),
    ("speaker turns", "speaker diarization"),
    ("different speakers", "speaker diarization"),
    ("tell speakers apart", "speaker diarization"),
    ("speaker labels", "speaker diarization"),
    ("security camera", "surveillance cctv"),
    ("footage", "video"),
    ("count people", "person detection crowd counting"),
    ("remove objects", "inpainting"),
    ("erase objects", "inpainting"),
    ("fake photos", "deepfake detection"),
    ("fake images", "deepfake detection"),
    ("dictate", "dictation speech recognition"),
    ("voice memos", "speech recognition transcription"),
];

/// One applied expansion, kept for explanations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion {
    pub from: &'static str,
    pub to: &'static str,
    /// Terms added by this expansion (analysed).
    pub terms: Vec<String>,
    /// The same words as written in the synonym table (for display).
    pub surfaces: Vec<String>,
}

/// Finds the synonym entries whose analysed phrase occurs in `terms` (contiguously) and returns
/// their expansions, minus terms the request already has.
pub fn expand_synonyms(lexicon: &Lexicon, terms: &[String]) -> Vec<Expansion> {
    let mut out = Vec::new();
    for (i, &(from, to)) in SYNONYMS.iter().enumerate() {
        let (phrase, expansion) = &lexicon.synonyms[i];
        if phrase.is_empty() || !contains_phrase(terms, phrase) {
            continue;
        }
        let added: Vec<&super::Token> = expansion.iter().filter(|t| !terms.contains(&t.term)).collect();
        if !added.is_empty() {
            out.push(Expansion {
                from,
                to,
                terms: added.iter().map(|t| t.term.clone()).collect(),
                surfaces: added.iter().map(|t| t.surface.clone()).collect(),
            });
        }
    }
    out
}

/// True when `phrase` occurs as a contiguous run in `terms`.
pub fn contains_phrase(terms: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty() && terms.windows(phrase.len()).any(|w| w == phrase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorthand_expands_explainably() {
        let lx = Lexicon::new();
        let a = &lx.analyzer;
        let q = a.terms("fast ASR for meetings");
        let e = expand_synonyms(&lx, &q);
        assert!(e.iter().any(|x| x.from == "asr" && x.terms.contains(&a.term("speech").unwrap())));
        let q = a.terms("an NER model");
        assert!(expand_synonyms(&lx, &q).iter().any(|x| x.from == "ner"));
        assert!(expand_synonyms(&lx, &a.terms("plain words only")).is_empty());
    }

    #[test]
    fn everyday_phrases_expand_to_card_words_and_keep_their_words() {
        let lx = Lexicon::new();
        let a = &lx.analyzer;
        let expanded = |text: &str| -> Vec<String> { expand_synonyms(&lx, &a.terms(text)).into_iter().flat_map(|e| e.surfaces).collect() };
        assert!(expanded("filter adult images uploaded by users").contains(&"nsfw".to_string()));
        assert!(expanded("teach a robot to walk").iter().any(|w| w == "walker" || w == "humanoid"));
        assert!(expanded("balance a pole on a cart").contains(&"cartpole".to_string()));
        assert!(expanded("enhance the resolution of old photos").contains(&"upscaling".to_string()));
        assert!(expanded("is this customer furious").contains(&"emotion".to_string()));
        // The everyday word alone does not expand: census "adult" income, an account "balance",
        // background noise is no background removal.
        assert!(!expanded("predict income from the adult census data").contains(&"nsfw".to_string()));
        assert!(!expanded("what is my account balance").contains(&"cartpole".to_string()));
        assert!(!expanded("remove background noise from calls").iter().any(|w| w == "rmbg"));
        // A phrase of several words never shrinks to one everyday word once stop words go
        // ("who speaks when" would read as any "speak").
        for (from, _) in SYNONYMS {
            if from.split_whitespace().count() > 1 {
                assert!(a.terms(from).len() > 1, "'{from}' analyses to {:?}", a.terms(from));
            }
        }
    }
}
