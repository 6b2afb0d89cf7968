//! Compiling papers into PDFs: a meeting's agenda pack (plan, generated documents, pagination,
//! editions, supplements) and single documents rendered alone.
//!
//! Invariant: everything here is a pure function of its inputs (bundle, options, fonts); the
//! caller supplies the date of publication and does all I/O.

pub mod agenda;
mod clearance;
mod compile;
pub mod cover;
pub mod forward_plan;
pub mod furniture;
pub mod minutes;
pub mod minutes_pdf;
pub mod notice;
mod paper_checks;
pub mod paginate;
pub mod plan;
pub mod programme;
pub mod render;
pub mod signoffs;
pub mod standalone;
pub mod standing;
mod text;
pub mod tracker;
#[cfg(test)]
mod testdata;

pub use plan::{plan, Edition, PackOptions, PackPlan};
pub use compile::{
    build, build_threads, build_with, check_attachment, lay_out_pack, prepare_fonts, threads_from_env, BuiltPack, ItemRange, PackError, PackTypesetter,
    THREADS_VARIABLE,
};
