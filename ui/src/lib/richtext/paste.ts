// HTML pasted from Word (or a web page) made ready for the editor's own HTML reading. Word
// puts a numbered or bulleted list on the clipboard as paragraphs styled `mso-list` with the
// number typed in a span (`<span style="mso-list:Ignore">1.</span>`), not as <ol>/<ul>; here
// those runs become real lists, and a multi-level number ("1.1", "2.3.1") becomes a labelled
// paragraph "1.1<TAB>text" (docs/format.md). Word's own markup (<o:p>, comments, styles) goes.
// Tables, headings, bold, links and pictures are left for the editor's schema to read.
import { Extension } from '@tiptap/core';
import { Fragment, Slice, type Node as PmNode } from '@tiptap/pm/model';
import { Plugin } from '@tiptap/pm/state';

/** Stands for a label's TAB until the HTML is read (reading HTML turns a TAB into a space). */
const TAB = '\uE009';

/** A Word list paragraph's marker and level, or null for an ordinary paragraph. */
function listParagraph(p: Element): { marker: string; level: number } | null {
  const style = p.getAttribute('style') ?? '';
  const list = /mso-list:\s*\S+\s+level(\d+)/i.exec(style);
  if (!list && !/MsoListParagraph/i.test(p.getAttribute('class') ?? '')) return null;
  const ignore = p.querySelector('span[style*="mso-list:Ignore" i], span[style*="mso-list: Ignore" i]');
  const marker = (ignore?.textContent ?? '').replace(/\u00a0/g, ' ').trim();
  ignore?.remove();
  return { marker, level: list ? Number(list[1]) : 1 };
}

/** What kind of list a Word marker starts: a plain number, a multi-level label, or a bullet. */
function markerKind(marker: string): 'ordered' | 'label' | 'bullet' {
  if (/^\d+(\.\d+)+\.?$/.test(marker)) return 'label';
  if (/^(\d+|[a-z]|[ivxlc]+)[.)]$/i.test(marker) || /^\(\w{1,4}\)$/.test(marker)) return 'ordered';
  return 'bullet';
}

/** Cleans `html` as pasted; the result is HTML the editor reads. */
export function cleanPastedHtml(html: string, doc: Document = document): string {
  const root = doc.createElement('div');
  root.innerHTML = html.replace(/<!\[if !supportLists\]>|<!\[endif\]>/g, '');
  // Comments (Word's conditional blocks), styles, metadata and Office namespace tags go.
  const walker = doc.createTreeWalker(root, 128 /* NodeFilter.SHOW_COMMENT */);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.parentNode?.removeChild(c));
  root.querySelectorAll('style, meta, link, script, xml, title').forEach((e) => e.remove());
  root.querySelectorAll('*').forEach((e) => {
    if (e.tagName.includes(':')) e.replaceWith(...Array.from(e.childNodes));
  });

  // Runs of Word list paragraphs become lists (or labelled paragraphs); a deeper level
  // (`mso-list: l0 level2`) nests in the item before it.
  const paragraphs = Array.from(root.querySelectorAll('p'));
  let stack: { list: HTMLElement; level: number; kind: string }[] = [];
  let last: Element | null = null;
  for (const p of paragraphs) {
    const item = listParagraph(p);
    if (!item) {
      stack = [];
      continue;
    }
    const k = markerKind(item.marker);
    if (k === 'label') {
      p.insertBefore(doc.createTextNode(`${item.marker.replace(/\.$/, '')}${TAB}`), p.firstChild);
      // Leading spaces Word left after the marker.
      const first = p.childNodes[1];
      if (first?.nodeType === 3) first.textContent = (first.textContent ?? '').replace(/^[\s\u00a0]+/, '');
      stack = [];
      continue;
    }
    if (last === null || p.previousElementSibling !== last) stack = [];
    while (stack.length && stack[stack.length - 1].level > item.level) stack.pop();
    const top = stack[stack.length - 1];
    if (!top || top.level < item.level || top.kind !== k) {
      if (top && top.level === item.level) stack.pop();
      const list = doc.createElement(k === 'ordered' ? 'ol' : 'ul');
      const n = /^(\d+)/.exec(item.marker);
      if (k === 'ordered' && n && n[1] !== '1') list.setAttribute('start', n[1]);
      const parent = stack[stack.length - 1];
      if (parent) (parent.list.lastElementChild ?? parent.list).append(list);
      else p.before(list);
      stack.push({ list, level: item.level, kind: k });
    }
    const li = doc.createElement('li');
    const para = doc.createElement('p');
    para.append(...Array.from(p.childNodes));
    li.append(para);
    stack[stack.length - 1].list.append(li);
    last = stack[0].list;
    p.remove();
  }
  return root.innerHTML;
}

function restoreTabs(fragment: Fragment): Fragment {
  const nodes: PmNode[] = [];
  fragment.forEach((node) => {
    if (node.isText && node.text!.includes(TAB)) nodes.push(node.type.schema.text(node.text!.replaceAll(TAB, '\t'), node.marks));
    else nodes.push(node.copy(restoreTabs(node.content)));
  });
  return Fragment.from(nodes);
}

/** The editor's paste handling: Word's HTML cleaned, then labels' TABs put back. */
export const WordPaste = Extension.create({
  name: 'wordPaste',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        props: {
          transformPastedHTML: (html) => cleanPastedHtml(html),
          transformPasted: (slice) => new Slice(restoreTabs(slice.content), slice.openStart, slice.openEnd),
        },
      }),
    ];
  },
});
