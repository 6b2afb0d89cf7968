//! Images: decodes the PNG and JPEG data of placed images, downsamples anything finer than
//! [`MAX_DPI`] at its largest placed size, and embeds each distinct image once as an image
//! XObject (`/APIm<key>`, [`resource_key`], see [`crate::RESOURCE_PREFIX`]), with a soft mask when a PNG has real transparency.
//!
//! JPEGs that need no downsampling go in as they are (`DCTDecode`), so they are never
//! re-compressed. It deliberately does not colour-manage (sRGB data is written as DeviceRGB)
//! and does not crop or rotate: layout gives the final rectangle.

use std::collections::BTreeMap;
use std::sync::Arc;

use agendapack_layout::{Page, Placed};
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};
use sha2::{Digest, Sha256};

use crate::stream::flate;

/// The finest resolution kept, in pixels per inch at the image's largest placed size.
pub const MAX_DPI: f32 = 200.0;

/// The most pixels an image may have to be decoded (issue 10): 40 megapixels is 120 MB of
/// RGB, far above any photo a report needs, and stops a small file that claims to be huge.
/// Checked against the size in the PNG or JPEG header before any pixel buffer is allocated
/// (issue 14: a 68-byte PNG claiming 100000 x 100000 asked for 30 GB).
pub const MAX_IMAGE_PIXELS: usize = 40_000_000;

#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("image {index} is neither PNG nor JPEG.")]
    UnknownFormat { index: usize },
    #[error("image {index} could not be decoded ({reason}).")]
    Undecodable { index: usize, reason: String },
    #[error("image {index} is {width} x {height} pixels, more than the 40 million pixels an image may have; make it smaller and add it again.")]
    TooLarge { index: usize, width: usize, height: usize },
}

struct Entry {
    data: Arc<Vec<u8>>,
    /// The name's key ([`resource_key`]).
    key: String,
    /// Largest placed size, in points.
    width: f32,
    height: f32,
}

/// The distinct images of a document, in order of first appearance.
pub(crate) struct ImageSet {
    entries: Vec<Entry>,
}

/// The key of an image's resource name, `/<prefix>Im<key>`: the first 8 bytes of the SHA-256 of
/// its bytes, in hex. It depends on the image alone, so a page can be written before the
/// document's other images are known ([`crate::draw_ahead`]), and identical bytes behind
/// different `Arc`s are one image.
pub(crate) fn resource_key(data: &[u8]) -> String {
    Sha256::digest(data)[..8].iter().map(|b| format!("{b:02x}")).collect()
}

impl ImageSet {
    pub fn collect(pages: &[Page]) -> ImageSet {
        let mut by_pointer: BTreeMap<usize, usize> = BTreeMap::new();
        let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
        let mut entries: Vec<Entry> = Vec::new();
        let mut add = |data: &Arc<Vec<u8>>, rect: agendapack_layout::Rect| {
            let pointer = Arc::as_ptr(data) as usize;
            let index = *by_pointer.entry(pointer).or_insert_with(|| {
                let key = resource_key(data);
                *by_key.entry(key.clone()).or_insert_with(|| {
                    entries.push(Entry { data: data.clone(), key, width: 0.0, height: 0.0 });
                    entries.len() - 1
                })
            });
            let entry = &mut entries[index];
            entry.width = entry.width.max(rect.width.abs());
            entry.height = entry.height.max(rect.height.abs());
        };
        for page in pages {
            for (data, rect) in page.drawn.iter().flat_map(|d| &d.images) {
                add(data, *rect);
            }
            for item in &page.items {
                if let Placed::Image(image) = item {
                    add(&image.data, image.rect);
                }
            }
        }
        ImageSet { entries }
    }

    /// Writes every image; returns the `/XObject` resource dictionary.
    pub fn embed(&self, doc: &mut Document, level: u32) -> Result<Dictionary, ImageError> {
        let mut resources = Dictionary::new();
        for (index, entry) in self.entries.iter().enumerate() {
            let id = embed_one(doc, index, entry, level)?;
            resources.set(format!("{}Im{}", crate::RESOURCE_PREFIX, entry.key).into_bytes(), Object::Reference(id));
        }
        Ok(resources)
    }
}

/// Decoded 8-bit pixels: 1 (grey) or 3 (RGB) colour channels, and an optional alpha plane.
struct Pixels {
    width: usize,
    height: usize,
    channels: usize,
    color: Vec<u8>,
    alpha: Option<Vec<u8>>,
}

fn embed_one(doc: &mut Document, index: usize, entry: &Entry, level: u32) -> Result<ObjectId, ImageError> {
    let bytes = entry.data.as_slice();
    let undecodable = |reason: String| ImageError::Undecodable { index, reason };
    let target = |pt: f32| ((pt / 72.0 * MAX_DPI).ceil() as usize).max(1);
    let (target_w, target_h) = (target(entry.width), target(entry.height));

    let pixels = if bytes.starts_with(&[0xff, 0xd8]) {
        let (width, height, components) = jpeg_header(bytes).map_err(undecodable)?;
        within_limit(index, width, height)?;
        // CMYK JPEGs are decoded to RGB: their inverted-Adobe variants would need extra care.
        if components != 4 && !needs_downsample(width, height, target_w, target_h) {
            let space = if components == 1 { "DeviceGray" } else { "DeviceRGB" };
            let dict = dictionary! {
                "Type" => "XObject",
                "Subtype" => "Image",
                "Width" => width as i64,
                "Height" => height as i64,
                "ColorSpace" => space,
                "BitsPerComponent" => 8,
                "Filter" => "DCTDecode",
            };
            return Ok(doc.add_object(Stream::new(dict, bytes.to_vec()).with_compression(false)));
        }
        decode_jpeg(bytes).map_err(undecodable)?
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        decode_png(index, bytes)?
    } else {
        return Err(ImageError::UnknownFormat { index });
    };

    let pixels = if needs_downsample(pixels.width, pixels.height, target_w, target_h) {
        downsample(&pixels, target_w, target_h)
    } else {
        pixels
    };
    let smask = match &pixels.alpha {
        Some(alpha) => {
            let dict = dictionary! {
                "Type" => "XObject",
                "Subtype" => "Image",
                "Width" => pixels.width as i64,
                "Height" => pixels.height as i64,
                "ColorSpace" => "DeviceGray",
                "BitsPerComponent" => 8,
                "Filter" => "FlateDecode",
            };
            Some(doc.add_object(Stream::new(dict, flate(alpha, level)).with_compression(false)))
        }
        None => None,
    };
    let space = if pixels.channels == 1 { "DeviceGray" } else { "DeviceRGB" };
    let mut dict = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => pixels.width as i64,
        "Height" => pixels.height as i64,
        "ColorSpace" => space,
        "BitsPerComponent" => 8,
        "Filter" => "FlateDecode",
    };
    if let Some(mask) = smask {
        dict.set("SMask", mask);
    }
    Ok(doc.add_object(Stream::new(dict, flate(&pixels.color, level)).with_compression(false)))
}

/// True when the image has more pixels than [`MAX_DPI`] needs in both directions.
fn needs_downsample(width: usize, height: usize, target_w: usize, target_h: usize) -> bool {
    width > target_w && height > target_h
}

fn jpeg_header(bytes: &[u8]) -> Result<(usize, usize, usize), String> {
    let mut decoder = zune_jpeg::JpegDecoder::new(bytes);
    decoder.decode_headers().map_err(|e| format!("{e:?}"))?;
    let info = decoder.info().ok_or_else(|| "no JPEG header".to_owned())?;
    Ok((usize::from(info.width), usize::from(info.height), usize::from(info.components)))
}

/// Refuses an image whose header claims more than [`MAX_IMAGE_PIXELS`]; called before decoding.
fn within_limit(index: usize, width: usize, height: usize) -> Result<(), ImageError> {
    if width.saturating_mul(height) > MAX_IMAGE_PIXELS {
        return Err(ImageError::TooLarge { index, width, height });
    }
    Ok(())
}

/// Decodes a JPEG whose header size [`within_limit`] has accepted.
fn decode_jpeg(bytes: &[u8]) -> Result<Pixels, String> {
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let options = DecoderOptions::default().jpeg_set_out_colorspace(ColorSpace::RGB);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(bytes, options);
    let color = decoder.decode().map_err(|e| format!("{e:?}"))?;
    let (width, height) = decoder.dimensions().ok_or("no JPEG header")?;
    if color.len() != width * height * 3 {
        return Err("unexpected JPEG pixel data size".to_owned());
    }
    Ok(Pixels { width, height, channels: 3, color, alpha: None })
}

/// The PNG's pixels, after its IHDR size has been held to [`MAX_IMAGE_PIXELS`] and before the
/// output buffer (width x height x up to 4 bytes) is allocated.
fn decode_png(index: usize, bytes: &[u8]) -> Result<Pixels, ImageError> {
    let undecodable = |reason: String| ImageError::Undecodable { index, reason };
    let mut decoder = png::Decoder::new(bytes);
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(|e| undecodable(e.to_string()))?;
    let header = reader.info();
    within_limit(index, header.width as usize, header.height as usize)?;
    png_pixels(&mut reader).map_err(undecodable)
}

fn png_pixels(reader: &mut png::Reader<&[u8]>) -> Result<Pixels, String> {
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).map_err(|e| e.to_string())?;
    let (width, height) = (info.width as usize, info.height as usize);
    let (channels, has_alpha) = match info.color_type {
        png::ColorType::Grayscale => (1, false),
        png::ColorType::GrayscaleAlpha => (1, true),
        png::ColorType::Rgb => (3, false),
        png::ColorType::Rgba => (3, true),
        png::ColorType::Indexed => return Err("palette was not expanded".to_owned()),
    };
    let stride = channels + usize::from(has_alpha);
    let mut color = Vec::with_capacity(width * height * channels);
    let mut alpha = Vec::new();
    for row in buf.chunks(info.line_size).take(height) {
        for px in row.chunks_exact(stride).take(width) {
            color.extend_from_slice(&px[..channels]);
            if has_alpha {
                alpha.push(px[channels]);
            }
        }
    }
    if color.len() != width * height * channels {
        return Err("PNG pixel data is shorter than its size".to_owned());
    }
    // A fully opaque alpha channel is dropped: no soft mask needed.
    let alpha = (has_alpha && alpha.iter().any(|&a| a != 255)).then_some(alpha);
    Ok(Pixels { width, height, channels, color, alpha })
}

/// Box-filter downsampling to the smallest size that still meets the target in both
/// directions (aspect ratio kept).
fn downsample(p: &Pixels, target_w: usize, target_h: usize) -> Pixels {
    let scale = (target_w as f64 / p.width as f64).max(target_h as f64 / p.height as f64).min(1.0);
    let nw = ((p.width as f64 * scale).ceil() as usize).max(1);
    let nh = ((p.height as f64 * scale).ceil() as usize).max(1);
    let plane = |src: &[u8], channels: usize| {
        let mut out = Vec::with_capacity(nw * nh * channels);
        for oy in 0..nh {
            let (y0, y1) = (oy * p.height / nh, ((oy + 1) * p.height / nh).max(oy * p.height / nh + 1));
            for ox in 0..nw {
                let (x0, x1) = (ox * p.width / nw, ((ox + 1) * p.width / nw).max(ox * p.width / nw + 1));
                let count = ((y1 - y0) * (x1 - x0)) as u32;
                for c in 0..channels {
                    let mut sum = 0u32;
                    for y in y0..y1 {
                        let row = y * p.width;
                        for x in x0..x1 {
                            sum += u32::from(src[(row + x) * channels + c]);
                        }
                    }
                    out.push(((sum + count / 2) / count) as u8);
                }
            }
        }
        out
    };
    Pixels {
        width: nw,
        height: nh,
        channels: p.channels,
        color: plane(&p.color, p.channels),
        alpha: p.alpha.as_ref().map(|a| plane(a, 1)),
    }
}
