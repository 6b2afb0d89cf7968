//! Pixel sizes of PNG and JPEG images, read from their headers (layout needs only the size;
//! the PDF writer decodes the pixels). Anything else, or a damaged header, gives `None`.

/// Width and height in pixels.
pub(crate) fn pixel_size(data: &[u8]) -> Option<(u32, u32)> {
    if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        return png_size(data);
    }
    if data.starts_with(&[0xFF, 0xD8]) {
        return jpeg_size(data);
    }
    None
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn png_size(data: &[u8]) -> Option<(u32, u32)> {
    // Signature (8), chunk length (4), "IHDR" (4), then width and height.
    if data.get(12..16)? != b"IHDR" {
        return None;
    }
    nonzero(be32(data, 16)?, be32(data, 20)?)
}

fn jpeg_size(data: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    while at + 4 <= data.len() {
        if data[at] != 0xFF {
            return None;
        }
        let marker = data[at + 1];
        if marker == 0xFF {
            at += 1; // fill byte
            continue;
        }
        if marker == 0xD8 || marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            at += 2;
            continue;
        }
        let len = be16(data, at + 2)? as usize;
        // Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) do not.
        if (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let h = be16(data, at + 5)? as u32;
            let w = be16(data, at + 7)? as u32;
            return nonzero(w, h);
        }
        if len < 2 {
            return None;
        }
        at += 2 + len;
    }
    None
}

fn nonzero(w: u32, h: u32) -> Option<(u32, u32)> {
    (w > 0 && h > 0).then_some((w, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sizes_from_headers() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        png.extend_from_slice(&300u32.to_be_bytes());
        png.extend_from_slice(&150u32.to_be_bytes());
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 50, 0, 80, 3];
        let check = |data: &[u8], expect: Option<(u32, u32)>| assert_eq!(pixel_size(data), expect, "size of {:?}", &data[..data.len().min(4)]);
        check(&png, Some((300, 150)));
        check(&jpeg, Some((80, 50)));
        check(b"GIF89a", None);
        check(&png[..18], None);
        check(&[0xFF, 0xD8, 0xFF], None);
    }
}
