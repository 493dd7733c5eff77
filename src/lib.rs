//! hailong: residents' satisfaction surveys of Vietnam's new-rural programme (NTM), from the
//! spreadsheets communes send to scores, verdicts and the dossier's appendices.
//!
//! Front-ends ([`cli`], [`web`]) parse and render; [`app`] holds every use case as a function
//! on a resolved request. Below it, each layer depends only on those before it: [`rules`] (rule
//! packs as data) → [`ingest`] (spreadsheets to ballots) → [`store`] (the workspace on disk);
//! [`score`] computes on plain data the app loads from the store, and [`dossier`] lays out
//! workbooks. [`model`] holds the plain domain types, [`num`] exact rates, [`i18n`] every word
//! in both languages.

pub mod app;
pub mod ballot;
pub mod cli;
pub mod date;
pub mod dossier;
pub mod i18n;
pub mod ingest;
pub mod interrupt;
pub mod layout;
pub mod model;
pub mod num;
pub mod rules;
pub mod score;
pub mod store;
pub mod template;
pub mod text;
pub mod web;
