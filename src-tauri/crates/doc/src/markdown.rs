//! Markdown (CommonMark + GFM tables, footnotes, strikethrough, smart punctuation) parsed into
//! a [`Document`](crate::Document), with problems reported as [`Diagnostic`]s that point at the
//! source. To be written (issue 3).
