// The formatted editor's document schema (TipTap 3 on ProseMirror): the Markdown dialect of
// docs/format.md as nodes and marks. Every node here has a Markdown form in serialise.ts and is
// made from Markdown in parse.ts; anything those cannot express (an HTML block, stray inline
// HTML) is kept as a raw node holding its source, so it is never lost or rewritten.
// Deliberately left out of StarterKit: the trailing empty paragraph (it would add a block on
// opening) and autolinking (a typed URL stays text, as in the typesetter).
import { Extension, Mark, Node, mergeAttributes, type Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { Table, TableRow, TableHeader, TableCell } from '@tiptap/extension-table';
import { LabelLayout } from './labels';
import { WordPaste } from './paste';

/** Top-level block types that can carry the id of the Markdown block they came from. */
export const BLOCK_TYPES = ['paragraph', 'heading', 'bulletList', 'orderedList', 'blockquote', 'codeBlock', 'horizontalRule', 'table', 'footnote', 'rawBlock'];

/** `mdBlock`: index of the source block (see document.ts). Not rendered, not parsed from HTML
 * and not kept when a block is split, so pasted or split-off blocks never claim a source. */
const SourceId = Extension.create({
  name: 'sourceId',
  addGlobalAttributes() {
    return [{ types: BLOCK_TYPES, attributes: { mdBlock: { default: null, rendered: false, keepOnSplit: false } } }];
  },
});

/** Markdown list details that change nothing on paper but keep a re-written list as typed. */
const ListStyle = Extension.create({
  name: 'listStyle',
  addGlobalAttributes() {
    return [{ types: ['bulletList', 'orderedList'], attributes: { markup: { default: null, rendered: false }, tight: { default: true, rendered: false } } }];
  },
});

/** A table's column alignments from its delimiter row (`:--`, `--:`, `:-:`), kept for re-writing. */
const TableStyle = Extension.create({
  name: 'tableStyle',
  addGlobalAttributes() {
    return [{ types: ['table'], attributes: { aligns: { default: null, rendered: false } } }];
  },
});

const Superscript = Mark.create({
  name: 'superscript',
  excludes: 'subscript',
  parseHTML: () => [{ tag: 'sup' }, { style: 'vertical-align', getAttrs: (v) => (v === 'super' ? null : false) }],
  renderHTML: ({ HTMLAttributes }) => ['sup', HTMLAttributes, 0],
});
const Subscript = Mark.create({
  name: 'subscript',
  excludes: 'superscript',
  parseHTML: () => [{ tag: 'sub' }, { style: 'vertical-align', getAttrs: (v) => (v === 'sub' ? null : false) }],
  renderHTML: ({ HTMLAttributes }) => ['sub', HTMLAttributes, 0],
});

/** Words in another language: `<span lang="cy">` (screen readers switch voice). */
const Language = Mark.create({
  name: 'language',
  addAttributes: () => ({ lang: { default: 'cy', parseHTML: (el) => el.getAttribute('lang') } }),
  parseHTML: () => [{ tag: 'span[lang]' }],
  renderHTML: ({ HTMLAttributes }) => ['span', mergeAttributes(HTMLAttributes, { class: 'md-lang' }), 0],
});

/** A footnote reference `[^label]`. */
const FootnoteRef = Node.create({
  name: 'footnoteRef',
  group: 'inline',
  inline: true,
  atom: true,
  addAttributes: () => ({ label: { default: '1', parseHTML: (el) => el.getAttribute('data-footnote') } }),
  parseHTML: () => [{ tag: 'sup[data-footnote]' }],
  renderHTML: ({ node }) => ['sup', { 'data-footnote': node.attrs.label, class: 'md-fnref', title: `Footnote ${node.attrs.label}` }, `[${node.attrs.label}]`],
});

/** A footnote's text `[^label]: ...`. */
const Footnote = Node.create({
  name: 'footnote',
  group: 'block',
  content: 'block+',
  defining: true,
  addAttributes: () => ({ label: { default: '1', parseHTML: (el) => el.getAttribute('data-footnote-text') } }),
  parseHTML: () => [{ tag: 'div[data-footnote-text]' }],
  renderHTML: ({ node }) => ['div', { 'data-footnote-text': node.attrs.label, class: 'md-footnote', 'aria-label': `Footnote ${node.attrs.label}` }, 0],
});

/** A soft line break inside a paragraph: printed as a space, kept as a line break in Markdown. */
const SoftBreak = Node.create({
  name: 'softBreak',
  group: 'inline',
  inline: true,
  selectable: false,
  renderHTML: () => ['span', { class: 'md-soft' }, ' '],
  renderText: () => ' ',
});

/** Markdown this editor does not model (an HTML block such as `<div lang="cy">`), shown as its
 * source and written back exactly. */
const RawBlock = Node.create({
  name: 'rawBlock',
  group: 'block',
  atom: true,
  addAttributes: () => ({ source: { default: '', parseHTML: (el) => el.textContent ?? '' } }),
  parseHTML: () => [{ tag: 'pre[data-raw-block]' }],
  renderHTML: ({ node }) => ['pre', { 'data-raw-block': '', class: 'md-raw', title: 'Markdown kept as written (edit it in the Markdown view)' }, node.attrs.source],
});

/** Inline HTML this editor does not model, kept as written. */
const RawInline = Node.create({
  name: 'rawInline',
  group: 'inline',
  inline: true,
  atom: true,
  addAttributes: () => ({ source: { default: '', parseHTML: (el) => el.textContent ?? '' } }),
  parseHTML: () => [{ tag: 'code[data-raw-inline]' }],
  renderHTML: ({ node }) => ['code', { 'data-raw-inline': '', class: 'md-raw' }, node.attrs.source],
});

/** How a picture's `src` is shown: `media:NAME` names a stored picture of the report. */
export type PictureUrl = (src: string) => string;

/** Pictures are inline, as in Markdown; `src` stays `media:NAME` in the document. */
function picture(resolve: PictureUrl) {
  return Image.extend({
    renderHTML({ HTMLAttributes }) {
      const src = String(HTMLAttributes.src ?? '');
      return ['img', mergeAttributes(this.options.HTMLAttributes, HTMLAttributes, { src: resolve(src), 'data-src': src, class: 'md-picture' })];
    },
    parseHTML() {
      return [{ tag: 'img[src]', getAttrs: (el) => ({ src: (el as HTMLElement).getAttribute('data-src') ?? (el as HTMLElement).getAttribute('src') }) }];
    },
  }).configure({ inline: true, allowBase64: true });
}

/** The editor's extensions. `resolve` turns a picture's `src` into a URL the page can show. */
export function extensions(resolve: PictureUrl = (s) => s): Extensions {
  return [
    StarterKit.configure({
      trailingNode: false,
      link: { openOnClick: false, autolink: false, linkOnPaste: true, HTMLAttributes: { rel: 'noopener noreferrer', target: null } },
      heading: { levels: [1, 2, 3, 4, 5, 6] },
    }),
    Table.configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
    picture(resolve),
    Superscript,
    Subscript,
    Language,
    FootnoteRef,
    Footnote,
    SoftBreak,
    RawBlock,
    RawInline,
    SourceId,
    ListStyle,
    TableStyle,
    LabelLayout,
    WordPaste,
  ];
}
