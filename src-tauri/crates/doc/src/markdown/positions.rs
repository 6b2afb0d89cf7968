//! Byte offsets of the source turned into 1-based line and character columns, for diagnostics.
//! Lines are found by binary search; columns are counted from a cached cursor so that many
//! diagnostics on one very long line stay linear overall (they mostly arrive in source order).

pub(super) struct LineIndex<'s> {
    source: &'s str,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    /// The last position computed: (offset, line index, column).
    cursor: (usize, usize, usize),
}

impl<'s> LineIndex<'s> {
    pub(super) fn new(source: &'s str) -> LineIndex<'s> {
        let mut starts = vec![0];
        starts.extend(
            source
                .bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            source,
            starts,
            cursor: (0, 0, 1),
        }
    }

    /// The 1-based (line, column) of a byte offset; offsets past the end or inside a character
    /// are moved back to the nearest character boundary.
    pub(super) fn position(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let (last_offset, last_line, last_column) = self.cursor;
        let column = if line == last_line && offset >= last_offset {
            last_column + self.source[last_offset..offset].chars().count()
        } else {
            1 + self.source[self.starts[line]..offset].chars().count()
        };
        self.cursor = (offset, line, column);
        (line + 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::LineIndex;

    #[test]
    fn lines_and_character_columns() {
        let source = "ab\nŵŷâ x\n\nlast";
        let mut index = LineIndex::new(source);
        assert_eq!(
            index.position(0),
            (1, 1),
            "the first byte is line 1 column 1"
        );
        assert_eq!(
            index.position(3),
            (2, 1),
            "the byte after a newline starts line 2"
        );
        let x = source.find('x').unwrap_or(0);
        assert_eq!(
            index.position(x),
            (2, 5),
            "columns count characters, not bytes (ŵŷâ are 2 bytes each)"
        );
        assert_eq!(
            index.position(4),
            (2, 1),
            "an offset inside a character moves back to its start"
        );
        assert_eq!(
            index.position(source.len()),
            (4, 5),
            "the end of the source is just past the last character"
        );
        assert_eq!(
            index.position(usize::MAX),
            (4, 5),
            "offsets past the end are clamped"
        );
    }
}
