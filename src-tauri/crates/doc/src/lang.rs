//! A language tag (BCP 47, e.g. `cy` or `cy-GB`) small enough to be `Copy`, so that it can
//! ride in a [`TextStyle`](crate::TextStyle) and runs in two languages never merge.
//! It checks the tag's shape only (letters, digits and hyphens, a 2-3 letter primary
//! subtag), not whether the language exists.

use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

/// Longest tag kept (the 35 characters RFC 5646 asks every implementation to support);
/// longer ones are refused by [`Lang::parse`].
const MAX_LEN: usize = 35;

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang {
    len: u8,
    bytes: [u8; MAX_LEN],
}

impl Lang {
    /// The tag, if `text` has the shape of one (surrounding spaces ignored).
    pub fn parse(text: &str) -> Option<Lang> {
        let text = text.trim();
        if text.is_empty() || text.len() > MAX_LEN {
            return None;
        }
        let mut subtags = text.split('-');
        let primary = subtags.next()?;
        if !(2..=3).contains(&primary.len()) || !primary.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        if !subtags.all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())) {
            return None;
        }
        let mut bytes = [0u8; MAX_LEN];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        Some(Lang { len: text.len() as u8, bytes })
    }

    pub fn as_str(&self) -> &str {
        // Only ASCII is ever stored, so this cannot fail.
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("")
    }
}

impl std::fmt::Debug for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lang({})", self.as_str())
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Lang, D::Error> {
        let text = String::deserialize(d)?;
        Lang::parse(&text).ok_or_else(|| D::Error::custom("not a language tag"))
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn tags_of_the_right_shape_only() {
        for ok in ["cy", "cy-GB", "en-GB", "gd", "sco"] {
            assert_eq!(Lang::parse(ok).map(|l| l.as_str().to_owned()), Some(ok.to_owned()), "{ok} is a tag");
        }
        for bad in ["", "c", "welsh", "cy_GB", "cy-", "x\"y", "cy-GB-extraordinarily"] {
            assert!(Lang::parse(bad).is_none(), "{bad:?} is not a tag");
        }
    }
}
