//! hailong: residents' satisfaction surveys of Vietnam's new-rural programme (NTM), from the
//! spreadsheets communes send to scores, verdicts and the dossier's appendices.
//!
//! Layers, each depending only on those before it: [`rules`] (rule packs as data) → [`ingest`]
//! (spreadsheets to ballots) → [`store`] (the workspace on disk) → [`score`] (aggregation and
//! verdicts). [`model`] holds the plain domain types; [`num`] the exact rates; [`cli`] the
//! commands.

pub mod app;
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
