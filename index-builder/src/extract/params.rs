//! The numbers behind extraction: how much of a card is read, how long a field may be, how a
//! mixture-of-experts name is sized, which parameter counts are plausible.
//!
//! Why knobs: each is a judgement with a reason, and `index-builder build --param extract.<name>=…`
//! shows what a different judgement changes in the index without a rebuild of the tool.

ptmpicker::knobs! {
    /// Extraction knobs (`--param extract.<name>=value` on `build`).
    pub struct ExtractParams {
        /// Card bytes read at all (real cards are < 60 KB; the cap bounds the work a hostile 5 MB
        /// card can cause). 0 → cards are ignored; huge → a hostile card costs seconds.
        max_card_bytes: usize = 200 * 1024,
        /// Bytes of card prose (code left out) that sentence rules scan (hardware, costs,
        /// copyright, derivation). 0 → only sections and metadata fill those; huge → slower builds.
        scan_bytes: usize = 100 * 1024,
        /// Bytes of card prose searched for a stated parameter count when the id and description
        /// name none. 0 → only ids and descriptions; huge → counts of *other* models get read.
        size_scan_bytes: usize = 20_000,
        /// Bytes of card prose searched for the width the card states for its own weights ("uses
        /// the Q4_K_M GGUF quantization"). 0 → only ids, libraries and lead paragraphs; huge →
        /// widths of files in other repositories (links, comparisons) get read.
        quant_scan_bytes: usize = 4000,
        /// Longest value of any field, in characters (BM25F length norms and the page both suffer
        /// from walls of text). Small → facts get cut; huge → whole sections land in the index.
        field_max: usize = 1000,
        /// Longest description (`function`) and demo, in characters. Small → the description
        /// loses its second sentence; huge → the description becomes the whole intro.
        short_max: usize = 600,
        /// The description collects lead paragraphs until it has this many characters.
        /// 0 → only the first paragraph; large → up to `short_max`.
        description_target_chars: usize = 300,
        /// Share of a dense model's parameters a mixture-of-experts replicates per expert: only
        /// the feed-forward blocks (≈78% of a Mistral/Llama-style model) are, so `8x7B` ≈ 45B
        /// (Mixtral reports 46.7B). 0 → experts are free (8x7B = 7B); 1 → 8x7B = 56B.
        moe_expert_share: f64 = 0.78,
        /// Smallest parameter count believed from a name or text ("bert-100k" is a step count).
        /// 0 → any number is a size; large → small models get no size.
        min_params: f64 = 1e5,
        /// Largest parameter count believed (10T). Small → big models get no size; huge → typos
        /// ("1000000B") become sizes.
        max_params: f64 = 1e13,
        /// A model trained on more datasets than this is general-purpose: its datasets say
        /// nothing about its domain. 0 → datasets never name a domain; large → they always do.
        domain_max_datasets: usize = 3,
        /// Downloads a catalog model needs before a card that states no base is taken to be
        /// fine-tuned from it because its id carries that model's name ("…/opt-6.7b-erebus").
        /// 0 → any upload of the name counts (stray copies become bases); huge → never.
        id_base_min_downloads: usize = 1000,
        /// How many times more than the catalog model its id contains a model may be downloaded
        /// and still be taken for that model's fine-tune: far more downloads make it the original
        /// of a longer name (`bert-base-uncased` is no fine-tune of a `bert-base` upload), while
        /// popular fine-tunes (`flan-t5-large` of `t5-large`) stay near their base.
        /// 0 → an id never names a less downloaded base; huge → download counts are ignored.
        id_base_max_download_ratio: usize = 10,
    }
}

impl ExtractParams {
    /// Sets one knob from `name=value` (the names of [`ExtractParams::KNOBS`]).
    pub fn set(&mut self, assignment: &str) -> Result<(), ptmpicker::rank::knobs::KnobError> {
        let (name, value) = ptmpicker::rank::knobs::parse_assignment(assignment)?;
        let name = name.strip_prefix("extract.").unwrap_or(name);
        if self.set_knob(name, value) {
            Ok(())
        } else {
            Err(ptmpicker::rank::knobs::KnobError::Unknown {
                name: name.to_string(),
                known: ptmpicker::rank::knobs::names("extract.", ExtractParams::KNOBS),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_knob_is_settable_and_explained() {
        let mut p = ExtractParams::default();
        for k in ExtractParams::KNOBS {
            p.set(&format!("extract.{}=5", k.name)).unwrap();
            assert!(k.reason.contains('→'), "{}: say what the extremes do", k.name);
        }
        assert_eq!((p.field_max, p.moe_expert_share), (5, 5.0));
        assert!(p.set("extract.nope=1").is_err());
    }
}
