//! Pictures of drawings (DrawingML `w:drawing`, VML `w:pict`/`w:object`) taken from the
//! package with their alt text (`docPr/@descr`) and decorative flag, and text boxes flattened
//! into blocks after their paragraph. Only PNG and JPEG are kept: anything else, and pictures
//! over [`MAX_PICTURE`](crate::package::MAX_PICTURE), become a warning.

use crate::convert::Reader;
use crate::package::{Fetched, MAX_PICTURE};
use crate::render::Seg;
use crate::xml::{short, Element};
use crate::DocxMedia;

const TEXT_BOX: &str = "Text boxes were flattened into the text after the paragraph that holds them.";

pub fn drawing(r: &mut Reader, el: &Element, segs: &mut Vec<Seg>) {
    text_boxes(r, el);
    let doc_pr = el.find("wp:docPr");
    let descr = doc_pr.and_then(|d| d.attr("descr")).filter(|s| !s.trim().is_empty());
    let title = doc_pr.and_then(|d| d.attr("title")).filter(|s| !s.trim().is_empty());
    let decorative = doc_pr
        .and_then(|d| d.find("adec:decorative"))
        .is_some_and(|d| matches!(d.attr("val"), Some("1" | "true")));
    let alt = descr.or(title).map(str::to_string);
    let mut blips = Vec::new();
    el.find_all("a:blip", &mut blips);
    for blip in blips {
        if let Some(id) = blip.attr("r:embed") {
            if let Some(md) = picture(r, id, alt.clone(), decorative) {
                segs.push(Seg::Raw(md));
            }
        } else if blip.attr("r:link").is_some() {
            r.warn("A picture linked from outside the document (not embedded) was left out.");
        }
    }
    if el.find("c:chart").is_some() {
        r.warn("A chart was left out: Word stores no picture of it; paste it as a picture instead.");
    }
}

pub fn vml(r: &mut Reader, el: &Element, segs: &mut Vec<Seg>) {
    text_boxes(r, el);
    let mut images = Vec::new();
    el.find_all("v:imagedata", &mut images);
    let alt = el.find("v:shape").and_then(|s| s.attr("alt")).filter(|s| !s.trim().is_empty()).map(str::to_string);
    for img in images {
        if let Some(id) = img.attr("r:id") {
            if let Some(md) = picture(r, id, alt.clone(), false) {
                segs.push(Seg::Raw(md));
            }
        }
    }
}

fn text_boxes(r: &mut Reader, el: &Element) {
    let mut boxes = Vec::new();
    el.find_all("w:txbxContent", &mut boxes);
    for b in boxes {
        r.warn(TEXT_BOX);
        let blocks = r.blocks(b);
        r.pending.extend(blocks);
    }
}

enum Kind {
    Png,
    Jpeg,
    Metafile,
    Other,
}

fn sniff(b: &[u8]) -> Kind {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Kind::Png
    } else if b.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Kind::Jpeg
    } else if b.get(40..44) == Some(b" EMF") || b.starts_with(&[0xD7, 0xCD, 0xC6, 0x9A]) || b.starts_with(&[1, 0, 9, 0]) || b.starts_with(&[2, 0, 9, 0]) {
        Kind::Metafile
    } else {
        Kind::Other
    }
}

/// The Markdown of one picture, taking its bytes into the media list the first time.
fn picture(r: &mut Reader, id: &str, alt: Option<String>, decorative: bool) -> Option<String> {
    let rel = r.rels.get(id)?.clone();
    if rel.external {
        r.warn("A picture linked from outside the document (not embedded) was left out.");
        return None;
    }
    let name = match r.media_parts.get(&rel.target) {
        Some(n) => n.clone(),
        None => {
            let file = rel.target.rsplit('/').next().unwrap_or("picture").to_string();
            let bytes = match r.pkg.fetch(&rel.target, MAX_PICTURE) {
                Ok(Fetched::Bytes(b)) => b,
                Ok(Fetched::TooLarge(n)) => {
                    r.extra_warnings.push(format!(
                        "The picture {} ({} MB) is larger than the {} MB a picture may be and was left out.",
                        short(&file),
                        n / (1024 * 1024),
                        MAX_PICTURE / (1024 * 1024)
                    ));
                    return None;
                }
                Ok(Fetched::Missing) => {
                    r.extra_warnings.push(format!("The picture {} is missing from the document and was left out.", short(&file)));
                    return None;
                }
                Err(e) => {
                    r.extra_warnings.push(format!("The picture {} was left out: {e}", short(&file)));
                    return None;
                }
            };
            match sniff(&bytes) {
                Kind::Png | Kind::Jpeg => {}
                Kind::Metafile => {
                    r.extra_warnings.push(format!(
                        "The picture {} is a Windows metafile (EMF/WMF), which cannot be drawn, and was left out; save it as PNG.",
                        short(&file)
                    ));
                    return None;
                }
                Kind::Other => {
                    r.extra_warnings.push(format!("The picture {} is not PNG or JPEG and was left out.", short(&file)));
                    return None;
                }
            }
            let mut name = file.clone();
            let mut n = 1;
            while r.media.iter().any(|m| m.name == name) {
                n += 1;
                name = format!("{n}-{file}");
            }
            r.media.push(DocxMedia { name: name.clone(), bytes, alt: alt.clone(), decorative });
            r.media_parts.insert(rel.target.clone(), name.clone());
            name
        }
    };
    let text = if decorative {
        "decorative".to_string()
    } else {
        alt.as_deref().map(alt_escape).unwrap_or_default()
    };
    Some(format!("![{text}](media:{name})"))
}

fn alt_escape(alt: &str) -> String {
    crate::render::escape(&alt.replace(['\n', '\r'], " "))
}
