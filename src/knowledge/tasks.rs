//! The Hub's task taxonomy as facts the engine needs: each pipeline tag's name, what goes in and
//! comes out, and the words developers use for it.
//!
//! Why a hand-kept table: the app has no network, and extraction (task → input/output format),
//! query understanding ("transcribe" → automatic-speech-recognition) and the free-text fill all
//! need it offline; a cue phrase added here is understood by all of them. The tags,
//! names and modalities follow the Hub's task list (`@huggingface/tasks`); the cue phrases are ours.
//! The modality and data-kind words below are written as the [`crate::analysis::Analyzer`]'s
//! stems, because they are compared with analysed request terms.

/// One Hub pipeline tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskInfo {
    /// The pipeline tag, e.g. `automatic-speech-recognition`.
    pub tag: &'static str,
    /// Display name.
    pub name: &'static str,
    /// What the model takes.
    pub input: &'static str,
    /// What the model returns.
    pub output: &'static str,
    /// Phrases that, in a request, point at this task (lowercase words; matched after stemming).
    pub cues: &'static [&'static str],
}

macro_rules! tasks {
    ($( $tag:literal, $name:literal, $input:literal, $output:literal, [$($cue:literal),* $(,)?]; )*) => {
        /// Every task the engine knows, most common first.
        pub const TASKS: &[TaskInfo] = &[ $( TaskInfo { tag: $tag, name: $name, input: $input, output: $output, cues: &[$($cue),*] }, )* ];
    };
}

tasks! {
    "text-generation", "Text Generation", "text", "text",
        ["text generation", "generate text", "chatbot", "chat model", "chat assistant", "assistant", "instruct", "instruction following", "llm", "large language model", "language model", "causal language model", "completion", "story generation", "write stories", "dialogue", "conversational agent", "code generation", "generate code", "write code", "coding assistant", "code completion", "reasoning", "customer support", "faq", "write", "writing", "draft", "copywriting", "product descriptions", "generate descriptions", "answer questions", "function calling", "tool calling", "ai agent", "agentic", "math", "planning", "tutor", "step by step", "open weights llm", "qa chatbot", "long context", "context window"];
    "text-classification", "Text Classification", "text", "class label",
        ["text classification", "classify text", "sentiment", "sentiment analysis", "positive or negative", "emotion", "toxicity", "toxic", "hate speech", "spam detection", "detect spam", "topic classification", "intent classification", "intent detection", "polarity", "review classification", "fake news", "stance", "natural language inference", "nli", "language detection", "detect the language", "identify the language", "emotion detection", "frustrated", "angry customers"];
    "token-classification", "Token Classification", "text", "labels per token",
        ["token classification", "named entity recognition", "named entities", "named entity", "ner", "entity extraction", "extract entities", "part of speech", "pos tagging", "chunking", "pii detection", "detect personal information", "tag people and places", "sequence labeling", "punctuation", "restore punctuation", "capitalization", "truecasing", "personal data", "pii", "personal information", "redact", "redaction", "anonymize", "anonymization", "de identification", "mask names", "phone numbers", "extract diseases"];
    "question-answering", "Question Answering", "question and context text", "answer span",
        ["question answering", "answer questions", "extractive qa", "extractive question answering", "reading comprehension", "qa", "squad", "find the answer"];
    "fill-mask", "Fill-Mask", "text with a masked token", "token predictions",
        ["fill mask", "masked language model", "masked language modeling", "mlm", "fill in the blank", "missing word", "encoder", "pretrained encoder", "bert style", "to fine tune", "fine tune on our own", "base model for fine tuning"];
    "summarization", "Summarization", "long text", "summary text",
        ["summarization", "summarize", "summary", "summaries", "abstractive summarization", "tl;dr", "condense", "headline generation", "digest", "long documents", "papers and reports", "tl dr"];
    "translation", "Translation", "text in a source language", "text in a target language",
        ["translation", "translate", "translator", "machine translation", "mt", "bilingual", "translated", "translating"];
    "text2text-generation", "Text-to-Text Generation", "text", "text",
        ["text to text", "text2text", "seq2seq", "sequence to sequence", "paraphrase", "paraphrasing", "rewrite", "grammar correction", "correct grammar", "spelling correction", "t5"];
    "feature-extraction", "Feature Extraction", "text", "embedding vector",
        ["feature extraction", "embedding", "embeddings", "text embedding", "vector representation", "vectors", "encode text", "dense retrieval", "retrieval", "semantic search", "rag", "encoder", "code search", "search code", "embed code"];
    "sentence-similarity", "Sentence Similarity", "sentences", "similarity scores / embeddings",
        ["sentence similarity", "sentence embedding", "sentence embeddings", "semantic similarity", "semantic search", "similar sentences", "embed sentences", "embedding", "embeddings", "text embedding", "vector search", "duplicate detection", "clustering", "sentence transformer", "retrieval", "rag", "embed documents", "document embeddings", "semantic retrieval", "similar questions"];
    "text-ranking", "Text Ranking", "query and passages", "relevance scores",
        ["text ranking", "rerank", "reranker", "reranking", "cross encoder", "passage ranking", "relevance scoring", "rank passages", "rank documents", "reorder", "relevance", "search hits", "search results", "rank results", "order by relevance"];
    "zero-shot-classification", "Zero-Shot Classification", "text and candidate labels", "label scores",
        ["zero shot classification", "zero shot", "classify without training", "arbitrary labels", "custom labels", "candidate labels", "without labeled data"];
    "table-question-answering", "Table Question Answering", "table and question", "answer",
        ["table question answering", "questions about tables", "tabular qa", "spreadsheet questions", "sql"];
    "multiple-choice", "Multiple Choice", "question and choices", "chosen answer",
        ["multiple choice", "choose the correct answer"];
    "conversational", "Conversational", "dialogue text", "reply text",
        ["conversational", "dialogue", "chit chat", "chatbot", "dialog response"];
    "automatic-speech-recognition", "Automatic Speech Recognition", "audio", "text",
        ["automatic speech recognition", "speech recognition", "speech to text", "transcribe", "transcription", "transcribing", "transcripts", "asr", "stt", "dictation", "subtitles", "captions for audio", "voice to text", "spoken", "podcasts", "meeting recordings", "recordings", "voice commands", "speech commands", "recognize speech", "recognition of spoken", "voice notes", "call center recordings", "phone calls", "convert speech"];
    "text-to-speech", "Text-to-Speech", "text", "audio",
        ["text to speech", "tts", "speech synthesis", "synthesize speech", "voice synthesis", "read aloud", "read text aloud", "generate speech", "voice cloning", "natural sounding voice", "narration", "narrator", "audiobook", "voice clone", "clone a voice"];
    "text-to-audio", "Text-to-Audio", "text", "audio",
        ["text to audio", "generate music", "music generation", "sound effects", "generate audio", "audio generation", "background music", "music loops", "sound design"];
    "audio-classification", "Audio Classification", "audio", "class label",
        ["audio classification", "classify audio", "sound classification", "classify sounds", "keyword spotting", "speaker identification", "speaker recognition", "emotion recognition from speech", "speech emotion", "language identification", "spoken language identification", "environmental sounds", "music genre", "gender classification"];
    "audio-to-audio", "Audio-to-Audio", "audio", "audio",
        ["audio to audio", "speech enhancement", "noise reduction", "denoise audio", "denoising", "source separation", "separate speakers", "voice conversion", "audio enhancement", "background noise", "remove noise", "noisy", "noise suppression", "clean speech", "voice calls"];
    "voice-activity-detection", "Voice Activity Detection", "audio", "speech segments",
        ["voice activity detection", "vad", "detect speech", "speaker diarization", "diarization", "speaker turns", "speech segments"];
    "audio-text-to-text", "Audio-Text-to-Text", "audio and text", "text",
        ["audio text to text", "audio language model", "questions about audio", "audio understanding"];
    "image-classification", "Image Classification", "image", "class label",
        ["image classification", "classify images", "classify photos", "image classifier", "recognize objects in images", "imagenet", "photo classification", "categorize images", "image recognition", "nsfw detection", "plant disease", "x ray classification", "image categories", "pneumonia", "chest x rays", "x rays", "classify x rays", "label images", "tag photos"];
    "object-detection", "Object Detection", "image", "bounding boxes with labels",
        ["object detection", "detect objects", "bounding boxes", "bounding box", "detector", "yolo", "detr", "locate objects", "count objects", "detect people", "detect cars", "pedestrian detection", "face detection", "vehicle detection", "cctv", "surveillance", "detect objects in images", "find objects"];
    "image-segmentation", "Image Segmentation", "image", "segmentation masks",
        ["image segmentation", "segmentation", "segment", "semantic segmentation", "instance segmentation", "panoptic segmentation", "pixel masks", "background removal", "remove background", "alpha matte", "transparent background"];
    "mask-generation", "Mask Generation", "image", "masks",
        ["mask generation", "segment anything", "sam", "generate masks", "promptable segmentation"];
    "depth-estimation", "Depth Estimation", "image", "depth map",
        ["depth estimation", "estimate depth", "depth map", "monocular depth", "distance from camera", "3d from a single image"];
    "image-to-text", "Image-to-Text", "image", "text",
        ["image to text", "image captioning", "caption", "captions", "describe images", "describe photos", "alt text", "ocr", "optical character recognition", "read text in images", "handwriting recognition", "text recognition", "scanned", "handwritten", "handwriting", "alt text"];
    "image-text-to-text", "Image-Text-to-Text", "image and text", "text",
        ["image text to text", "vision language model", "vlm", "multimodal llm", "multimodal chat", "visual chat", "chat about images", "ask questions about images", "visual assistant", "vision language", "reads charts", "screenshots", "pdf to markdown", "document parsing", "charts"];
    "visual-question-answering", "Visual Question Answering", "image and question", "answer",
        ["visual question answering", "vqa", "questions about images", "answer questions about a picture", "questions about photos"];
    "document-question-answering", "Document Question Answering", "document image and question", "answer",
        ["document question answering", "document qa", "docvqa", "questions about documents", "invoices", "receipts", "forms", "scanned documents", "pdf questions", "layout", "key information extraction"];
    "zero-shot-image-classification", "Zero-Shot Image Classification", "image and candidate labels", "label scores",
        ["zero shot image classification", "clip", "image text matching", "classify images with arbitrary labels", "open vocabulary classification", "image and text embeddings"];
    "zero-shot-object-detection", "Zero-Shot Object Detection", "image and text labels", "bounding boxes",
        ["zero shot object detection", "open vocabulary detection", "detect objects described by text", "owl vit", "grounding dino", "text prompted detection", "described in free text", "without training a detector", "objects described"];
    "image-feature-extraction", "Image Feature Extraction", "image", "embedding vector",
        ["image feature extraction", "image embeddings", "image embedding", "visual features", "image retrieval", "image similarity", "backbone", "vision encoder", "visually similar", "similar images", "similar products", "visual search", "image vectors", "reverse image search"];
    "keypoint-detection", "Keypoint Detection", "image", "keypoints",
        ["keypoint detection", "pose estimation", "human pose", "keypoints", "body landmarks", "facial landmarks"];
    "text-to-image", "Text-to-Image", "text prompt", "image",
        ["text to image", "image generation", "generate images", "generate pictures", "draw pictures", "draw", "create images from prompts", "art generation", "ai art", "diffusion", "stable diffusion", "illustrations", "photorealistic images", "text2img"];
    "image-to-image", "Image-to-Image", "image", "image",
        ["image to image", "super resolution", "upscale", "upscaling", "inpainting", "image editing", "edit photos", "style transfer", "colorization", "restore photos", "img2img", "image restoration", "deblur", "controlnet", "4x", "higher resolution", "enhance images", "edit photos from text"];
    "unconditional-image-generation", "Unconditional Image Generation", "noise", "image",
        ["unconditional image generation", "generate random images", "gan", "ddpm", "generate faces"];
    "text-to-video", "Text-to-Video", "text prompt", "video",
        ["text to video", "video generation", "generate videos", "generate video clips", "animate text"];
    "image-to-video", "Image-to-Video", "image", "video",
        ["image to video", "animate images", "animate a photo", "image animation", "video from image"];
    "video-classification", "Video Classification", "video", "class label",
        ["video classification", "classify videos", "action recognition", "activity recognition", "video understanding"];
    "video-text-to-text", "Video-Text-to-Text", "video and text", "text",
        ["video text to text", "questions about videos", "video language model", "describe videos", "video captioning"];
    "text-to-3d", "Text-to-3D", "text prompt", "3d asset",
        ["text to 3d", "3d generation", "generate 3d models"];
    "image-to-3d", "Image-to-3D", "image", "3d asset",
        ["image to 3d", "3d reconstruction", "mesh from image", "3d mesh", "textured mesh", "photo to 3d"];
    "tabular-classification", "Tabular Classification", "table rows", "class label",
        ["tabular classification", "tabular data", "classify rows", "structured data classification", "csv classification", "churn", "fraud detection", "credit scoring", "customer churn", "rows of a csv"];
    "tabular-regression", "Tabular Regression", "table rows", "number",
        ["tabular regression", "predict a number from tabular data", "regression on tabular data", "price prediction", "house prices", "sale price", "numeric target", "spreadsheet features"];
    "time-series-forecasting", "Time Series Forecasting", "time series", "future values",
        ["time series forecasting", "time series", "forecast", "forecasting", "predict future values", "demand forecasting", "sales forecasting", "sensor data", "daily sales", "historical data"];
    "reinforcement-learning", "Reinforcement Learning", "environment observations", "actions",
        ["reinforcement learning", "rl agent", "trained agent", "policy", "atari", "gym", "stable baselines", "ppo", "dqn", "game playing", "play games", "lunarlander", "lunar lander", "gymnasium", "stable baselines3"];
    "robotics", "Robotics", "sensor observations", "robot actions",
        ["robotics", "robot", "manipulation", "grasping", "robot policy", "vision language action"];
    "graph-ml", "Graph Machine Learning", "graph", "predictions",
        ["graph machine learning", "graph neural network", "gnn", "molecules", "node classification"];
    "any-to-any", "Any-to-Any", "text, image, audio or video", "text, image, audio or video",
        ["omni modal", "omni model", "omni", "speech and vision", "multimodal input and output"];
    "visual-document-retrieval", "Visual Document Retrieval", "document images and query", "relevance scores",
        ["visual document retrieval", "colpali", "retrieve document pages", "pdf retrieval"];
    "image-text-to-image", "Image-Text-to-Image", "image and text", "image",
        ["image text to image", "instruction based image editing", "edit image with text"];
    "image-text-to-video", "Image-Text-to-Video", "image and text", "video",
        ["image text to video"];
    "video-to-video", "Video-to-Video", "video", "video",
        ["video to video", "video editing", "video upscaling"];
    "text-retrieval", "Text Retrieval", "query and documents", "ranked documents",
        ["text retrieval", "document retrieval"];
}

/// Words (as analysed stems) that make a request about images or video.
pub const VISUAL_STEMS: &[&str] = &[
    "imag",
    "photo",
    "pictur",
    "visual",
    "video",
    "camera",
    "pixel",
    "frame",
    "x",
    "xray",
    "scan",
    "screenshot",
    "chart",
    "draw",
    "illustr",
];

/// Words (as analysed stems) that make a request about audio.
pub const AUDIO_STEMS: &[&str] =
    &["audio", "speech", "voic", "sound", "music", "spoken", "record", "podcast", "microphon", "speaker", "speak", "song"];

/// Kinds of data named by input/output format words (as analysed stems), one bit per kind: text,
/// image, audio, video, table, labels, embeddings, regions. A request's "chat message" and a
/// task's "text" are the same kind.
pub const DATA_KIND_STEMS: &[(u8, &[&str])] = &[
    (
        1,
        &[
            "text",
            "sentenc",
            "messag",
            "articl",
            "document",
            "paragraph",
            "ticket",
            "review",
            "tweet",
            "email",
            "chat",
            "transcript",
            "question",
            "prompt",
            "string",
            "token",
            "word",
            "summari",
            "caption",
            "answer",
            "repli",
            "descript",
            "queri",
            "passag",
        ],
    ),
    (2, &["imag", "photo", "pictur", "png", "jpeg", "jpg", "screenshot", "scan", "pixel", "sketch", "render", "mask", "depth", "map"]),
    (4, &["audio", "speech", "voic", "sound", "wav", "mp3", "record", "music", "call", "waveform", "track"]),
    (8, &["video", "clip", "anim"]),
    (16, &["tabl", "csv", "row", "spreadsheet", "column", "seri"]),
    (32, &["label", "class", "categori", "tag", "score", "sentiment", "emot", "intent", "topic"]),
    (64, &["embed", "vector"]),
    (128, &["box", "bound", "keypoint", "segment"]),
];

/// Looks a task up by its pipeline tag (case-insensitive; spaces and underscores read as hyphens,
/// so "Automatic speech recognition" and "automatic_speech_recognition" both work).
pub fn task_by_tag(tag: &str) -> Option<&'static TaskInfo> {
    let norm: String = tag.trim().chars().map(|c| if c == ' ' || c == '_' { '-' } else { c.to_ascii_lowercase() }).collect();
    TASKS.iter().find(|t| t.tag == norm || t.name.to_ascii_lowercase().replace(' ', "-") == norm)
}

/// Tasks whose models generate open text (chat and writing assistants, vision-language models):
/// on small devices they run at larger sizes than a per-input classifier would, and below about
/// half a billion parameters they are toys ([`super::devices::Device::generative`]).
pub const GENERATIVE_TASKS: &[&str] = &["text-generation", "image-text-to-text", "conversational"];

/// Whether a Hub task is generative ([`GENERATIVE_TASKS`]).
pub fn is_generative(tag: &str) -> bool {
    GENERATIVE_TASKS.contains(&tag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_unique_and_lookups_are_forgiving() {
        for (i, a) in TASKS.iter().enumerate() {
            assert!(TASKS[i + 1..].iter().all(|b| b.tag != a.tag), "duplicate {}", a.tag);
            assert!(!a.cues.is_empty());
        }
        assert_eq!(task_by_tag("Automatic Speech Recognition").unwrap().tag, "automatic-speech-recognition");
        assert_eq!(task_by_tag("text_to_speech").unwrap().tag, "text-to-speech");
        assert_eq!(task_by_tag("Text-to-Image").unwrap().output, "image");
        assert!(task_by_tag("no-such-task").is_none());
    }
}
