//! PTMPicker: pick a pretrained model by describing what you need.
//!
//! This crate is the *engine* (plain Rust, no web, file or network imports) shared by the native
//! `index-builder` and the WebAssembly app, plus the app itself behind the `app` feature.
//! Data flows: [`template`] / [`facts`] (what a model and a request are) → [`knowledge`] (what
//! words mean: licenses, languages, devices, domains, units, tasks) → [`analysis`] (words) →
//! [`index`] (BM25F postings, bincode codec) → [`rank`] (BM25F + prior, explanations) and
//! [`constraints`] (license, size, language verdicts) → [`select`] (the paper's Algorithm 1).

pub mod analysis;
pub mod constraints;
pub mod export;
pub mod facts;
pub mod human;
pub mod index;
pub mod knowledge;
pub mod llm;
pub mod rank;
pub mod request_text;
pub mod select;
pub mod template;

#[cfg(feature = "app")]
pub mod app;
