//! Parameter counts of well-known architecture sizes, for the many Hub repos whose metadata states
//! none ("bert-base-uncased-finetuned-squad", "whisper-small-hi").
//!
//! Why: most of the Hub's long tail are fine-tunes of a handful of base architectures, and a
//! fine-tune keeps its base's size. Without a count, every size or hardware requirement can only
//! say "unknown" for them. The counts are public facts about the architectures; a match is used
//! only when nothing better (metadata, a size in the name or card) is known, and it is recorded as
//! coming from the model id so explanations stay honest.

/// (pattern in the lowercased repo name, parameters). More specific patterns come first.
const FAMILIES: &[(&str, u64)] = &[
    // Multilingual vocabularies and CLIP's text tower make these larger than their backbone
    // name says; they come before the backbone patterns they contain.
    ("distilbert-base-multilingual", 135_000_000),
    ("bert-base-multilingual", 178_000_000),
    ("multilingual-minilm-l12", 118_000_000),
    ("clip-vit-base", 151_000_000),
    ("clip-vit-large", 428_000_000),
    ("whisper-large-v3-turbo", 809_000_000),
    ("whisper-turbo", 809_000_000),
    ("distilbert", 66_000_000),
    ("distilroberta", 82_000_000),
    ("distilgpt2", 82_000_000),
    ("distil-whisper", 756_000_000),
    ("tinybert", 14_500_000),
    ("mobilebert", 25_000_000),
    ("albert-base", 12_000_000),
    ("albert-large", 18_000_000),
    ("xlm-roberta-base", 278_000_000),
    ("xlm-roberta-large", 560_000_000),
    ("roberta-base", 125_000_000),
    ("roberta-large", 355_000_000),
    ("deberta-v3-base", 184_000_000),
    ("deberta-v3-large", 435_000_000),
    ("electra-small", 14_000_000),
    ("electra-base", 110_000_000),
    ("electra-large", 335_000_000),
    ("bert-base", 110_000_000),
    ("bert-large", 340_000_000),
    ("minilm-l6", 22_700_000),
    ("minilm-l12", 33_400_000),
    ("mpnet-base", 109_000_000),
    ("flan-t5-small", 77_000_000),
    ("flan-t5-base", 248_000_000),
    ("flan-t5-large", 783_000_000),
    ("flan-t5-xl", 2_850_000_000),
    ("flan-t5-xxl", 11_300_000_000),
    ("mt5-small", 300_000_000),
    ("mt5-base", 580_000_000),
    ("mt5-large", 1_230_000_000),
    ("t5-small", 60_000_000),
    ("t5-base", 220_000_000),
    ("t5-large", 770_000_000),
    // mBART's 250k-token vocabulary: "mbart-large-50" is not the 406M "bart-large" it contains.
    ("mbart-large", 611_000_000),
    ("bart-base", 140_000_000),
    ("bart-large", 406_000_000),
    ("pegasus-large", 568_000_000),
    ("led-base", 162_000_000),
    ("led-large", 460_000_000),
    ("longformer-base", 149_000_000),
    ("longformer-large", 435_000_000),
    ("bigbird-roberta-base", 128_000_000),
    ("gpt2-medium", 355_000_000),
    ("gpt2-large", 774_000_000),
    ("gpt2-xl", 1_560_000_000),
    ("gpt2", 124_000_000),
    ("opus-mt", 77_000_000),
    ("m2m100_418m", 418_000_000),
    ("m2m100_1.2b", 1_200_000_000),
    ("whisper-tiny", 39_000_000),
    ("whisper-base", 74_000_000),
    ("whisper-small", 244_000_000),
    ("whisper-medium", 769_000_000),
    ("whisper-large", 1_550_000_000),
    ("wav2vec2-base", 95_000_000),
    ("wav2vec2-large", 317_000_000),
    ("wav2vec2-xls-r-300m", 300_000_000),
    ("wav2vec2-xls-r-1b", 1_000_000_000),
    ("hubert-base", 95_000_000),
    ("hubert-large", 316_000_000),
    ("wavlm-base", 95_000_000),
    ("wavlm-large", 316_000_000),
    ("deit-tiny", 5_700_000),
    ("deit-small", 22_000_000),
    ("deit-base", 86_000_000),
    ("vit-base", 86_000_000),
    ("vit-large", 304_000_000),
    ("vit-huge", 632_000_000),
    ("beit-base", 86_000_000),
    ("swin-tiny", 28_000_000),
    ("swin-base", 88_000_000),
    ("convnext-tiny", 28_000_000),
    ("convnext-base", 89_000_000),
    ("detr-resnet-50", 41_000_000),
    ("detr-resnet-101", 60_000_000),
    ("resnet-18", 11_700_000),
    ("resnet18", 11_700_000),
    ("resnet-34", 21_800_000),
    ("resnet34", 21_800_000),
    ("resnet-50", 25_600_000),
    ("resnet50", 25_600_000),
    ("resnet-101", 44_500_000),
    ("resnet101", 44_500_000),
    ("mobilenet_v2", 3_500_000),
    ("mobilenet-v2", 3_500_000),
    ("mobilenetv3_small", 2_500_000),
    ("mobilenetv3_large", 5_500_000),
    ("efficientnet-b0", 5_300_000),
    ("efficientnet_b0", 5_300_000),
    ("yolos-tiny", 6_500_000),
    ("yolos-small", 30_700_000),
    ("segformer-b0", 3_700_000),
    ("segformer-b5", 82_000_000),
];

/// The parameter count of the architecture named in a repo id, if a known one is.
pub fn params_of_family(id: &str) -> Option<u64> {
    let name = id.rsplit('/').next().unwrap_or(id).to_ascii_lowercase();
    // Patterns that are prefixes of others ("detr-resnet-50" vs "resnet-50") rely on order.
    FAMILIES.iter().find(|(pattern, _)| name.contains(pattern)).map(|&(_, p)| p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fine_tunes_inherit_their_base_size() {
        assert_eq!(params_of_family("someone/distilbert-base-uncased-finetuned-sst2"), Some(66_000_000));
        assert_eq!(params_of_family("x/albert-base-v2-squad"), Some(12_000_000));
        assert_eq!(params_of_family("x/xlm-roberta-base-ner"), Some(278_000_000));
        assert_eq!(params_of_family("x/whisper-small-hi"), Some(244_000_000));
        assert_eq!(params_of_family("facebook/detr-resnet-50"), Some(41_000_000));
        assert_eq!(params_of_family("x/flan-t5-base-samsum"), Some(248_000_000));
        assert_eq!(params_of_family("x/my-model"), None);
        // A name that contains a smaller backbone's pattern is read as the larger model.
        assert_eq!(params_of_family("lab/clip-vit-base-patch16-finetuned"), Some(151_000_000));
        assert_eq!(params_of_family("x/bert-base-multilingual-cased-ner"), Some(178_000_000));
        assert_eq!(params_of_family("x/whisper-large-v3-turbo-de"), Some(809_000_000));
        assert_eq!(params_of_family("x/mbart-large-50-finetuned-en-fr"), Some(611_000_000));
        assert_eq!(params_of_family("x/bart-large-finetuned-xsum"), Some(406_000_000));
    }
}
