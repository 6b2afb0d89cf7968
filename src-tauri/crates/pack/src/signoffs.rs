//! Clearance sign-offs in the paper (issue 19): an approved finance or legal step prints
//! "Implications completed by: NAME, JOB TITLE" as its own paragraph right under the report
//! body's implications heading the step names. Applied here, when the pack lays a report out,
//! so the stored body, the editor and an exported interchange document never carry the line;
//! the store only says who signed what (`Report::signoffs`).
//!
//! Headings match ignoring case, Markdown marks, numbering and a trailing colon ("#### 4.
//! Financial Implications" and "**4. Financial implications:**" are both "financial
//! implications"). A sign-off line already there (typed by hand) is replaced, never doubled; a
//! heading not found prints nothing.

use std::borrow::Cow;

use agendapack_model::Signoff;

/// The words the paper prints under an implications heading.
pub const SIGNOFF_PREFIX: &str = "Implications completed by:";

/// The line printed for one sign-off, its name and job title escaped for Markdown.
pub fn signoff_line(signoff: &Signoff) -> String {
    let who = if signoff.job_title.trim().is_empty() {
        signoff.name.clone()
    } else {
        format!("{}, {}", signoff.name, signoff.job_title.trim())
    };
    format!("{SIGNOFF_PREFIX} {}", escape_markdown(&who))
}

/// `body` with the sign-offs printed (borrowed unchanged when there are none).
pub fn printed_body<'a>(body: &'a str, signoffs: &[Signoff]) -> Cow<'a, str> {
    if signoffs.is_empty() {
        return Cow::Borrowed(body);
    }
    let lines: Vec<(String, String)> = signoffs.iter().map(|s| (s.heading.clone(), signoff_line(s))).collect();
    Cow::Owned(print_signoffs(body, &lines))
}

fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '`' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A heading's words without Markdown marks or numbering: "#### 4. Financial Implications"
/// and "**4. Financial implications**" both give "financial implications".
fn heading_words(line: &str) -> Option<String> {
    let trimmed = line.trim();
    let text = if trimmed.starts_with('#') {
        trimmed.trim_start_matches('#').trim()
    } else if trimmed.len() > 4 && ((trimmed.starts_with("**") && trimmed.ends_with("**")) || (trimmed.starts_with("__") && trimmed.ends_with("__"))) {
        trimmed
    } else {
        return None;
    };
    Some(plain_heading(text))
}

fn plain_heading(text: &str) -> String {
    let text = text.trim().trim_matches(|c| c == '*' || c == '_').trim();
    // Leading numbering: "4.", "4.1", "4)".
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')');
    let text = if rest.len() < text.len() && rest.starts_with(char::is_whitespace) { rest } else { text };
    text.trim().trim_end_matches(':').trim().to_lowercase()
}

/// `body` with each (heading, line) printed as its own paragraph right under the first
/// heading whose words are the heading's.
pub fn print_signoffs(body: &str, lines: &[(String, String)]) -> String {
    let mut out: Vec<String> = body.lines().map(str::to_string).collect();
    for (heading, line) in lines {
        let wanted = plain_heading(heading);
        if wanted.is_empty() {
            continue;
        }
        let Some(at) = out.iter().position(|l| heading_words(l).as_deref() == Some(wanted.as_str())) else { continue };
        let mut next = at + 1;
        while next < out.len() && out[next].trim().is_empty() {
            next += 1;
        }
        if next < out.len() && out[next].trim_start().starts_with(SIGNOFF_PREFIX) {
            out[next] = line.clone();
        } else {
            out.splice(at + 1..at + 1, [String::new(), line.clone(), String::new()]);
            // Collapse a doubled blank line left before the next paragraph.
            if at + 4 < out.len() && out[at + 4].trim().is_empty() {
                out.remove(at + 4);
            }
        }
    }
    let mut text = out.join("\n");
    if body.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signoff_is_printed_under_its_heading_once() {
        let body = "Intro.\n\n#### 4. Financial Implications\n\n4.1 None.\n\n#### 5. Legal Implications\n\n5.1 None.\n";
        let lines = vec![("Financial implications".to_string(), "Implications completed by: Sandra Pillinger, Group Accountant".to_string())];
        let once = print_signoffs(body, &lines);
        assert_eq!(
            once,
            "Intro.\n\n#### 4. Financial Implications\n\nImplications completed by: Sandra Pillinger, Group Accountant\n\n4.1 None.\n\n#### 5. Legal Implications\n\n5.1 None.\n"
        );
        assert_eq!(print_signoffs(&once, &lines), once, "printing again changes nothing");
        let typed = "**Financial implications**\nImplications completed by: someone by hand\n\nText";
        assert_eq!(print_signoffs(typed, &lines), "**Financial implications**\nImplications completed by: Sandra Pillinger, Group Accountant\n\nText");
        assert_eq!(print_signoffs("No heading here.", &lines), "No heading here.", "no heading, nothing printed");
    }

    #[test]
    fn names_are_escaped_and_a_missing_job_title_is_left_out() {
        let s = Signoff { heading: "Legal".into(), name: "A_B *C*".into(), job_title: String::new() };
        assert_eq!(signoff_line(&s), "Implications completed by: A\\_B \\*C\\*");
        let s = Signoff { heading: "Legal".into(), name: "Paul Feild".into(), job_title: "Solicitor".into() };
        assert_eq!(signoff_line(&s), "Implications completed by: Paul Feild, Solicitor");
        assert!(matches!(printed_body("x", &[]), Cow::Borrowed("x")));
    }
}
