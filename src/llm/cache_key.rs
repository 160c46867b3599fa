//! Cache keys for LLM answers: a small, pure, stable hash (FNV-1a 64, written out here).
//!
//! Why FNV-1a and not `std`'s hasher: the key is stored on disk (CLI) or in browser storage and must
//! be identical across runs, platforms, Rust versions and WASM; `DefaultHasher` promises none of that.
//!
//! A key covers everything that decides an answer: the model (Hub id), the constraint (field +
//! requirement text), the prompt (name, version and a digest of the prompt file, so an edited prompt
//! never serves stale answers even if someone forgets to bump its version), the endpoint and the
//! LLM model name (two servers that both call their model "default" never share answers), and a
//! digest of the rendered input (card text and facts, so a rebuilt index with a changed card is
//! asked again).

use std::fmt;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Incremental FNV-1a 64.
#[derive(Clone, Copy, Debug)]
pub struct Fnv1a64(u64);

impl Default for Fnv1a64 {
    fn default() -> Self {
        Fnv1a64(FNV_OFFSET)
    }
}

impl Fnv1a64 {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(FNV_PRIME);
        }
    }

    /// Writes a length-prefixed string, so ("ab","c") and ("a","bc") hash differently.
    pub fn write_str(&mut self, s: &str) {
        self.write(&(s.len() as u64).to_le_bytes());
        self.write(s.as_bytes());
    }

    pub fn finish(self) -> u64 {
        self.0
    }
}

/// FNV-1a 64 of `bytes`.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h = Fnv1a64::new();
    h.write(bytes);
    h.finish()
}

/// FNV-1a of a whole conversation (every role and text, length-prefixed): the input digest of a
/// prompt rendered with its values and worked examples.
pub fn messages_digest(messages: &[crate::llm::request::ChatMessage]) -> u64 {
    let mut digest = Fnv1a64::new();
    for m in messages {
        digest.write_str(m.role_name());
        digest.write_str(&m.content);
    }
    digest.finish()
}

/// A cache key: 16 lowercase hex digits when shown (safe as a file name or storage key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CacheKey(pub u64);

impl fmt::Display for CacheKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl CacheKey {
    /// Parses the 16-hex-digit form.
    pub fn from_hex(text: &str) -> Option<CacheKey> {
        (text.len() == 16 && text.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| u64::from_str_radix(text, 16).ok().map(CacheKey))
            .flatten()
    }
}

/// Everything an answer depends on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CacheKeyParts<'a> {
    /// Hub id of the model being checked (`org/name`).
    pub model_id: &'a str,
    /// The template field of the requirement (`license`, `biases`, …).
    pub field: &'a str,
    /// The developer's requirement text.
    pub requirement: &'a str,
    pub prompt_name: &'a str,
    pub prompt_version: u32,
    /// FNV-1a of the whole prompt file.
    pub prompt_digest: u64,
    /// The endpoint asked ([`crate::llm::session::Endpoint::cache_identity`]).
    pub endpoint: &'a str,
    /// The LLM model name the endpoint is asked for.
    pub llm_model: &'a str,
    /// FNV-1a of the rendered input (card text, facts); 0 when not applicable.
    pub input_digest: u64,
}

impl CacheKeyParts<'_> {
    pub fn key(&self) -> CacheKey {
        let mut h = Fnv1a64::new();
        h.write_str("ptmpicker-llm-cache/2");
        h.write_str(self.model_id);
        h.write_str(self.field);
        h.write_str(self.requirement.trim());
        h.write_str(self.prompt_name);
        h.write(&self.prompt_version.to_le_bytes());
        h.write(&self.prompt_digest.to_le_bytes());
        h.write_str(self.endpoint);
        h.write_str(self.llm_model);
        h.write(&self.input_digest.to_le_bytes());
        CacheKey(h.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_reference_vectors() {
        // Reference values of the FNV-1a 64-bit test suite.
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
    }

    fn parts() -> CacheKeyParts<'static> {
        CacheKeyParts {
            model_id: "org/model",
            field: "license",
            requirement: "commercial use",
            prompt_name: "license_check",
            prompt_version: 1,
            prompt_digest: 7,
            endpoint: "http://127.0.0.1:8090/v1",
            llm_model: "smollm2",
            input_digest: 9,
        }
    }

    #[test]
    fn every_part_changes_the_key_and_the_key_is_stable() {
        let base = parts().key();
        assert_eq!(base, parts().key());
        let variants = [
            CacheKeyParts { model_id: "org/other", ..parts() },
            CacheKeyParts { field: "biases", ..parts() },
            CacheKeyParts { requirement: "research only", ..parts() },
            CacheKeyParts { prompt_name: "special_constraint", ..parts() },
            CacheKeyParts { prompt_version: 2, ..parts() },
            CacheKeyParts { prompt_digest: 8, ..parts() },
            CacheKeyParts { llm_model: "qwen", ..parts() },
            CacheKeyParts { endpoint: "http://127.0.0.1:8091/v1", ..parts() },
            CacheKeyParts { input_digest: 10, ..parts() },
        ];
        for v in variants {
            assert_ne!(v.key(), base, "{v:?}");
        }
        // Surrounding whitespace of the requirement does not matter.
        assert_eq!(CacheKeyParts { requirement: "  commercial use ", ..parts() }.key(), base);
    }

    #[test]
    fn length_prefix_separates_parts() {
        let a = CacheKeyParts { model_id: "ab", field: "c", ..parts() }.key();
        let b = CacheKeyParts { model_id: "a", field: "bc", ..parts() }.key();
        assert_ne!(a, b);
    }

    #[test]
    fn hex_round_trip() {
        let k = parts().key();
        let hex = k.to_string();
        assert_eq!(hex.len(), 16);
        assert_eq!(CacheKey::from_hex(&hex), Some(k));
        assert_eq!(CacheKey::from_hex("xyz"), None);
        assert_eq!(CacheKey::from_hex("00000000000000000"), None);
        assert_eq!(CacheKey(0xab).to_string(), "00000000000000ab");
    }
}
