//! `agendapack render FILE.md --out FILE.pdf`: one Markdown document to PDF, so an author can
//! check a report before it goes into a pack. This module does the I/O (reading the Markdown
//! and its images, writing the PDF, printing diagnostics as `FILE:line:column: warning:
//! message`); the rendering itself is `agendapack_pack::render`.
//!
//! Images are looked up relative to the Markdown file's folder, then in `assets/` under the
//! current directory; only PNG and JPEG files are accepted.

use std::fs;
use std::path::{Path, PathBuf};

use agendapack_pack::render::{render_markdown, RenderOptions};
use clap::Args;

use super::{CliError, CliResult};

/// Images larger than this are treated as missing rather than read into memory.
const MAX_IMAGE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Args)]
pub struct RenderArgs {
    #[arg(value_name = "FILE.md")]
    pub file: PathBuf,
    #[arg(long, value_name = "FILE.pdf")]
    pub out: PathBuf,
}

pub fn run(args: &RenderArgs) -> CliResult {
    let shown = args.file.display().to_string();
    let bytes = fs::read(&args.file).map_err(|e| CliError(format!("could not read {shown}: {}.", plain_io(&e))))?;
    let source = String::from_utf8(bytes).map_err(|e| {
        CliError(format!("{shown} is not UTF-8 text (invalid byte at offset {}); save it as UTF-8 and try again.", e.utf8_error().valid_up_to()))
    })?;
    let stem = args.file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let folder = args.file.parent().map(Path::to_path_buf).unwrap_or_default();
    let resolve = |src: &str| resolve_image(&folder, src);
    let mut options = RenderOptions::new(&stem);
    options.resolve_image = &resolve;
    let rendered = render_markdown(&source, &options)?;
    for d in &rendered.diagnostics {
        eprintln!("{shown}:{}:{}: {}: {}", d.line, d.column, d.severity, d.message);
    }
    let out = args.out.display();
    crate::atomic_file::write(&args.out, &rendered.pdf).map_err(|e| CliError(format!("{e}.")))?;
    println!("wrote {out} ({})", super::plural::plural(rendered.pages, "page"));
    Ok(())
}

/// The bytes of a PNG or JPEG named by `src`, from the Markdown's folder or `assets/`.
fn resolve_image(folder: &Path, src: &str) -> Option<Vec<u8>> {
    let relative = Path::new(src);
    [folder.join(relative), Path::new("assets").join(relative)].into_iter().find_map(|path| {
        let size = fs::metadata(&path).ok()?.len();
        if size > MAX_IMAGE_BYTES {
            return None;
        }
        let bytes = fs::read(&path).ok()?;
        let png = bytes.starts_with(b"\x89PNG\r\n\x1a\n");
        let jpeg = bytes.starts_with(&[0xFF, 0xD8, 0xFF]);
        (png || jpeg).then_some(bytes)
    })
}

/// An I/O error as words for a sentence ("No such file or directory"), without the
/// "(os error 2)" suffix.
fn plain_io(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_lowercase(),
        None => text.to_lowercase(),
    }
}
