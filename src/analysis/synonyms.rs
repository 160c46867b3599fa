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
    ("angry", "anger emotion"),
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
}
