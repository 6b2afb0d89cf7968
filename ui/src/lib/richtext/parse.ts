// Markdown (our dialect, docs/format.md) to the formatted editor's document, block by block.
// `splitBlocks` cuts the text into its top-level blocks with markdown-it, keeping every byte:
// the text before the first block, each block's own source and the separator before it, and the
// text after the last; `blockToNode` turns one block's tokens into a ProseMirror node (JSON).
// markdown-it is not the typesetter (pulldown-cmark is), so this decides only how a block is
// shown for editing; an unchanged block is always written back from its source (document.ts).
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import type { JSONContent } from '@tiptap/core';

const md = new MarkdownIt({ html: true, linkify: false, typographer: false }).use(footnote);
// Footnote texts stay where they are written (not gathered at the end), and `^[inline]` notes
// are not Markdown to the typesetter.
md.core.ruler.disable('footnote_tail');
md.inline.ruler.disable('footnote_inline');
// Link targets as written (markdown-it would percent-encode them; the typesetter does not).
// markdown-it's check against javascript: and similar still applies.
md.normalizeLink = (url) => url;
md.normalizeLinkText = (url) => url;

/** One top-level block: its source, the text between it and the block before, its tokens. */
export interface SourceBlock {
  source: string;
  gap: string;
  tokens: Token[];
}
export interface SplitText {
  leading: string;
  blocks: SourceBlock[];
  trailing: string;
}

/** Offsets of line starts, counting line breaks as markdown-it does (\r\n, \r or \n). */
function lineStarts(text: string): number[] {
  const starts = [0];
  const re = /\r\n?|\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) starts.push(m.index + m[0].length);
  return starts;
}

/** The lines a token group covers: markdown-it's map, or for a footnote text the span of
 * everything inside it. */
function spanOf(group: Token[]): [number, number] | null {
  let from = Infinity;
  let to = -Infinity;
  for (const t of group) {
    if (t.map) {
      from = Math.min(from, t.map[0]);
      to = Math.max(to, t.map[1]);
    }
  }
  return from === Infinity ? null : [from, to];
}

/** Cuts `text` into top-level blocks. Joining leading + (gap + source)... + trailing gives
 * `text` back exactly. */
export function splitBlocks(text: string): SplitText {
  const tokens = md.parse(text, {});
  const starts = lineStarts(text);
  const lineEnd = (line: number) => {
    // End of line `line - 1` without its line break.
    if (line >= starts.length) return text.length;
    const next = starts[line];
    return text[next - 2] === '\r' && text[next - 1] === '\n' ? next - 2 : next - 1;
  };
  const isBlank = (line: number) => text.slice(starts[line], lineEnd(line + 1)).trim() === '';
  const groups: Token[][] = [];
  let current: Token[] = [];
  let depth = 0;
  for (const t of tokens) {
    current.push(t);
    depth += t.nesting;
    if (depth === 0) {
      groups.push(current);
      current = [];
    }
  }
  const blocks: SourceBlock[] = [];
  let cursor = 0;
  for (const group of groups) {
    const span = spanOf(group);
    if (!span) continue;
    let [from, to] = span;
    // Blank lines markdown-it counts into a block belong to the separator after it.
    while (to > from + 1 && isBlank(to - 1)) to--;
    const start = starts[from] ?? text.length;
    const end = lineEnd(to);
    if (start < cursor) continue;
    blocks.push({ source: text.slice(start, end), gap: text.slice(cursor, start), tokens: group });
    cursor = end;
  }
  if (blocks.length === 0) return { leading: text, blocks: [], trailing: '' };
  const leading = blocks[0].gap;
  blocks[0].gap = '';
  return { leading, blocks, trailing: text.slice(cursor) };
}

type Mark = { type: string; attrs?: Record<string, unknown> };

/** Inline HTML the typesetter reads as a style (docs/format.md "Styles", "Language"). */
function htmlMark(html: string): { open?: Mark; close?: string } | null {
  const tag = html.trim();
  const simple: Record<string, string> = { u: 'underline', sup: 'superscript', sub: 'subscript' };
  const open = /^<(u|sup|sub)>$/i.exec(tag);
  if (open) return { open: { type: simple[open[1].toLowerCase()] } };
  const close = /^<\/(u|sup|sub|span)>$/i.exec(tag);
  if (close) return { close: close[1].toLowerCase() === 'span' ? 'language' : simple[close[1].toLowerCase()] };
  const lang = /^<span lang="([A-Za-z0-9-]{1,35})">$/.exec(tag);
  if (lang) return { open: { type: 'language', attrs: { lang: lang[1] } } };
  return null;
}

/** markdown-it inline tokens to ProseMirror inline nodes. */
export function inlineNodes(children: Token[] | null): JSONContent[] {
  const out: JSONContent[] = [];
  const marks: Mark[] = [];
  const push = (node: JSONContent) => {
    if (marks.length) node.marks = marks.map((m) => ({ ...m }));
    out.push(node);
  };
  const drop = (type: string) => {
    for (let i = marks.length - 1; i >= 0; i--) {
      if (marks[i].type === type) {
        marks.splice(i, 1);
        return;
      }
    }
  };
  for (const t of children ?? []) {
    switch (t.type) {
      case 'text':
        if (t.content) push({ type: 'text', text: t.content });
        break;
      case 'code_inline':
        marks.push({ type: 'code' });
        if (t.content) push({ type: 'text', text: t.content });
        drop('code');
        break;
      case 'softbreak':
        push({ type: 'softBreak' });
        break;
      case 'hardbreak':
        push({ type: 'hardBreak' });
        break;
      case 'strong_open':
        marks.push({ type: 'bold' });
        break;
      case 'em_open':
        marks.push({ type: 'italic' });
        break;
      case 's_open':
        marks.push({ type: 'strike' });
        break;
      case 'link_open':
        marks.push({ type: 'link', attrs: { href: String(t.attrGet('href') ?? ''), title: t.attrGet('title') ?? null } });
        break;
      case 'strong_close':
        drop('bold');
        break;
      case 'em_close':
        drop('italic');
        break;
      case 's_close':
        drop('strike');
        break;
      case 'link_close':
        drop('link');
        break;
      case 'image':
        push({ type: 'image', attrs: { src: t.attrGet('src') ?? '', alt: t.content, title: t.attrGet('title') ?? null } });
        break;
      case 'footnote_ref':
        push({ type: 'footnoteRef', attrs: { label: String(t.meta?.label ?? t.meta?.id ?? '') } });
        break;
      case 'html_inline': {
        const m = htmlMark(t.content);
        if (m?.open) marks.push(m.open);
        else if (m?.close && marks.some((x) => x.type === m.close)) drop(m.close);
        else push({ type: 'rawInline', attrs: { source: t.content } });
        break;
      }
      default:
        push({ type: 'rawInline', attrs: { source: t.content || t.markup } });
    }
  }
  return out;
}

/** A table cell's content: `<` or `^` alone are merge markers (docs/format.md). */
function cellMarker(inline: Token | undefined): '<' | '^' | null {
  const c = inline?.content.trim();
  return c === '<' || c === '^' ? c : null;
}

interface GridCell {
  node: JSONContent;
  row: number;
  col: number;
}

/** Rows of one table section (head or body) with `<`/`^` turned into colspan/rowspan. */
function sectionRows(rows: { cells: { tag: string; inline?: Token }[] }[]): JSONContent[] {
  const owner: (GridCell | undefined)[][] = [];
  const out: JSONContent[] = [];
  rows.forEach((row, r) => {
    owner[r] = [];
    const content: JSONContent[] = [];
    row.cells.forEach((cell, c) => {
      const marker = cellMarker(cell.inline);
      if (marker === '^' && r > 0) {
        const above = owner[r - 1][c];
        if (above && above.col === c) {
          const span = (above.node.attrs!.colspan as number) ?? 1;
          above.node.attrs!.rowspan = r - above.row + 1;
          for (let k = c; k < c + span; k++) owner[r][k] = above;
          return;
        }
      }
      if (marker === '<' && c > 0) {
        const left = owner[r][c - 1];
        if (left && (left.node.attrs!.colspan as number) + left.col > c) {
          owner[r][c] = left;
          return;
        }
        if (left && left.row === r) {
          left.node.attrs!.colspan = (left.node.attrs!.colspan as number) + 1;
          owner[r][c] = left;
          return;
        }
      }
      if (owner[r][c]) return;
      const inline = cell.inline ? inlineNodes(cell.inline.children) : [];
      const node: JSONContent = { type: cell.tag === 'th' ? 'tableHeader' : 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [{ type: 'paragraph', content: inline.length ? inline : undefined }] };
      owner[r][c] = { node, row: r, col: c };
      content.push(node);
    });
    out.push({ type: 'tableRow', content });
  });
  return out;
}

/** Parses tokens[i...] as blocks until the closing token of the enclosing container. */
function blocks(tokens: Token[], i: number, out: JSONContent[]): number {
  while (i < tokens.length && tokens[i].nesting !== -1) {
    const t = tokens[i];
    switch (t.type) {
      case 'paragraph_open': {
        const content = inlineNodes(tokens[i + 1].children);
        out.push({ type: 'paragraph', content: content.length ? content : undefined });
        i += 3;
        break;
      }
      case 'heading_open': {
        const content = inlineNodes(tokens[i + 1].children);
        out.push({ type: 'heading', attrs: { level: Number(t.tag.slice(1)) }, content: content.length ? content : undefined });
        i += 3;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const items: JSONContent[] = [];
        let tight = true;
        let j = i + 1;
        while (tokens[j].type === 'list_item_open') {
          const content: JSONContent[] = [];
          const k = blocks(tokens, j + 1, content);
          for (let x = j + 1; x < k; x++) if (tokens[x].type === 'paragraph_open' && !tokens[x].hidden) tight = false;
          items.push({ type: 'listItem', content: content.length ? content : [{ type: 'paragraph' }] });
          j = k + 1;
        }
        const ordered = t.type === 'ordered_list_open';
        const attrs: Record<string, unknown> = { markup: t.markup, tight };
        if (ordered) attrs.start = Number(t.attrGet('start') ?? 1);
        out.push({ type: ordered ? 'orderedList' : 'bulletList', attrs, content: items });
        i = j + 1;
        break;
      }
      case 'blockquote_open': {
        const content: JSONContent[] = [];
        const k = blocks(tokens, i + 1, content);
        out.push({ type: 'blockquote', content: content.length ? content : [{ type: 'paragraph' }] });
        i = k + 1;
        break;
      }
      case 'footnote_reference_open': {
        const content: JSONContent[] = [];
        const k = blocks(tokens, i + 1, content);
        out.push({ type: 'footnote', attrs: { label: String(t.meta?.label ?? '') }, content: content.length ? content : [{ type: 'paragraph' }] });
        i = k + 1;
        break;
      }
      case 'fence':
      case 'code_block': {
        const text = t.content.replace(/\n$/, '');
        out.push({ type: 'codeBlock', attrs: { language: t.info.trim() || null }, content: text ? [{ type: 'text', text }] : undefined });
        i += 1;
        break;
      }
      case 'hr':
        out.push({ type: 'horizontalRule' });
        i += 1;
        break;
      case 'table_open': {
        const sections: JSONContent[][] = [];
        const aligns: string[] = [];
        let j = i + 1;
        while (tokens[j].type !== 'table_close') {
          if (tokens[j].type === 'thead_open' || tokens[j].type === 'tbody_open') {
            const rows: { cells: { tag: string; inline?: Token }[] }[] = [];
            j++;
            while (tokens[j].type === 'tr_open') {
              const cells: { tag: string; inline?: Token }[] = [];
              j++;
              while (tokens[j].type === 'th_open' || tokens[j].type === 'td_open') {
                if (tokens[j].type === 'th_open') {
                  const style = String(tokens[j].attrGet('style') ?? '');
                  aligns.push(/text-align:(\w+)/.exec(style)?.[1] ?? '');
                }
                const inline = tokens[j + 1].type === 'inline' ? tokens[j + 1] : undefined;
                cells.push({ tag: tokens[j].tag, inline });
                j += inline ? 3 : 2;
              }
              rows.push({ cells });
              j++;
            }
            sections.push(sectionRows(rows));
          }
          j++;
        }
        out.push({ type: 'table', attrs: { aligns }, content: sections.flat() });
        i = j + 1;
        break;
      }
      default:
        // html_block and anything else: kept as written.
        out.push({ type: 'rawBlock', attrs: { source: t.content.replace(/\n$/, '') } });
        i += 1;
    }
  }
  return i;
}

/** One top-level block's node, or null when markdown-it made nothing of it. */
export function blockToNode(block: SourceBlock): JSONContent | null {
  const out: JSONContent[] = [];
  blocks(block.tokens, 0, out);
  return out.length === 1 ? out[0] : null;
}
