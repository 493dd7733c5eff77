//! Excel output for people: the error list to fix from (and, later, the dossier's appendices).
//!
//! Everything written here is read by people in Excel: Vietnamese headers, Times New Roman, A4.
//! This layer reads reports and scores; it never changes the workspace.

pub mod commune;
pub mod errors;
pub mod look;
pub mod metrics;
mod metrics_table;
pub mod pack;
pub mod print;
pub mod province;
pub mod readiness;
