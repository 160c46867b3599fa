//! Property tests: no byte string makes the index decoder panic, and damaged valid indexes are
//! rejected with a typed error (or, when a mutation happens to keep the file valid, still searchable).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use ptmpicker::facts::{ModelFacts, ModelInstance, Source};
use ptmpicker::index::{codec, decode, encode, IndexWriter};
use ptmpicker::select::Engine;
use ptmpicker::template::{Field, Template};

fn sample_index() -> Vec<u8> {
    let mut w = IndexWriter::new("props");
    for (i, (id, task, text)) in [
        ("openai/whisper-small", "automatic-speech-recognition", "transcribes speech in many languages"),
        ("dslim/bert-base-NER", "token-classification", "finds people, places and organisations"),
        ("org/tiny-sentiment", "text-classification", "tells positive from negative reviews"),
    ]
    .iter()
    .enumerate()
    {
        let mut m = ModelInstance {
            id: id.to_string(),
            facts: ModelFacts {
                task: Some(task.to_string()),
                license: Some("mit".into()),
                params: Some(1000 + i as u64),
                languages: vec!["en".into()],
                downloads: 10,
                ..Default::default()
            },
            ..Default::default()
        };
        m.put(Field::Function, text.to_string(), Source::CardText);
        m.keywords.push("pytorch".into());
        w.add(&m);
    }
    encode(&w.finish())
}

/// Re-frames a payload with a correct header so mutations reach bincode and the validator.
fn reframe(payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(codec::MAGIC);
    out.extend_from_slice(&codec::FORMAT_VERSION.to_le_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&crc32fast_hash(payload).to_le_bytes());
    out.extend_from_slice(payload);
    out
}

fn crc32fast_hash(bytes: &[u8]) -> u32 {
    // Same CRC-32 (IEEE) as the codec; written out so the test doesn't depend on crate internals.
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn exercise(bytes: &[u8]) {
    if let Ok(index) = decode(bytes) {
        let mut engine = Engine::new(index);
        let req = Template { function: Some("transcribe speech".into()), license: Some("mit".into()), ..Default::default() };
        let _ = engine.select(&req, 10);
        for d in 0..engine.index.doc_count() as u32 {
            let _ = engine.index.facts(d);
            let _ = engine.index.doc_fields(d).count();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        exercise(&bytes);
        let mut framed = bytes.clone();
        framed.splice(0..0, codec::MAGIC.iter().copied());
        exercise(&framed);
        exercise(&reframe(&bytes));
    }

    #[test]
    fn mutated_payloads_never_panic(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8), cut in any::<prop::sample::Index>()) {
        let valid = sample_index();
        let mut payload = valid[codec::HEADER_LEN..].to_vec();
        for (at, value) in flips {
            let i = at.index(payload.len());
            payload[i] = value;
        }
        exercise(&reframe(&payload));
        let keep = cut.index(payload.len());
        exercise(&reframe(&payload[..keep]));
        exercise(&valid[..cut.index(valid.len())]);
    }

    /// A document shard that lies (its CRC fixed up, so only the decoder and `validate_part`
    /// stand between it and `doc_fields`) is refused with a typed error or installed and readable.
    #[test]
    fn mutated_document_shards_never_panic(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8), cut in any::<prop::sample::Index>()) {
        let full = decode(&sample_index()).expect("valid");
        let split = ptmpicker::index::shards::split(&full, 8);
        let first_doc_shard = split.manifest.postings_len();
        for s in first_doc_shard..split.manifest.len() {
            let mut bytes = split.shards[s].clone();
            for (at, value) in &flips {
                if !bytes.is_empty() {
                    let i = at.index(bytes.len());
                    bytes[i] = *value;
                }
            }
            for candidate in [bytes.clone(), bytes[..cut.index(bytes.len().max(1)).min(bytes.len())].to_vec()] {
                let mut head = decode(&encode(&split.head)).expect("a head decodes");
                let mut manifest = split.manifest.clone();
                manifest.crc[s] = crc32fast_hash(&candidate);
                if ptmpicker::index::shards::install(&mut head, &manifest, s, &candidate).is_ok() {
                    for d in 0..head.doc_count() as u32 {
                        let _ = head.facts(d);
                        let _ = head.doc_fields(d).count();
                    }
                }
            }
        }
    }
}

#[test]
fn the_sample_index_round_trips() {
    let index = decode(&sample_index()).expect("valid");
    assert_eq!(index.doc_count(), 3);
    let mut engine = Engine::new(index);
    let req = Template { function: Some("transcribe speech".into()), ..Default::default() };
    let sel = engine.select(&req, 3);
    assert_eq!(sel.results[0].id, "openai/whisper-small");
}
