//! The one way the CLI writes a count with its noun: "1 page", "2 pages", "1 apology",
//! "3 apologies" (the UI's `lib/plural.ts` follows the same rule). Regular English nouns only;
//! an irregular plural would be passed in by a caller, and none needs one yet.

/// The plural of a regular English noun: "apology" → "apologies", "match" → "matches".
pub fn plural_of(noun: &str) -> String {
    let consonant_y = noun.len() >= 2 && noun.ends_with('y') && !matches!(noun.as_bytes()[noun.len() - 2], b'a' | b'e' | b'i' | b'o' | b'u');
    if consonant_y {
        format!("{}ies", &noun[..noun.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"].iter().any(|end| noun.ends_with(end)) {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

/// "1 page", "0 pages", "215 pages", for any integer type the counts come in.
pub fn plural<N: std::fmt::Display + PartialEq + From<u8>>(n: N, noun: &str) -> String {
    if n == N::from(1) {
        format!("1 {noun}")
    } else {
        format!("{n} {}", plural_of(noun))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_takes_the_singular_and_every_other_count_the_plural() {
        assert_eq!(plural(1, "page"), "1 page", "issue 14 found \"1 pages\"");
        assert_eq!(plural(0, "page"), "0 pages");
        assert_eq!(plural(3, "apology"), "3 apologies");
        assert_eq!(plural(1, "key decision"), "1 key decision");
        assert_eq!(plural(2, "warning"), "2 warnings");
        assert_eq!(plural_of("day"), "days", "a vowel before the y keeps it");
        assert_eq!(plural_of("match"), "matches");
    }
}
