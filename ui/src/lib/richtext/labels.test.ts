// The label "Numbered paragraph" gives a new paragraph: the one before it plus one.
import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import { extensions } from './schema';
import { load } from './document';
import { nextLabel } from './labels';

const schema = getSchema(extensions());
const end = (text: string) => {
  const { doc } = load(schema, text);
  return { doc, pos: doc.content.size };
};

describe('next paragraph label', () => {
  const cases: [string, string, string][] = [
    ['none before', '# Background\n\nText.', '1.1'],
    ['after 1.1', '1.1\tFirst.\n\nMore text.', '1.2'],
    ['after a third level', '2.3.9\tDeep.', '2.3.10'],
    ['keeps a trailing dot (written escaped, as Markdown would read a list)', '4\\.\tFour.', '5.'],
    ['the nearest one counts', '1.1\tA.\n\n3.4\tB.', '3.5'],
    ['a letter label is not counted on', 'a)\tOption.', '1.1'],
  ];
  for (const [name, text, want] of cases) {
    it(name, () => {
      const { doc, pos } = end(text);
      expect(nextLabel(doc, pos)).toBe(want);
    });
  }
});
