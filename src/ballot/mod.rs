//! Paper ballots hailong prints itself so that it can read them back (issue 25): the printed
//! id ([`id`]), the page geometry ([`layout`]), one drawing list per page ([`draw`]) drawn
//! either as PDF ([`pdf`]) or as pixels ([`raster`]).
//!
//! Everything here is a pure function of the form, the id and the area name; nothing reads or
//! writes the workspace (that is `store::ballots`), and nothing prints or reads a household's
//! name: serials are not tied to households. The `image`, `qrcode`, `ab_glyph` and `krilla`
//! crates stay inside this module (the reader in `ingest::omr` uses `image` for decoding).

pub mod draw;
pub mod font;
pub mod id;
pub mod layout;
pub mod pdf;
pub mod raster;

pub use id::{BallotId, IdError};
pub use layout::{BallotLayout, ItemBoxes, LayoutError, Rect, layout_for};
pub use raster::render_page;
