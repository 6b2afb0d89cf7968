//! Layout: document trees in, pages of positioned items out.
//!
//! The output ([`LaidOut`], [`Page`], [`Placed`]) is the contract with the PDF writer, which
//! makes no layout decisions of its own: every glyph, rule and image arrives here with its final
//! position. Each placed item knows what it is ([`Tag`]), so that a tagged PDF can be written
//! without laying out again.
//!
//! Units are PostScript points (1/72 inch). The origin is the **top-left** corner of the page,
//! y grows downwards; the PDF writer flips to PDF's bottom-left origin.
//!
//! Invariant: layout never sees a database, a clock or a file path; fonts come compiled in.

pub mod fonts;
mod types;

pub use types::*;
