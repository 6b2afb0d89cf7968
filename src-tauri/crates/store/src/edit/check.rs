//! The checks an edit runs before its first write: each problem names the form field at fault
//! (its `path`), so the app can show the sentence beside that field.
//!
//! Deliberately not here: checks that need the database (existence, duplicates); those are
//! made by the edit itself, inside its transaction, also before any write.

use agendapack_model::limits::{self, Field};
use agendapack_model::validate::{Problem, MAX_TEXT_BYTES};
use agendapack_model::{Access, Person, Venue};

use crate::StoreError;

/// One problem with one field, as an error.
pub fn invalid(field: &str, message: impl Into<String>) -> StoreError {
    StoreError::Invalid(vec![Problem { path: field.to_string(), message: message.into() }])
}

/// Collects problems, then turns them into one [`StoreError::Invalid`] (or nothing).
#[derive(Debug, Default)]
pub struct Problems(Vec<Problem>);

impl Problems {
    pub fn push(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem { path: field.into(), message: message.into() });
    }

    /// A problem if `text` is blank.
    pub fn required(&mut self, field: &str, text: &str, message: &str) {
        if text.trim().is_empty() {
            self.push(field, message);
        }
    }

    /// A problem if `text` is longer than `field` may be ([`limits::LIMITS`], the one table an
    /// import checks too). The sentence names the field, never the value.
    pub fn limit(&mut self, path: &str, field: Field, text: &str) {
        if let Some(message) = limits::check(field, text) {
            self.push(path, message);
        }
    }

    /// A problem if a paper's text is over the limit an import also enforces
    /// ([`MAX_TEXT_BYTES`]), so the UI's autosave cannot store what an import would refuse.
    pub fn text_size(&mut self, field: &str, text: &str) {
        if text.len() > MAX_TEXT_BYTES {
            self.push(field, "is longer than the 5 MB a paper's text may be");
        }
    }

    pub fn access(&mut self, field: &str, access: &Access) {
        match access {
            Access::Exempt { paragraphs, public_title } => {
                if paragraphs.is_empty() {
                    self.push(format!("{field}.paragraphs"), "an exempt item must cite at least one paragraph of Schedule 12A");
                }
                if public_title.as_deref().is_some_and(|t| t.trim().is_empty()) {
                    self.push(format!("{field}.public_title"), "the public title, when given, must not be blank");
                }
                self.limit(&format!("{field}.public_title"), Field::PublicTitle, public_title.as_deref().unwrap_or_default());
            }
            Access::Confidential { public_title } => {
                if public_title.as_deref().is_some_and(|t| t.trim().is_empty()) {
                    self.push(format!("{field}.public_title"), "the public title, when given, must not be blank");
                }
                self.limit(&format!("{field}.public_title"), Field::PublicTitle, public_title.as_deref().unwrap_or_default());
            }
            Access::Public => {}
        }
    }

    pub fn person(&mut self, field: &str, person: &Person, whose: &str) {
        self.required(&format!("{field}.name"), &person.name, &format!("{whose} needs a name"));
        self.limit(&format!("{field}.name"), Field::PersonName, &person.name);
        self.limit(&format!("{field}.job_title"), Field::JobTitle, &person.job_title);
        self.limit(&format!("{field}.email"), Field::Email, &person.email);
        self.limit(&format!("{field}.phone"), Field::Phone, &person.phone);
    }

    pub fn venue(&mut self, field: &str, venue: &Venue) {
        if let Venue::Place { name } = venue {
            self.required(&format!("{field}.name"), name, "a meeting in a room needs the room's name");
            self.limit(&format!("{field}.name"), Field::Venue, name);
        }
    }

    /// Ok when no problem was found.
    pub fn finish(self) -> Result<(), StoreError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Invalid(self.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use agendapack_model::ExemptParagraph;

    #[test]
    fn an_exempt_item_without_a_paragraph_names_the_paragraphs_field() {
        let mut p = Problems::default();
        p.access("access", &Access::Exempt { paragraphs: vec![], public_title: None });
        match p.finish() {
            Err(StoreError::Invalid(problems)) => {
                assert_eq!(problems[0].path, "access.paragraphs", "the form field at fault is the paragraphs list")
            }
            other => panic!("an exempt item must cite a paragraph, got {other:?}"),
        }
        let mut ok = Problems::default();
        ok.access("access", &Access::Exempt { paragraphs: ExemptParagraph::new(3).into_iter().collect(), public_title: None });
        assert!(ok.finish().is_ok(), "paragraph 3 is a real paragraph, so the access is sound");
    }
}
