//! The application: every use case of hailong as a plain function on a fully resolved request,
//! returning plain results or an [`AppError`].
//!
//! The command line (`cli/`) and any other front-end parse their input into these requests,
//! call one function, and render what it returns. Nothing here prints, parses arguments or
//! speaks HTTP, and nothing here formats a figure for display: results hold numbers.

pub mod ballot;
pub mod criteria;
pub mod demo;
pub mod error;
pub mod export;
pub mod import;
pub mod output;
pub mod pack;
pub mod photos;
pub mod province;
pub mod repair;
pub mod review;
pub mod score;
pub mod template;
pub mod users;

pub use error::AppError;
