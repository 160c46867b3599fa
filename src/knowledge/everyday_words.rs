//! Everyday words of other languages with their English gloss: the data, media and subjects a
//! need is about ("Fotos", "vídeos", "照片", "отзывы", "الشعر"), where [`super::task_words`]
//! holds the words of the need itself ("transcribe", "resumir").
//!
//! Why: a request written in Portuguese about "a foto de uma pinta na pele" names no task, and
//! its words match no English card: without the gloss the list falls back to anything that lists
//! Portuguese. With it, "foto → photo" and "pele → skin" are searched (below the request's own
//! words) and tell intent detection the request is about images, exactly as the English words
//! would. Only words of the language the request is written in are read
//! ([`super::request_language`]), so "haut" (German "skin") never fires on a French "en haut".
//! Matched like task words: a word prefix in spaced scripts, a substring in Chinese and Japanese.
//! Words spelt as in English ("video", "document") need no entry: the English search has them.

use super::task_words::{longest_distinct, occurs, Starts};

/// One word: (word or word start, lowercase; language code; English gloss).
pub type EverydayWord = (&'static str, &'static str, &'static str);

/// Every entry, grouped by concept (photos, video, voice, music, texts people write, subjects).
pub const EVERYDAY_WORDS: &[EverydayWord] = &[
    // Photos and pictures.
    ("foto", "de", "photo"),
    ("bilder", "de", "images"),
    ("foto", "es", "photo"),
    ("imagen", "es", "image"),
    ("imágen", "es", "images"),
    ("foto", "pt", "photo"),
    ("imagem", "pt", "image"),
    ("imagens", "pt", "images"),
    ("foto", "it", "photo"),
    ("immagin", "it", "image"),
    ("照片", "zh", "photo"),
    ("图片", "zh", "image"),
    ("图像", "zh", "image"),
    ("写真", "ja", "photo"),
    ("画像", "ja", "image"),
    ("사진", "ko", "photo"),
    ("이미지", "ko", "image"),
    ("фото", "ru", "photo"),
    ("изображен", "ru", "image"),
    ("картинк", "ru", "picture"),
    ("صور", "ar", "images photo"),
    // Video.
    ("vídeo", "es", "video"),
    ("vídeo", "pt", "video"),
    ("视频", "zh", "video"),
    ("動画", "ja", "video"),
    ("동영상", "ko", "video"),
    ("영상", "ko", "video"),
    ("видео", "ru", "video"),
    ("فيديو", "ar", "video"),
    // Voices, songs and music.
    ("stimme", "de", "voice"),
    ("voz", "es", "voice"),
    ("voix", "fr", "voice"),
    ("voz", "pt", "voice"),
    ("voce", "it", "voice"),
    ("声音", "zh", "voice"),
    ("音声", "ja", "voice"),
    ("목소리", "ko", "voice"),
    ("голос", "ru", "voice"),
    ("صوت", "ar", "voice"),
    ("musik", "de", "music"),
    ("lied", "de", "song"),
    ("música", "es", "music"),
    ("canción", "es", "song"),
    ("musique", "fr", "music"),
    ("chanson", "fr", "song"),
    ("música", "pt", "music"),
    ("canç", "pt", "song"),
    ("musica", "it", "music"),
    ("canzon", "it", "song"),
    ("音乐", "zh", "music"),
    ("歌曲", "zh", "song"),
    ("人声", "zh", "vocals"),
    ("音楽", "ja", "music"),
    ("ボーカル", "ja", "vocals"),
    ("歌声", "ja", "vocals singing"),
    ("伴奏", "ja", "accompaniment instrumental"),
    ("음악", "ko", "music"),
    ("노래", "ko", "song"),
    ("보컬", "ko", "vocals"),
    ("музык", "ru", "music"),
    ("песн", "ru", "song"),
    ("موسيق", "ar", "music"),
    ("أغني", "ar", "song"),
    // Texts people write: poems, stories, comments, reviews, news, contracts.
    ("gedicht", "de", "poem poetry"),
    ("poema", "es", "poem poetry"),
    ("poesía", "es", "poetry"),
    ("poème", "fr", "poem poetry"),
    ("poésie", "fr", "poetry"),
    ("poema", "pt", "poem poetry"),
    ("poesia", "pt", "poetry"),
    ("poesi", "it", "poetry"),
    ("诗", "zh", "poem poetry"),
    ("对联", "zh", "couplet"),
    ("詩", "ja", "poem poetry"),
    ("俳句", "ja", "haiku"),
    ("стих", "ru", "poem poetry"),
    ("поэз", "ru", "poetry"),
    ("شعر", "ar", "poetry poem"),
    ("أبيات", "ar", "poetry verses"),
    ("geschichte", "de", "story"),
    ("märchen", "de", "story fairy tale"),
    ("cuento", "es", "story"),
    ("histoire", "fr", "story"),
    ("históri", "pt", "story"),
    ("storia", "it", "story"),
    ("storie", "it", "stories"),
    ("故事", "zh", "story"),
    ("物語", "ja", "story"),
    ("이야기", "ko", "story"),
    ("동화", "ko", "story fairy tale"),
    ("сказк", "ru", "story fairy tale"),
    ("рассказ", "ru", "story"),
    ("قصص", "ar", "stories"),
    ("قصة", "ar", "story"),
    ("kommentar", "de", "comments"),
    ("comentario", "es", "comments"),
    ("commentaire", "fr", "comments"),
    ("comentário", "pt", "comments"),
    ("commento", "it", "comments"),
    ("commenti", "it", "comments"),
    ("评论", "zh", "comments reviews"),
    ("コメント", "ja", "comments"),
    ("댓글", "ko", "comments"),
    ("коммент", "ru", "comments"),
    ("تعليق", "ar", "comments"),
    ("bewertung", "de", "reviews"),
    ("rezension", "de", "reviews"),
    ("reseña", "es", "reviews"),
    ("avis", "fr", "reviews"),
    ("avaliaç", "pt", "reviews"),
    ("recension", "it", "reviews"),
    ("评价", "zh", "reviews"),
    ("レビュー", "ja", "reviews"),
    ("口コミ", "ja", "reviews"),
    ("리뷰", "ko", "reviews"),
    ("후기", "ko", "reviews"),
    ("отзыв", "ru", "reviews"),
    ("تقييم", "ar", "reviews"),
    ("nachricht", "de", "news"),
    ("noticia", "es", "news"),
    ("actualité", "fr", "news"),
    ("notícia", "pt", "news"),
    ("notizi", "it", "news"),
    ("新闻", "zh", "news"),
    ("ニュース", "ja", "news"),
    ("뉴스", "ko", "news"),
    ("новост", "ru", "news"),
    ("أخبار", "ar", "news"),
    ("vertrag", "de", "contracts legal"),
    ("verträg", "de", "contracts legal"),
    ("contrato", "es", "contracts legal"),
    ("contrat", "fr", "contracts legal"),
    ("contrato", "pt", "contracts legal"),
    ("contratt", "it", "contracts legal"),
    ("合同", "zh", "contracts legal"),
    ("契約", "ja", "contracts legal"),
    ("계약", "ko", "contracts legal"),
    ("договор", "ru", "contracts legal"),
    ("عقود", "ar", "contracts legal"),
    // What is done with them: describe, search, order by relevance, separate.
    ("beschreib", "de", "describe description"),
    ("describ", "es", "describe description"),
    ("descripci", "es", "description"),
    ("décri", "fr", "describe description"),
    ("descrev", "pt", "describe description"),
    ("descriç", "pt", "description"),
    ("descriv", "it", "describe description"),
    ("descrizion", "it", "description"),
    ("描述", "zh", "describe description"),
    ("説明", "ja", "describe description"),
    ("설명", "ko", "describe description"),
    ("описа", "ru", "describe description"),
    ("وصف", "ar", "describe description"),
    ("suche", "de", "search"),
    ("búsqueda", "es", "search"),
    ("buscar", "es", "search"),
    ("recherch", "fr", "search"),
    ("pesquis", "pt", "search"),
    ("busca", "pt", "search"),
    ("ricerc", "it", "search"),
    ("搜索", "zh", "search"),
    ("检索", "zh", "search retrieval"),
    ("検索", "ja", "search"),
    ("검색", "ko", "search"),
    ("поиск", "ru", "search"),
    ("بحث", "ar", "search"),
    ("البحث", "ar", "search"),
    ("排序", "zh", "rank order"),
    ("순위", "ko", "rank ranking"),
    ("ранжир", "ru", "rank ranking"),
    ("trenn", "de", "separate"),
    ("separar", "es", "separate"),
    ("sépar", "fr", "separate"),
    ("separar", "pt", "separate"),
    ("separa", "it", "separate"),
    ("分离", "zh", "separate separation"),
    ("分け", "ja", "separate separation"),
    ("分離", "ja", "separate separation"),
    ("분리", "ko", "separate separation"),
    ("раздел", "ru", "separate"),
    // Subjects people photograph or write about: skin, birds, animals, plants, food, waste.
    ("haut", "de", "skin"),
    ("piel", "es", "skin"),
    ("peau", "fr", "skin"),
    ("pele", "pt", "skin"),
    ("pelle", "it", "skin"),
    ("皮肤", "zh", "skin"),
    ("皮膚", "ja", "skin"),
    ("피부", "ko", "skin"),
    ("кож", "ru", "skin"),
    ("جلد", "ar", "skin"),
    ("vogel", "de", "bird"),
    ("vögel", "de", "birds"),
    ("pájaro", "es", "bird"),
    ("aves", "es", "birds"),
    ("oiseau", "fr", "bird"),
    ("pássaro", "pt", "bird"),
    ("aves", "pt", "birds"),
    ("uccell", "it", "bird"),
    ("鸟", "zh", "bird"),
    ("鳥", "ja", "bird"),
    ("птиц", "ru", "bird"),
    ("طيور", "ar", "birds"),
    ("tier", "de", "animal"),
    ("animale", "it", "animal"),
    ("动物", "zh", "animal"),
    ("動物", "ja", "animal"),
    ("동물", "ko", "animal"),
    ("животн", "ru", "animal"),
    ("حيوان", "ar", "animal"),
    ("pflanz", "de", "plant"),
    ("planta", "es", "plant"),
    ("plante", "fr", "plant"),
    ("planta", "pt", "plant"),
    ("piant", "it", "plant"),
    ("植物", "zh", "plant"),
    ("植物", "ja", "plant"),
    ("식물", "ko", "plant"),
    ("растени", "ru", "plant"),
    ("نبات", "ar", "plant"),
    ("lebensmittel", "de", "food"),
    ("comida", "es", "food"),
    ("nourriture", "fr", "food"),
    ("comida", "pt", "food"),
    ("cibo", "it", "food"),
    ("食物", "zh", "food"),
    ("料理", "ja", "food recipe"),
    ("음식", "ko", "food"),
    ("еда", "ru", "food"),
    ("طعام", "ar", "food"),
    ("müll", "de", "trash waste"),
    ("abfall", "de", "trash waste"),
    ("basura", "es", "trash waste"),
    ("residuo", "es", "waste"),
    ("poubelle", "fr", "trash waste"),
    ("déchet", "fr", "waste trash"),
    ("lixo", "pt", "trash waste"),
    ("rifiut", "it", "waste trash"),
    ("spazzatura", "it", "trash waste"),
    ("垃圾", "zh", "trash waste"),
    ("ゴミ", "ja", "trash waste"),
    ("ごみ", "ja", "trash waste"),
    ("쓰레기", "ko", "trash waste"),
    ("мусор", "ru", "trash waste"),
    ("отход", "ru", "waste"),
    ("نفايات", "ar", "waste trash"),
    ("قمامة", "ar", "trash waste"),
    // Children (stories, reading apps, safety).
    ("kinder", "de", "kids children"),
    ("niños", "es", "kids children"),
    ("enfants", "fr", "kids children"),
    ("crianças", "pt", "kids children"),
    ("bambini", "it", "kids children"),
    ("儿童", "zh", "kids children"),
    ("孩子", "zh", "kids children"),
    ("子供", "ja", "kids children"),
    ("子ども", "ja", "kids children"),
    ("어린이", "ko", "kids children"),
    ("дети", "ru", "kids children"),
    ("детей", "ru", "kids children"),
    ("детск", "ru", "kids children"),
    ("أطفال", "ar", "kids children"),
    ("الأطفال", "ar", "kids children"),
    // Writing systems: Arabic vowel marks, Chinese classical verse.
    ("تشكيل", "ar", "diacritics diacritization"),
    ("التشكيل", "ar", "diacritics diacritization"),
    ("古诗", "zh", "classical poetry"),
];

/// The everyday words of language `lang` in a request text, longest first, without words
/// contained in a longer match ("البحث" holds "بحث").
pub fn everyday_words_in(text: &str, lang: &str) -> Vec<&'static EverydayWord> {
    let lower = text.to_lowercase();
    let starts = Starts::of(&lower);
    let hits: Vec<&EverydayWord> = EVERYDAY_WORDS.iter().filter(|w| w.1 == lang && occurs(&lower, &starts, w.0)).collect();
    longest_distinct(hits, |w| w.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The glosses found, sorted.
    fn glosses(text: &str, lang: &str) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = everyday_words_in(text, lang).into_iter().map(|w| w.2).collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn words_of_the_requests_language_are_glossed() {
        assert_eq!(glosses("Fotos von Vögeln im Garten sortieren", "de"), vec!["birds", "photo"]);
        assert_eq!(glosses("buscar vídeos de recetas", "es"), vec!["search", "video"]);
        assert_eq!(glosses("给客户评论排序", "zh"), vec!["comments reviews", "rank order"]);
        assert_eq!(glosses("البحث في صور المنتجات", "ar"), vec!["images photo", "search"]);
        assert_eq!(glosses("отзывы о детских книгах", "ru"), vec!["kids children", "reviews"]);
        // Only at a word start, and only the request's language.
        assert!(glosses("ein Tischler", "de").is_empty());
        assert!(glosses("en haut de la page", "fr").is_empty());
        assert!(glosses("детекция объектов", "ru").is_empty());
    }

    #[test]
    fn every_entry_is_lowercase_in_a_known_language_with_a_gloss() {
        for w in EVERYDAY_WORDS {
            assert_eq!(w.0, w.0.to_lowercase(), "{w:?}");
            assert!(crate::knowledge::languages::name(w.1).is_some(), "{w:?}");
            assert!(w.1 != "en" && !w.2.is_empty() && w.2.is_ascii(), "{w:?}");
        }
    }
}
