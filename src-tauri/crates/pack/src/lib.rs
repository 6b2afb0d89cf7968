//! Compiling papers into PDFs: a meeting's agenda pack (plan, generated documents, pagination,
//! editions, supplements) and single documents rendered alone.
//!
//! Invariant: everything here is a pure function of its inputs (bundle, options, fonts); the
//! caller supplies the date of publication and does all I/O.

pub mod render;
