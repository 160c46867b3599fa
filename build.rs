//! Build script: embeds the NLTK English stop-word list from the `stop-words` crate.
//!
//! Why at build time: the crate's lookup function references every language's list, so linking it
//! puts ~30 languages into the WebAssembly app. Reading the English list here (natively, as a build
//! dependency) and writing it out as a constant keeps the same well-kept source with only the
//! words the engine uses.

use std::io::Write;

fn main() {
    let words = stop_words::lookup("en").expect("the stop-words crate's NLTK English list");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("stop_words_en.rs");
    let mut f = std::fs::File::create(&out).expect("create stop_words_en.rs");
    writeln!(f, "/// NLTK English stop words (from the stop-words crate, at build time).").unwrap();
    writeln!(f, "pub const STOP_WORDS_EN: &[&str] = &{words:?};").unwrap();
    println!("cargo:rerun-if-changed=build.rs");
}
