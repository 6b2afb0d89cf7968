// Opening and saving in the formatted editor (issue 17: "opening and saving a paper without
// editing it changes nothing"). Every demo paper and every seed document goes through a real
// TipTap editor and back, byte for byte; then single edits must rewrite only the edited block,
// and every kind of block the dialect has must come back from the serialiser as it went in.
import { describe, expect, it, vi } from 'vitest';
import { Editor, getSchema } from '@tiptap/core';
import { extensions } from './schema';
import { adopt, load, save, type SourceMap } from './document';
import { block } from './serialise';

// Whole agenda packs go through a real editor: how long that takes is no part of what is tested.
vi.setConfig({ testTimeout: 0 });

const demo = import.meta.glob('../../../../assets/demo/**/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const seeds = import.meta.glob('../../../../../shared/seeds/*.txt', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

function open(text: string): { editor: Editor; map: SourceMap } {
  // As the editor component opens a text: the document made first, then the editor on it.
  const exts = extensions();
  const { doc, map } = load(getSchema(exts), text);
  const editor = new Editor({ element: document.createElement('div'), extensions: exts, content: doc.toJSON() });
  adopt(editor.state.doc, map);
  return { editor, map };
}

describe('opening and saving without editing', () => {
  it('finds the papers it is meant to check', () => {
    // The globs must find them, or the test below would pass over nothing.
    expect(Object.keys(demo).length).toBeGreaterThanOrEqual(15);
    expect(Object.keys(seeds).length).toBeGreaterThanOrEqual(5);
  });
  for (const [path, text] of Object.entries({ ...demo, ...seeds })) {
    it(`gives back ${path.replace(/^.*\/(assets|shared)\//, '')} byte for byte`, () => {
      const { editor, map } = open(text);
      // Every block is in the editor: no source was dropped into a separator.
      expect(map.origins.length).toBe(editor.state.doc.childCount);
      expect(save(editor.state.doc, map)).toBe(text);
      editor.destroy();
    });
  }
});

describe('editing rewrites only the edited block', () => {
  const text = '# Budget  report\n\n1.1\tThe   first paragraph,\nwrapped.\n\n\n* one\n* two\n\n| A | B |\n|---|:-:|\n| x | < |\n\n[id]: https://example.org\n\nLast *para*.\n';

  it('changes a heading and nothing else', () => {
    const { editor, map } = open(text);
    // Select the heading's text and type over it.
    editor.chain().setTextSelection({ from: 1, to: 1 + 'Budget  report'.length }).insertContent('Budget 2025').run();
    expect(save(editor.state.doc, map)).toBe(text.replace('# Budget  report', '# Budget 2025'));
    editor.destroy();
  });

  it('adds a paragraph after the list with a blank line, keeping the rest', () => {
    const { editor, map } = open(text);
    let end = 0;
    editor.state.doc.forEach((n, offset) => {
      if (n.type.name === 'bulletList') end = offset + n.nodeSize;
    });
    editor.chain().insertContentAt(end, { type: 'paragraph', content: [{ type: 'text', text: 'New words.' }] }).run();
    expect(save(editor.state.doc, map)).toBe(text.replace('* two\n\n', '* two\n\nNew words.\n\n'));
    editor.destroy();
  });

  it('deletes a block and keeps its neighbours as written', () => {
    const { editor, map } = open(text);
    let from = 0;
    let to = 0;
    editor.state.doc.forEach((n, offset) => {
      if (n.type.name === 'table') [from, to] = [offset, offset + n.nodeSize];
    });
    editor.chain().deleteRange({ from, to }).run();
    const saved = save(editor.state.doc, map);
    expect(saved).not.toContain('| A |');
    expect(saved.startsWith('# Budget  report\n\n1.1\tThe   first paragraph,\nwrapped.\n\n\n* one\n* two')).toBe(true);
    expect(saved.endsWith('\n\nLast *para*.\n')).toBe(true);
    editor.destroy();
  });
});

describe('the serialiser writes what the parser reads back', () => {
  // Each case: Markdown as the serialiser writes it; parsed then serialised it must be the same.
  const cases: Record<string, string> = {
    headings: '# One\n\n## Two *em*\n\n###### Six',
    'numbered paragraph': '1.1\tThe council **will** consult.',
    'label Markdown would read as a list': '1\\.\tFirst\n\n2\\)\tSecond',
    'bullet list': '- one\n- two\n  - nested',
    'ordered list from 3': '3. three\n4. four',
    'loose list': '- one\n\n  more\n\n- two',
    'table with merged cells': '| Ward | Budget | < | Notes |\n| --- | :-: | --: | --- |\n| Abbey | 2024 | 2025 | Rises |\n| ^ | 10 | 12 | < |',
    'cell holding a pipe and a lone marker': '| a \\| b | \\< |\n| --- | --- |\n| x | y |',
    picture: 'See ![Chart of spending by ward](media:image1.png) here.',
    'decorative picture': '![decorative](media:rule.png)',
    link: 'Read [the plan](https://example.org/plan "Plan") now.',
    'link with spaces': '[doc](<a b.pdf>)',
    footnote: 'Text with a note[^1].\n\n[^1]: The note, **bold**.',
    'bold and italic': '**bold** and *italic* and ***both***',
    styles: '<u>under</u> H<sub>2</sub>O x<sup>2</sup> ~~gone~~ `code`',
    welsh: 'Say <span lang="cy">Croeso</span> please.',
    'hard and soft breaks': 'line one\nline two\\\nline three',
    quote: '> quoted\n>\n> more',
    code: '```rust\nfn main() {}\n```',
    'raw html block': '<div lang="cy">',
    'raw html after a soft break stays in the paragraph': 'Aims\n    <p>Encouraging</p>',
    escapes: '\\# not a heading, a \\*star\\*, \\[brackets\\] and \\<b> and a \\\\ slash',
  };
  for (const [name, md] of Object.entries(cases)) {
    it(name, () => {
      const { editor } = open(md);
      const parts: string[] = [];
      editor.state.doc.forEach((n) => parts.push(block(n)));
      expect(parts.join('\n\n')).toBe(md);
      editor.destroy();
    });
  }

  // Serialising every block (edited or not) and opening the result gives the same document:
  // the serialiser loses nothing the editor shows.
  for (const [path, text] of Object.entries({ ...demo, ...seeds })) {
    it(`keeps ${path.replace(/^.*\/(assets|shared)\//, '')} when every block is rewritten`, () => {
      const { editor } = open(text);
      const parts: string[] = [];
      editor.state.doc.forEach((n) => parts.push(block(n)));
      const again = open(parts.join('\n\n'));
      // Spaces at the edge of a style are written outside it (`*a* b`, not `*a *b`), so
      // whitespace is compared without its marks; every other character with them.
      const strip = (e: Editor) => {
        const out: unknown[] = [];
        e.state.doc.descendants((n) => {
          if (n.isText) for (const ch of n.text!) out.push(/\s/.test(ch) ? ch : [ch, n.marks.map((m) => m.toJSON())]);
          else out.push({ type: n.type.name, attrs: { ...n.attrs, mdBlock: null } });
        });
        return out;
      };
      expect(strip(again.editor), path).toEqual(strip(editor));
      editor.destroy();
      again.editor.destroy();
    });
  }
});
