//! Names of programming languages, as requests write them ("Python 2", "C#", "TypeScript").
//!
//! Why: "translate our Python 2 scripts into Python 3" and "port this Java code to Kotlin" use
//! the words of translation, but their two sides are programming languages: the need is a code
//! model, not a machine-translation model. Intent detection counts the mentions
//! ([`code_language_mentions`]); two or more mean the text is about code on both sides.
//! Names that are everyday words on their own ("go", "rust", "swift", "r", "ruby") are read only
//! with a code word beside them ("Go code", "Rust crate", "Swift app") — see [`CODE_NOUNS`].

use super::contains_phrase;

/// Names read wherever they occur as whole words (lowercase).
pub const PROGRAMMING_LANGUAGES: &[&str] = &[
    "python",
    "java",
    "javascript",
    "typescript",
    "kotlin",
    "c++",
    "cpp",
    "c#",
    "csharp",
    "php",
    "scala",
    "haskell",
    "perl",
    "matlab",
    "fortran",
    "cobol",
    "lua",
    "dart",
    "julia",
    "elixir",
    "erlang",
    "clojure",
    "objective-c",
    "vb.net",
    "powershell",
    "bash",
    "sql",
    "solidity",
    "verilog",
    "vhdl",
    "assembly",
    "pascal",
    "groovy",
    "f#",
    "ocaml",
    "zig",
    "nim",
    "golang",
];

/// Names that are also everyday words: read only when a code noun follows.
pub const AMBIGUOUS_PROGRAMMING_LANGUAGES: &[&str] = &["go", "rust", "swift", "ruby", "r", "c", "crystal", "elm"];

/// Words that make an ambiguous name a programming language when they follow it.
pub const CODE_NOUNS: &[&str] = &["code", "codebase", "scripts", "script", "programs", "program", "crate", "app", "library", "functions"];

/// How many times the lowercase `text` names a programming language ("python 2 … python 3" is
/// two).
pub fn code_language_mentions(lower: &str) -> usize {
    let words: Vec<&str> = lower.split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '(' | ')')).collect();
    let mut n = 0;
    for (i, w) in words.iter().enumerate() {
        // The next word is looked for only after an ambiguous name: this runs on every request.
        let ambiguous_with_code_noun = AMBIGUOUS_PROGRAMMING_LANGUAGES.contains(w)
            && words[i + 1..].iter().find(|w| !w.is_empty() && w.chars().all(char::is_alphabetic)).is_some_and(|n| CODE_NOUNS.contains(n));
        if PROGRAMMING_LANGUAGES.contains(w) || ambiguous_with_code_noun {
            n += 1;
        }
    }
    // Two-word names.
    n + ["visual basic"].iter().filter(|p| contains_phrase(lower, p)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_counted_and_everyday_words_need_a_code_noun() {
        assert_eq!(code_language_mentions("translate our python 2 scripts into python 3"), 2);
        assert_eq!(code_language_mentions("port this java code to kotlin"), 2);
        assert_eq!(code_language_mentions("rewrite the c# service in go code"), 2);
        assert_eq!(code_language_mentions("remove rust from photos of old cars and go home"), 0);
        assert_eq!(code_language_mentions("translate the comments of our python code from chinese to english"), 1);
    }
}
