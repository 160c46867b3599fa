//! Task words in other languages: what "Sprache in Text umwandeln", "resumir", "将英文翻译成中文",
//! "классификация тональности" or "تلخيص" ask for, as a Hub task plus English words for the
//! search.
//!
//! Why a table beside [`super::tasks`]: the English cue phrases are matched after stemming,
//! which does not fit Chinese or Japanese (no spaces) nor inflected Russian or Arabic. These
//! phrases are matched on the lowercase request text instead: as a *word prefix* in scripts with
//! spaces ("zusammenfass" covers "zusammenfassen" and "Zusammenfassung"), as a plain substring in
//! Chinese, Japanese and Korean. A match feeds the same intent machinery as an English cue
//! ([`crate::rank::intent`]) and adds its English gloss to the query as an expansion, so the
//! explanation says "cue 'resumir' (es)" and "summarize via resumir".

/// One phrase: (phrase, language code, task tag, English gloss).
pub type TaskWord = (&'static str, &'static str, &'static str, &'static str);

const ASR: &str = "automatic-speech-recognition";
const TTS: &str = "text-to-speech";
const SUM: &str = "summarization";
const MT: &str = "translation";
const CLS: &str = "text-classification";
const IMG: &str = "image-classification";
const DET: &str = "object-detection";
const T2I: &str = "text-to-image";
const I2T: &str = "image-to-text";
const QA: &str = "question-answering";
const NER: &str = "token-classification";
const GEN: &str = "text-generation";
const SIM: &str = "sentence-similarity";
const RANK: &str = "text-ranking";

/// Every phrase, lowercase.
pub const TASK_WORDS: &[TaskWord] = &[
    // German
    ("sprache in text", "de", ASR, "speech to text"),
    ("spracherkennung", "de", ASR, "speech recognition"),
    ("transkrib", "de", ASR, "transcribe"),
    ("anruf", "de", ASR, "phone calls transcribe"),
    ("telefonat", "de", ASR, "phone calls transcribe"),
    ("diktier", "de", ASR, "dictation"),
    ("text in sprache", "de", TTS, "text to speech"),
    ("sprachsynthese", "de", TTS, "speech synthesis"),
    ("vorlesen", "de", TTS, "read aloud"),
    ("zusammenfass", "de", SUM, "summarize summary"),
    ("übersetz", "de", MT, "translate translation"),
    ("stimmung", "de", CLS, "sentiment"),
    ("sentimentanalyse", "de", CLS, "sentiment analysis"),
    ("bilder klassifizier", "de", IMG, "image classification"),
    ("bildklassifi", "de", IMG, "image classification"),
    ("objekterkennung", "de", DET, "object detection"),
    ("bilder erzeugen", "de", T2I, "generate images"),
    ("bilder generieren", "de", T2I, "generate images"),
    ("bildgenerierung", "de", T2I, "image generation"),
    ("texterkennung", "de", I2T, "ocr"),
    ("bildbeschreibung", "de", I2T, "image captioning"),
    ("fragen beantworten", "de", QA, "question answering"),
    ("eigennamen", "de", NER, "named entity recognition"),
    ("textgenerierung", "de", GEN, "text generation"),
    ("ähnliche sätze", "de", SIM, "sentence similarity"),
    ("semantische suche", "de", SIM, "semantic search"),
    // Spanish
    ("voz a texto", "es", ASR, "speech to text"),
    ("reconocimiento de voz", "es", ASR, "speech recognition"),
    ("transcrib", "es", ASR, "transcribe"),
    ("texto a voz", "es", TTS, "text to speech"),
    ("síntesis de voz", "es", TTS, "speech synthesis"),
    ("resumir", "es", SUM, "summarize"),
    ("resumen", "es", SUM, "summary"),
    ("traduc", "es", MT, "translate translation"),
    ("análisis de sentimiento", "es", CLS, "sentiment analysis"),
    ("sentimiento", "es", CLS, "sentiment"),
    ("clasificar imágenes", "es", IMG, "image classification"),
    ("clasificación de imágenes", "es", IMG, "image classification"),
    ("detección de objetos", "es", DET, "object detection"),
    ("detectar objetos", "es", DET, "object detection"),
    ("generar imágenes", "es", T2I, "generate images"),
    ("describir imágenes", "es", I2T, "image captioning"),
    ("responder preguntas", "es", QA, "question answering"),
    ("entidades nombradas", "es", NER, "named entity recognition"),
    ("búsqueda semántica", "es", SIM, "semantic search"),
    // French
    ("parole en texte", "fr", ASR, "speech to text"),
    ("reconnaissance vocale", "fr", ASR, "speech recognition"),
    ("reconnaissance de la parole", "fr", ASR, "speech recognition"),
    ("transcri", "fr", ASR, "transcribe"),
    ("texte en parole", "fr", TTS, "text to speech"),
    ("synthèse vocale", "fr", TTS, "speech synthesis"),
    ("résumer", "fr", SUM, "summarize"),
    ("résumé", "fr", SUM, "summary"),
    ("tradui", "fr", MT, "translate translation"),
    ("traduction", "fr", MT, "translation"),
    ("analyse de sentiment", "fr", CLS, "sentiment analysis"),
    ("classer des images", "fr", IMG, "image classification"),
    ("classification d'images", "fr", IMG, "image classification"),
    ("détection d'objets", "fr", DET, "object detection"),
    ("détecter des objets", "fr", DET, "object detection"),
    ("générer des images", "fr", T2I, "generate images"),
    ("décrire des images", "fr", I2T, "image captioning"),
    ("répondre aux questions", "fr", QA, "question answering"),
    ("entités nommées", "fr", NER, "named entity recognition"),
    ("recherche sémantique", "fr", SIM, "semantic search"),
    // Portuguese
    ("fala em texto", "pt", ASR, "speech to text"),
    ("fala para texto", "pt", ASR, "speech to text"),
    ("reconhecimento de fala", "pt", ASR, "speech recognition"),
    ("transcrever", "pt", ASR, "transcribe"),
    ("texto em fala", "pt", TTS, "text to speech"),
    ("texto para fala", "pt", TTS, "text to speech"),
    ("síntese de voz", "pt", TTS, "speech synthesis"),
    ("resumo", "pt", SUM, "summary"),
    ("tradu", "pt", MT, "translate translation"),
    ("análise de sentimento", "pt", CLS, "sentiment analysis"),
    ("sentimento", "pt", CLS, "sentiment"),
    ("classificar imagens", "pt", IMG, "image classification"),
    ("detecção de objetos", "pt", DET, "object detection"),
    ("gerar imagens", "pt", T2I, "generate images"),
    ("responder perguntas", "pt", QA, "question answering"),
    ("comentários tóxicos", "pt", CLS, "toxic comments"),
    // Italian
    ("riconoscimento vocale", "it", ASR, "speech recognition"),
    ("da voce a testo", "it", ASR, "speech to text"),
    ("trascri", "it", ASR, "transcribe"),
    ("sintesi vocale", "it", TTS, "speech synthesis"),
    ("da testo a voce", "it", TTS, "text to speech"),
    ("riassum", "it", SUM, "summarize"),
    ("riassunto", "it", SUM, "summary"),
    ("tradurre", "it", MT, "translate"),
    ("traduzione", "it", MT, "translation"),
    ("analisi del sentiment", "it", CLS, "sentiment analysis"),
    ("classificare immagini", "it", IMG, "image classification"),
    ("classificazione di immagini", "it", IMG, "image classification"),
    ("rilevamento di oggetti", "it", DET, "object detection"),
    ("generare immagini", "it", T2I, "generate images"),
    ("rispondere alle domande", "it", QA, "question answering"),
    // Chinese
    ("翻译", "zh", MT, "translate translation"),
    ("翻譯", "zh", MT, "translate translation"),
    ("摘要", "zh", SUM, "summarize summary"),
    ("总结", "zh", SUM, "summarize"),
    ("概括", "zh", SUM, "summarize"),
    ("语音识别", "zh", ASR, "speech recognition"),
    ("語音辨識", "zh", ASR, "speech recognition"),
    ("语音转文字", "zh", ASR, "speech to text"),
    ("转录", "zh", ASR, "transcribe"),
    ("语音合成", "zh", TTS, "speech synthesis"),
    ("文字转语音", "zh", TTS, "text to speech"),
    ("朗读", "zh", TTS, "read aloud"),
    ("情感分析", "zh", CLS, "sentiment analysis"),
    ("情感分类", "zh", CLS, "sentiment classification"),
    ("文本分类", "zh", CLS, "text classification"),
    ("图像分类", "zh", IMG, "image classification"),
    ("图片分类", "zh", IMG, "image classification"),
    ("目标检测", "zh", DET, "object detection"),
    ("物体检测", "zh", DET, "object detection"),
    ("生成图片", "zh", T2I, "generate images"),
    ("生成图像", "zh", T2I, "generate images"),
    ("文生图", "zh", T2I, "text to image"),
    ("图像描述", "zh", I2T, "image captioning"),
    ("文字识别", "zh", I2T, "ocr"),
    ("问答", "zh", QA, "question answering"),
    ("命名实体", "zh", NER, "named entity recognition"),
    ("聊天机器人", "zh", GEN, "chatbot"),
    ("对话", "zh", GEN, "chat assistant"),
    ("语义搜索", "zh", SIM, "semantic search"),
    ("句子相似度", "zh", SIM, "sentence similarity"),
    // Japanese
    ("翻訳", "ja", MT, "translate translation"),
    ("要約", "ja", SUM, "summarize summary"),
    ("音声認識", "ja", ASR, "speech recognition"),
    ("文字起こし", "ja", ASR, "transcribe"),
    ("音声合成", "ja", TTS, "speech synthesis"),
    ("読み上げ", "ja", TTS, "read aloud"),
    ("感情分析", "ja", CLS, "sentiment analysis"),
    ("画像分類", "ja", IMG, "image classification"),
    ("物体検出", "ja", DET, "object detection"),
    ("物体を検出", "ja", DET, "detect objects"),
    ("画像生成", "ja", T2I, "image generation"),
    ("文字認識", "ja", I2T, "ocr"),
    ("質問応答", "ja", QA, "question answering"),
    ("固有表現", "ja", NER, "named entity recognition"),
    ("チャットボット", "ja", GEN, "chatbot"),
    ("類似度", "ja", SIM, "similarity"),
    // Korean
    ("번역", "ko", MT, "translate translation"),
    ("요약", "ko", SUM, "summarize summary"),
    ("음성 인식", "ko", ASR, "speech recognition"),
    ("음성인식", "ko", ASR, "speech recognition"),
    ("받아쓰기", "ko", ASR, "transcribe"),
    ("음성 합성", "ko", TTS, "speech synthesis"),
    ("음성합성", "ko", TTS, "speech synthesis"),
    ("감정 분류", "ko", CLS, "sentiment classification"),
    ("감정 분석", "ko", CLS, "sentiment analysis"),
    ("감성 분석", "ko", CLS, "sentiment analysis"),
    ("이미지 분류", "ko", IMG, "image classification"),
    ("객체 탐지", "ko", DET, "object detection"),
    ("이미지 생성", "ko", T2I, "image generation"),
    ("질의응답", "ko", QA, "question answering"),
    ("질문 응답", "ko", QA, "question answering"),
    ("챗봇", "ko", GEN, "chatbot"),
    ("문장 유사도", "ko", SIM, "sentence similarity"),
    // Russian
    ("перевод", "ru", MT, "translate translation"),
    ("перевести", "ru", MT, "translate"),
    ("суммариз", "ru", SUM, "summarization"),
    ("реферир", "ru", SUM, "summarization"),
    ("краткое содержание", "ru", SUM, "summary"),
    ("распознавание речи", "ru", ASR, "speech recognition"),
    ("речь в текст", "ru", ASR, "speech to text"),
    ("транскри", "ru", ASR, "transcribe"),
    ("синтез речи", "ru", TTS, "speech synthesis"),
    ("текст в речь", "ru", TTS, "text to speech"),
    ("озвуч", "ru", TTS, "text to speech"),
    ("тональност", "ru", CLS, "sentiment"),
    ("анализ настроений", "ru", CLS, "sentiment analysis"),
    ("классификация изображений", "ru", IMG, "image classification"),
    ("обнаружение объектов", "ru", DET, "object detection"),
    ("детекция объектов", "ru", DET, "object detection"),
    ("генерация изображений", "ru", T2I, "image generation"),
    ("ответы на вопросы", "ru", QA, "question answering"),
    ("именованн", "ru", NER, "named entity recognition"),
    ("чат-бот", "ru", GEN, "chatbot"),
    ("семантический поиск", "ru", SIM, "semantic search"),
    // Arabic
    ("ترجمة", "ar", MT, "translate translation"),
    ("ترجم", "ar", MT, "translate"),
    ("تلخيص", "ar", SUM, "summarize summary"),
    ("ملخص", "ar", SUM, "summary"),
    ("التعرف على الكلام", "ar", ASR, "speech recognition"),
    ("تحويل الكلام إلى نص", "ar", ASR, "speech to text"),
    ("تحويل النص إلى كلام", "ar", TTS, "text to speech"),
    ("تحليل المشاعر", "ar", CLS, "sentiment analysis"),
    ("تصنيف الصور", "ar", IMG, "image classification"),
    ("كشف الأجسام", "ar", DET, "object detection"),
    ("توليد الصور", "ar", T2I, "image generation"),
    ("الإجابة على الأسئلة", "ar", QA, "question answering"),
    ("الكيانات المسماة", "ar", NER, "named entity recognition"),
    ("روبوت محادثة", "ar", GEN, "chatbot"),
    // Concepts every language needs, by concept: toxic and hateful speech, sentiment polarity,
    // classifying in general, named entities and word segmentation, embeddings and semantic
    // search, question answering (inflected forms by their stem: "toxisch", "семантическ").
    ("toxisch", "de", CLS, "toxic hate speech offensive"),
    ("hassrede", "de", CLS, "hate speech"),
    ("hasskommentar", "de", CLS, "hate speech"),
    ("beleidigend", "de", CLS, "offensive"),
    ("discurso de odio", "es", CLS, "hate speech"),
    ("mensajes de odio", "es", CLS, "hate speech"),
    ("tóxic", "es", CLS, "toxic"),
    ("ofensiv", "es", CLS, "offensive"),
    ("discours haineux", "fr", CLS, "hate speech"),
    ("discours de haine", "fr", CLS, "hate speech"),
    ("toxique", "fr", CLS, "toxic"),
    ("injurieu", "fr", CLS, "offensive"),
    ("discurso de ódio", "pt", CLS, "hate speech"),
    ("ofensiv", "pt", CLS, "offensive"),
    ("discorso d'odio", "it", CLS, "hate speech"),
    ("incitamento all'odio", "it", CLS, "hate speech"),
    ("tossic", "it", CLS, "toxic"),
    ("offensiv", "it", CLS, "offensive"),
    ("仇恨言论", "zh", CLS, "hate speech"),
    ("有害言论", "zh", CLS, "toxic"),
    ("辱骂", "zh", CLS, "offensive"),
    ("脏话", "zh", CLS, "offensive"),
    ("ヘイトスピーチ", "ja", CLS, "hate speech"),
    ("誹謗中傷", "ja", CLS, "offensive"),
    ("有害な", "ja", CLS, "toxic"),
    ("혐오 표현", "ko", CLS, "hate speech"),
    ("혐오표현", "ko", CLS, "hate speech"),
    ("악성 댓글", "ko", CLS, "toxic comments"),
    ("악플", "ko", CLS, "toxic comments"),
    ("욕설", "ko", CLS, "offensive"),
    ("токсичн", "ru", CLS, "toxic"),
    ("язык вражды", "ru", CLS, "hate speech"),
    ("оскорб", "ru", CLS, "offensive"),
    ("خطاب الكراهية", "ar", CLS, "hate speech"),
    ("مسيء", "ar", CLS, "offensive"),
    ("positiv oder negativ", "de", CLS, "sentiment positive negative"),
    ("positivo o negativo", "es", CLS, "sentiment positive negative"),
    ("positiva o negativa", "es", CLS, "sentiment positive negative"),
    ("positif ou négatif", "fr", CLS, "sentiment positive negative"),
    ("positive ou négative", "fr", CLS, "sentiment positive negative"),
    ("positivo ou negativo", "pt", CLS, "sentiment positive negative"),
    ("positiva ou negativa", "pt", CLS, "sentiment positive negative"),
    ("positivo o negativo", "it", CLS, "sentiment positive negative"),
    ("情感", "zh", CLS, "sentiment"),
    ("情绪", "zh", CLS, "emotion"),
    ("正面", "zh", CLS, "sentiment positive"),
    ("负面", "zh", CLS, "sentiment negative"),
    ("好评", "zh", CLS, "sentiment positive review"),
    ("差评", "zh", CLS, "sentiment negative review"),
    ("ポジティブ", "ja", CLS, "sentiment positive"),
    ("ネガティブ", "ja", CLS, "sentiment negative"),
    ("感情", "ja", CLS, "sentiment emotion"),
    ("긍정", "ko", CLS, "sentiment positive"),
    ("부정인지", "ko", CLS, "sentiment negative"),
    ("감성", "ko", CLS, "sentiment"),
    ("позитивн", "ru", CLS, "sentiment positive"),
    ("негативн", "ru", CLS, "sentiment negative"),
    ("эмоци", "ru", CLS, "emotion"),
    ("إيجابي", "ar", CLS, "sentiment positive"),
    ("سلبي", "ar", CLS, "sentiment negative"),
    ("المشاعر", "ar", CLS, "sentiment emotion"),
    ("klassifizier", "de", CLS, "classify classification"),
    ("kategorisier", "de", CLS, "classify categories"),
    ("clasific", "es", CLS, "classify classification"),
    ("classer", "fr", CLS, "classify"),
    ("catégoris", "fr", CLS, "classify categories"),
    ("classificar", "pt", CLS, "classify"),
    ("classificação", "pt", CLS, "classification"),
    ("classificare", "it", CLS, "classify"),
    ("classificazione", "it", CLS, "classification"),
    ("分类", "zh", CLS, "classify classification"),
    ("分類", "ja", CLS, "classify classification"),
    ("분류", "ko", CLS, "classify classification"),
    ("классифи", "ru", CLS, "classify classification"),
    ("تصنيف", "ar", CLS, "classify classification"),
    ("entitäten", "de", NER, "named entity recognition"),
    ("entidades", "es", NER, "named entity recognition"),
    ("entités", "fr", NER, "named entity recognition"),
    ("entità", "it", NER, "named entity recognition"),
    ("实体识别", "zh", NER, "named entity recognition"),
    ("实体抽取", "zh", NER, "named entity recognition"),
    ("人名", "zh", NER, "named entity recognition person"),
    ("地名", "zh", NER, "named entity recognition location"),
    ("机构名", "zh", NER, "named entity recognition organization"),
    ("分词", "zh", NER, "word segmentation"),
    ("词性", "zh", NER, "part of speech"),
    ("固有名詞", "ja", NER, "named entity recognition"),
    ("品詞", "ja", NER, "part of speech"),
    ("개체명", "ko", NER, "named entity recognition"),
    ("형태소", "ko", NER, "morphological analysis part of speech"),
    ("сущност", "ru", NER, "named entity recognition"),
    ("الكيانات", "ar", NER, "named entity recognition"),
    ("einbettung", "de", SIM, "embeddings"),
    ("vektorsuche", "de", SIM, "vector search embeddings"),
    ("búsqueda vectorial", "es", SIM, "vector search embeddings"),
    ("similitud semántica", "es", SIM, "semantic similarity"),
    ("recherche vectorielle", "fr", SIM, "vector search embeddings"),
    ("similarité sémantique", "fr", SIM, "semantic similarity"),
    ("busca semântica", "pt", SIM, "semantic search"),
    ("pesquisa semântica", "pt", SIM, "semantic search"),
    ("ricerca semantica", "it", SIM, "semantic search"),
    ("向量", "zh", SIM, "embeddings vector"),
    ("嵌入", "zh", SIM, "embeddings"),
    ("语义检索", "zh", SIM, "semantic search"),
    ("相似度", "zh", SIM, "similarity"),
    ("埋め込み", "ja", SIM, "embeddings"),
    ("ベクトル", "ja", SIM, "embeddings vector"),
    ("意味検索", "ja", SIM, "semantic search"),
    ("임베딩", "ko", SIM, "embeddings"),
    ("벡터", "ko", SIM, "embeddings vector"),
    ("의미 검색", "ko", SIM, "semantic search"),
    ("유사도", "ko", SIM, "similarity"),
    ("эмбеддинг", "ru", SIM, "embeddings"),
    ("векторн", "ru", SIM, "embeddings vector"),
    ("семантическ", "ru", SIM, "semantic search"),
    ("البحث الدلالي", "ar", SIM, "semantic search"),
    ("التشابه", "ar", SIM, "similarity"),
    ("frage-antwort", "de", QA, "question answering"),
    ("preguntas y respuestas", "es", QA, "question answering"),
    ("questions-réponses", "fr", QA, "question answering"),
    ("perguntas e respostas", "pt", QA, "question answering"),
    ("domande e risposte", "it", QA, "question answering"),
    ("阅读理解", "zh", QA, "reading comprehension question answering"),
    ("答案", "zh", QA, "answer question answering"),
    ("読解", "ja", QA, "reading comprehension question answering"),
    ("質問に答え", "ja", QA, "question answering"),
    ("질의 응답", "ko", QA, "question answering"),
    ("기계 독해", "ko", QA, "reading comprehension question answering"),
    ("вопросно-ответн", "ru", QA, "question answering"),
    ("ответ на вопрос", "ru", QA, "question answering"),
    ("أسئلة وأجوبة", "ar", QA, "question answering"),
    // Voice recordings, memos and messages: what people want from them is their text.
    ("sprachnachricht", "de", ASR, "voice messages transcribe"),
    ("sprachmemo", "de", ASR, "voice memos transcribe"),
    ("notas de voz", "es", ASR, "voice notes transcribe"),
    ("mensajes de voz", "es", ASR, "voice messages transcribe"),
    ("notes vocales", "fr", ASR, "voice notes transcribe"),
    ("messages vocaux", "fr", ASR, "voice messages transcribe"),
    ("mensagens de voz", "pt", ASR, "voice messages transcribe"),
    ("notas de voz", "pt", ASR, "voice notes transcribe"),
    ("note vocali", "it", ASR, "voice notes transcribe"),
    ("messaggi vocali", "it", ASR, "voice messages transcribe"),
    ("语音消息", "zh", ASR, "voice messages transcribe"),
    ("录音", "zh", ASR, "recordings transcribe"),
    ("ボイスメモ", "ja", ASR, "voice memos transcribe"),
    ("録音", "ja", ASR, "recordings transcribe"),
    ("음성 메모", "ko", ASR, "voice memos transcribe"),
    ("음성 파일", "ko", ASR, "audio files transcribe"),
    ("녹음", "ko", ASR, "recordings transcribe"),
    ("голосов", "ru", ASR, "voice messages transcribe"),
    ("аудиозапис", "ru", ASR, "recordings transcribe"),
    ("رسائل صوتية", "ar", ASR, "voice messages transcribe"),
    ("تسجيل صوتي", "ar", ASR, "recordings transcribe"),
    // Reordering search results by relevance (rerankers), every language.
    ("neu sortieren", "de", RANK, "rerank search results"),
    ("umsortieren", "de", RANK, "rerank search results"),
    ("reordenar", "es", RANK, "rerank search results"),
    ("reclasificar", "es", RANK, "rerank search results"),
    ("réordonner", "fr", RANK, "rerank search results"),
    ("reclasser", "fr", RANK, "rerank search results"),
    ("reordenar", "pt", RANK, "rerank search results"),
    ("riordinare", "it", RANK, "rerank search results"),
    ("重新排序", "zh", RANK, "rerank search results"),
    ("重排序", "zh", RANK, "rerank search results"),
    ("再ランキング", "ja", RANK, "rerank search results"),
    ("リランキング", "ja", RANK, "rerank search results"),
    ("재정렬", "ko", RANK, "rerank search results"),
    ("리랭킹", "ko", RANK, "rerank search results"),
    ("переранжир", "ru", RANK, "rerank search results"),
    ("إعادة ترتيب", "ar", RANK, "rerank search results"),
];

fn is_spaceless(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff)
}

/// Where a phrase of a spaced script may start in a lowercase text: the text's start, after a
/// character that is not alphanumeric, after a glued Arabic article "ال" or conjunction "و".
///
/// Why: a request is checked against every phrase of the table (three times per query); finding
/// these positions once, sorted by the text's first two bytes there, turns most of those checks
/// into one binary search.
pub(crate) struct Starts {
    /// (first two bytes of the text at the position, position), sorted.
    at: Vec<(u16, usize)>,
}

/// The first two bytes of `bytes` (a missing second byte reads as 0).
fn key(bytes: &[u8]) -> u16 {
    u16::from(bytes.first().copied().unwrap_or(0)) << 8 | u16::from(bytes.get(1).copied().unwrap_or(0))
}

impl Starts {
    pub(crate) fn of(lower: &str) -> Starts {
        let mut at = Vec::new();
        let mut before: Option<char> = None;
        for (pos, c) in lower.char_indices() {
            let glued = before.is_some_and(char::is_alphanumeric);
            if !glued || before == Some('و') || lower[..pos].ends_with("ال") {
                at.push((key(&lower.as_bytes()[pos..]), pos));
            }
            before = Some(c);
        }
        at.sort_unstable();
        Starts { at }
    }

    /// No match of `phrase` can pass the word-start rule of [`occurs`]: a cheap exact filter.
    fn rules_out(&self, lower: &str, phrase: &str) -> bool {
        let p = phrase.as_bytes();
        if p.len() < 2 {
            return false;
        }
        let k = key(p);
        let from = self.at.partition_point(|a| a.0 < k);
        !self.at[from..].iter().take_while(|a| a.0 == k).any(|&(_, pos)| lower.as_bytes()[pos..].starts_with(p))
    }
}

/// The phrase occurs in `lower` starting a word (or anywhere, for Chinese and Japanese). Arabic
/// phrases may carry the article "ال" or a conjunction "و" glued in front. `starts` are `lower`'s.
pub(crate) fn occurs(lower: &str, starts: &Starts, phrase: &str) -> bool {
    if phrase.chars().next().is_some_and(is_spaceless) {
        return lower.contains(phrase);
    }
    if starts.rules_out(lower, phrase) {
        return false;
    }
    lower.match_indices(phrase).any(|(pos, _)| {
        let before = lower[..pos].chars().next_back();
        let glued = before.is_some_and(char::is_alphanumeric);
        !glued || lower[..pos].ends_with("ال") || lower[..pos].ends_with('و')
    })
}

/// The task phrases of other languages in a request text, longest first, without phrases
/// contained in a longer match (of any task).
pub fn task_words_in(text: &str) -> Vec<&'static TaskWord> {
    let lower = text.to_lowercase();
    let starts = Starts::of(&lower);
    let hits: Vec<&TaskWord> = if lower.is_ascii() && !lower.contains("traduc") && !lower.contains("resum") && !lower.contains("trascri") {
        // Most English requests: only the Latin-script entries without accents can match at all.
        TASK_WORDS
            .iter()
            .filter(|w| w.0.is_ascii() && w.1 != "en" && (occurs(&lower, &starts, w.0) || in_compound(&lower, w)) && ascii_ok(w))
            .collect()
    } else {
        TASK_WORDS.iter().filter(|w| occurs(&lower, &starts, w.0) || in_compound(&lower, w)).collect()
    };
    // A phrase inside a longer match is part of it ("分类" in "图像分类" is image classification,
    // not text classification).
    longest_distinct(hits, |w| w.0)
}

/// `hits` longest first, without those whose phrase lies inside a longer hit's: the one rule
/// for every table of phrases matched on the request text.
pub(crate) fn longest_distinct<T>(mut hits: Vec<&'static T>, phrase: impl Fn(&T) -> &'static str) -> Vec<&'static T> {
    hits.sort_by_key(|w| std::cmp::Reverse(phrase(w).len()));
    let mut out: Vec<&'static T> = Vec::new();
    for h in hits {
        if !out.iter().any(|o| phrase(o).contains(phrase(h))) {
            out.push(h);
        }
    }
    out
}

/// German joins nouns into one word: "Kundenanrufe" holds "anruf", "Textzusammenfassung" holds
/// "zusammenfass". A German one-word phrase of five letters or more also counts inside a word.
fn in_compound(lower: &str, w: &TaskWord) -> bool {
    w.1 == "de" && w.0.len() >= 5 && !w.0.contains(' ') && lower.contains(w.0)
}

/// ASCII phrases that are also English words or word starts ("transcri" is English "transcribe",
/// "resumen" is not) are left to the English cues.
fn ascii_ok(w: &TaskWord) -> bool {
    !matches!(w.0, "transcrib" | "transcri" | "tradu" | "resumo" | "transcrever" | "traduction" | "traduc" | "offensiv")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::tasks::task_by_tag;

    /// The distinct tasks the phrases in `t` name.
    fn tasks(t: &str) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for w in task_words_in(t) {
            if !out.contains(&w.2) {
                out.push(w.2);
            }
        }
        out
    }

    #[test]
    fn reranking_in_every_language() {
        for t in [
            "Suchergebnisse neu sortieren",
            "reordenar los resultados de búsqueda",
            "réordonner les résultats",
            "把搜索结果重新排序",
            "検索結果を再ランキングする",
            "검색 결과 재정렬",
            "переранжировать выдачу",
            "إعادة ترتيب نتائج البحث",
        ] {
            assert_eq!(tasks(t), vec![RANK], "{t}");
        }
    }

    #[test]
    fn german_compounds_hold_task_words() {
        assert_eq!(tasks("Kundenanrufe auf Deutsch in Text umwandeln"), vec![ASR]);
        assert_eq!(tasks("eine automatische Textzusammenfassung"), vec![SUM]);
        assert!(tasks("transcribe phone calls").is_empty());
    }

    #[test]
    fn every_entry_names_a_known_task_and_a_lowercase_phrase() {
        for w in TASK_WORDS {
            assert!(task_by_tag(w.2).is_some(), "{w:?}");
            assert_eq!(w.0, w.0.to_lowercase(), "{w:?}");
            assert!(crate::knowledge::languages::name(w.1).is_some(), "{w:?}");
        }
    }

    #[test]
    fn the_start_filter_never_hides_a_match() {
        // Arabic glued articles, punctuation, repeated and overlapping words, accents.
        for t in [
            "والتلخيص",
            "الترجمة ثم التلخيص",
            "x-zusammenfassen, (zusammenfass)",
            "résumer «résumé»",
            "ab transkribieren",
            "Sprache in Text",
        ] {
            let lower = t.to_lowercase();
            let starts = Starts::of(&lower);
            for w in TASK_WORDS {
                let slow = lower.match_indices(w.0).any(|(pos, _)| {
                    let before = lower[..pos].chars().next_back();
                    !before.is_some_and(char::is_alphanumeric) || lower[..pos].ends_with("ال") || lower[..pos].ends_with('و')
                });
                assert!(!(slow && starts.rules_out(&lower, w.0)), "{t:?} {w:?}");
            }
        }
    }

    #[test]
    fn requests_in_ten_languages() {
        assert_eq!(tasks("Sprache in Text umwandeln"), vec![ASR]);
        assert_eq!(tasks("resumir artículos de noticias en español"), vec![SUM]);
        assert_eq!(tasks("将英文翻译成中文"), vec![MT]);
        assert_eq!(tasks("классификация тональности"), vec![CLS]);
        assert_eq!(tasks("تلخيص"), vec![SUM]);
        assert_eq!(tasks("Kundenbewertungen nach Stimmung klassifizieren"), vec![CLS]);
        assert_eq!(tasks("リアルタイムの音声認識"), vec![ASR]);
        assert_eq!(tasks("고객 리뷰 감정 분류"), vec![CLS]);
        assert_eq!(tasks("riassumere documenti legali"), vec![SUM]);
        assert_eq!(tasks("résumer des articles"), vec![SUM]);
        assert_eq!(tasks("detectar comentários tóxicos em português"), vec![CLS]);
        // Common concepts, inflected or glued to other words.
        assert_eq!(tasks("Hasskommentare und toxische Beiträge in Foren finden"), vec![CLS]);
        assert_eq!(tasks("détecter les messages toxiques sur notre forum"), vec![CLS]);
        assert_eq!(tasks("顧客の声がポジティブかどうか知りたい"), vec![CLS]);
        assert_eq!(tasks("영화 리뷰가 긍정인지 알고 싶어요"), vec![CLS]);
        assert_eq!(tasks("从合同里找出人名和公司"), vec![NER]);
        assert_eq!(tasks("векторный поиск по документации"), vec![SIM]);
        assert_eq!(tasks("семантического поиска по статьям"), vec![SIM]);
        assert_eq!(tasks("сделать вопросно-ответного бота"), vec![QA]);
        assert_eq!(tasks("회의 녹음을 글로 정리하고 싶어요"), vec![ASR]);
        assert_eq!(tasks("WhatsApp-Sprachnachrichten abtippen"), vec![ASR]);
        // A phrase inside a longer one of another task is part of it.
        assert_eq!(tasks("图像分类"), vec![IMG]);
        assert_eq!(tasks("Bilder klassifizieren"), vec![IMG]);
        // English requests are left to the English cues.
        assert!(tasks("flag offensive comments").is_empty());
        assert!(tasks("transcribe podcasts and summarize them").is_empty());
        assert!(tasks("translate English to German").is_empty());
    }
}
