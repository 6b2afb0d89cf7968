// Pasting HTML as Word puts it on the clipboard: after cleanPastedHtml and the editor's own
// HTML reading, the Markdown keeps the headings, the numbered list, the multi-level numbered
// paragraphs, the table with its merged cell, bold and the link.
import { describe, expect, it } from 'vitest';
import { Editor } from '@tiptap/core';
import { extensions } from './schema';
import { load, save } from './document';

/** The Word clipboard fragment the e2e test pastes too (tests/e2e/paste.e2e.mjs). */
const WORD = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{margin:0}</style></head><body>
<!--StartFragment--><h1>Housing Delivery<o:p></o:p></h1>
<p class=MsoNormal>The plan is <b>ambitious</b>; see <a href="https://www.lbbd.gov.uk/housing">the housing page</a>.<o:p></o:p></p>
<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>First step<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>Second step<o:p></o:p></p>
<p class=MsoListParagraph style='mso-list:l1 level2 lfo2'><![if !supportLists]><span style='mso-list:Ignore'>1.1<span>&nbsp;&nbsp; </span></span><![endif]>The council will consult.<o:p></o:p></p>
<table class=MsoTableGrid border=1><tr><td colspan=2><p class=MsoNormal><b>Ward budgets</b></p></td><td><p>Notes</p></td></tr>
<tr><td><p>Abbey</p></td><td><p>10</p></td><td><p>Rises</p></td></tr></table>
<!--EndFragment--></body></html>`;

// jsdom has no ClipboardEvent; ProseMirror's pasteHTML makes one to hand to the handlers.
globalThis.ClipboardEvent ??= class extends Event {
  clipboardData = null;
} as unknown as typeof ClipboardEvent;

describe('paste from Word', () => {
  it('keeps headings, the numbered list, labels, the merged cell, bold and the link', () => {
    const editor = new Editor({ element: document.createElement('div'), extensions: extensions() });
    const { map } = load(editor.schema, '');
    // Through ProseMirror's own paste path, as a paste event takes it.
    editor.view.pasteHTML(WORD);
    const md = save(editor.state.doc, map);
    expect(md).toContain('# Housing Delivery');
    expect(md).toContain('The plan is **ambitious**; see [the housing page](https://www.lbbd.gov.uk/housing).');
    expect(md).toContain('1. First step\n2. Second step');
    expect(md).toContain('1.1\tThe council will consult.');
    // The first row's first cell spans two columns: `<` marks the covered one.
    expect(md).toMatch(/\| \*\*Ward budgets\*\* \| < \| Notes \|/);
    expect(md).toContain('| Abbey | 10 | Rises |');
    expect(md).not.toContain('o:p');
    expect(md).not.toMatch(/mso|StartFragment/);
    editor.destroy();
  });

  it('nests a deeper Word list level in the item before it', () => {
    const item = (level: number, marker: string, text: string) =>
      `<p class=MsoListParagraph style='mso-list:l0 level${level} lfo1'><![if !supportLists]><span style='mso-list:Ignore'>${marker}<span>&nbsp;&nbsp;</span></span><![endif]>${text}<o:p></o:p></p>`;
    const editor = new Editor({ element: document.createElement('div'), extensions: extensions() });
    const { map } = load(editor.schema, '');
    editor.view.pasteHTML(item(1, '1.', 'Housing') + item(2, 'a)', 'Council homes') + item(2, 'b)', 'Shared ownership') + item(1, '2.', 'Jobs'));
    expect(save(editor.state.doc, map)).toBe('1. Housing\n   1. Council homes\n   2. Shared ownership\n2. Jobs');
    editor.destroy();
  });
});
