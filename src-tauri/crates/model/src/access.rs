//! Who may see an agenda item, report, appendix or minute: the public, or only members and
//! officers because the information is exempt (Schedule 12A to the Local Government Act 1972)
//! or confidential (s100A(3)).
//!
//! The public edition of a pack is built from this and nothing else, so the rules live here,
//! with the one rule that ties an item's place on the agenda to its access
//! ([`open_in_private_section`]): everything below the Private Business heading is restricted.

use crate::ItemKind;
use serde::{de::Error, Deserialize, Deserializer, Serialize, Serializer};

/// A paragraph of Part 1 of Schedule 12A: 1 to 7 in England, 12 to 18 in Wales (same
/// descriptions). Any other number is refused when the value is made or read.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExemptParagraph(u8);

impl ExemptParagraph {
    /// The paragraph, if `number` is one that exists (1-7, or Wales's 12-18).
    pub fn new(number: u8) -> Option<ExemptParagraph> {
        matches!(number, 1..=7 | 12..=18).then_some(ExemptParagraph(number))
    }

    pub fn number(self) -> u8 {
        self.0
    }

    /// The statutory description (the same seven in England and Wales).
    pub fn description(self) -> &'static str {
        let english = if self.0 >= 12 { self.0 - 11 } else { self.0 };
        match english {
            1 => "Information relating to any individual.",
            2 => "Information which is likely to reveal the identity of an individual.",
            3 => "Information relating to the financial or business affairs of any particular person (including the authority holding that information).",
            4 => "Information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter arising between the authority or a Minister of the Crown and employees of, or office holders under, the authority.",
            5 => "Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings.",
            6 => "Information which reveals that the authority proposes (a) to give under any enactment a notice under or by virtue of which requirements are imposed on a person; or (b) to make an order or direction under any enactment.",
            _ => "Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime.",
        }
    }
}

impl Serialize for ExemptParagraph {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u8(self.0)
    }
}

impl<'de> Deserialize<'de> for ExemptParagraph {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let n = u64::deserialize(d)?;
        u8::try_from(n).ok().and_then(ExemptParagraph::new).ok_or_else(|| {
            D::Error::custom(format!(
                "{n} is not a paragraph of Part 1 of Schedule 12A (England 1-7, Wales 12-18)"
            ))
        })
    }
}

/// The access status of an item, report, appendix or minute.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind", deny_unknown_fields)]
// ts-rs cannot read deny_unknown_fields on an enum and would drop the whole serde line.
#[cfg_attr(feature = "ts", ts(rename_all = "kebab-case", tag = "kind"))]
pub enum Access {
    #[default]
    Public,
    /// Exempt under one or more paragraphs of Schedule 12A.
    Exempt {
        paragraphs: Vec<ExemptParagraph>,
        /// A title safe to publish when the real title would itself reveal exempt information.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        public_title: Option<String>,
    },
    /// Confidential information under s100A(3) (given in confidence by a government department,
    /// or barred by law or court order).
    Confidential {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional))]
        public_title: Option<String>,
    },
}

impl Access {
    /// Whether the public edition must leave out the papers.
    pub fn is_restricted(&self) -> bool {
        !matches!(self, Access::Public)
    }

    pub fn public_title(&self) -> Option<&str> {
        match self {
            Access::Public => None,
            Access::Exempt { public_title, .. } | Access::Confidential { public_title } => public_title.as_deref(),
        }
    }

    /// The statement printed on the agenda and on every page of the full edition, e.g.
    /// "Exempt: paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972".
    pub fn statement(&self) -> Option<String> {
        match self {
            Access::Public => None,
            Access::Exempt { paragraphs, .. } => {
                let numbers: Vec<String> = paragraphs.iter().map(|p| p.number().to_string()).collect();
                let which = match numbers.len() {
                    0 => "Exempt under Part 1 of Schedule 12A".to_string(),
                    1 => format!("Exempt: paragraph {} of Part 1 of Schedule 12A", numbers[0]),
                    _ => {
                        let (last, rest) = numbers.split_last().expect("len >= 2");
                        format!("Exempt: paragraphs {} and {last} of Part 1 of Schedule 12A", rest.join(", "))
                    }
                };
                Some(format!("{which} to the Local Government Act 1972"))
            }
            Access::Confidential { .. } => {
                Some("Confidential information under section 100A(3) of the Local Government Act 1972".into())
            }
        }
    }
}

/// Whether an item of this kind below the Private Business heading must be restricted. The
/// fixed-wording lines that carry no papers (the urgent-business line, the resolution to
/// exclude the public) are read out in public session and may stay open; the heading itself
/// is not an item of business.
pub fn must_be_restricted_in_private_section(kind: ItemKind) -> bool {
    !matches!(kind, ItemKind::UrgentBusiness | ItemKind::ExclusionResolution | ItemKind::PrivateBusinessHeading)
}

/// The one rule tying place to access: the positions (indexes into `items`, agenda order) of
/// the items below the Private Business heading that are open to the public although their
/// kind must be restricted there. Empty when the agenda is sound (or has no heading). The
/// store runs it inside every agenda edit, the import before any write, and the pack plan
/// again as a last guard.
pub fn open_in_private_section<'a>(items: impl IntoIterator<Item = (ItemKind, &'a Access)>) -> Vec<usize> {
    let mut in_private = false;
    let mut open = Vec::new();
    for (index, (kind, access)) in items.into_iter().enumerate() {
        if kind == ItemKind::PrivateBusinessHeading {
            in_private = true;
        } else if in_private && !access.is_restricted() && must_be_restricted_in_private_section(kind) {
            open.push(index);
        }
    }
    open
}

/// The sentence refusing an open item in the private section, naming it by number and title
/// (at most 40 characters of the title are quoted).
pub fn open_in_private_section_message(number: Option<u32>, title: &str) -> String {
    let which = match number {
        Some(n) => format!("item {n} "),
        None => "the item ".to_string(),
    };
    format!(
        "{which}\"{}\" is in the private section but is open to the public: choose its Schedule 12A paragraph(s) \
         (or mark it confidential) or move it above Private Business",
        quote_short(title)
    )
}

/// Whether `access` is exempt with no paragraph chosen yet: what migration 0007 made of open
/// items it found in the private section. Withheld from the public edition like any exempt
/// item, and warned about until a paragraph is chosen.
pub fn paragraph_not_chosen(access: &Access) -> bool {
    matches!(access, Access::Exempt { paragraphs, .. } if paragraphs.is_empty())
}

/// At most 40 characters of `text`, with "..." when cut.
fn quote_short(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraph_nine_does_not_exist() {
        // England has 1-7 and Wales 12-18; 9 is neither, and must be refused by the parser.
        let err = serde_json::from_str::<ExemptParagraph>("9").unwrap_err().to_string();
        assert!(err.contains("9 is not a paragraph"), "{err}");
        assert_eq!(serde_json::from_str::<ExemptParagraph>("3").unwrap().number(), 3);
        assert_eq!(serde_json::from_str::<ExemptParagraph>("14").unwrap().number(), 14);
    }

    #[test]
    fn statement_names_every_paragraph() {
        let access = Access::Exempt {
            paragraphs: vec![ExemptParagraph::new(1).unwrap(), ExemptParagraph::new(3).unwrap()],
            public_title: None,
        };
        assert_eq!(
            access.statement().unwrap(),
            "Exempt: paragraphs 1 and 3 of Part 1 of Schedule 12A to the Local Government Act 1972"
        );
    }

    #[test]
    fn welsh_paragraphs_share_english_descriptions() {
        assert_eq!(ExemptParagraph::new(14).unwrap().description(), ExemptParagraph::new(3).unwrap().description());
    }

    fn exempt(n: u8) -> Access {
        Access::Exempt { paragraphs: ExemptParagraph::new(n).into_iter().collect(), public_title: None }
    }

    #[test]
    fn only_open_business_below_the_heading_is_found() {
        use ItemKind::*;
        let open = Access::Public;
        let three = exempt(3);
        let confidential = Access::Confidential { public_title: None };
        let agenda = [
            (Report, &open),            // 0: public section, open is fine
            (Report, &three),           // 1: exempt in public section: allowed (warned at build)
            (ExclusionResolution, &open),
            (PrivateBusinessHeading, &open),
            (Report, &three),           // 4: fine
            (Report, &open),            // 5: the fault
            (StandardText, &open),      // 6: a line of text below the heading is business too
            (Report, &confidential),    // 7: fine
            (UrgentBusiness, &open),    // 8: fixed wording, no papers: may stay open
        ];
        assert_eq!(open_in_private_section(agenda.iter().map(|(k, a)| (*k, *a))), vec![5, 6], "only open business below the heading");
        let no_heading = [(Report, &open), (Report, &three)];
        assert!(open_in_private_section(no_heading.iter().map(|(k, a)| (*k, *a))).is_empty(), "no heading, no private section");
    }

    #[test]
    fn the_refusal_names_the_item_and_quotes_a_long_title_short() {
        assert_eq!(
            open_in_private_section_message(Some(9), "Land at Riverside"),
            "item 9 \"Land at Riverside\" is in the private section but is open to the public: choose its Schedule 12A \
             paragraph(s) (or mark it confidential) or move it above Private Business"
        );
        let long = "x".repeat(500);
        let message = open_in_private_section_message(Some(1), &long);
        assert!(message.len() < 250, "a long title is quoted short: {} characters", message.len());
    }
}
