// The formatted editor's nodes back to our Markdown dialect (docs/format.md). Used only for
// blocks that were changed or added: an unchanged block is written from its source
// (document.ts). The output is what parse.ts reads back to the same node: labels before a TAB
// are escaped where Markdown would read a list (`1\.<TAB>`), merged cells become `<` and `^`.
import type { Mark, Node as PmNode } from '@tiptap/pm/model';

/** Marks in the order they open (outermost first); each pair opens and closes one style. */
const MARK_ORDER = ['link', 'language', 'bold', 'italic', 'strike', 'underline', 'superscript', 'subscript', 'code'];
function delimiters(mark: Mark): [string, string] {
  switch (mark.type.name) {
    case 'bold':
      return ['**', '**'];
    case 'italic':
      return ['*', '*'];
    case 'strike':
      return ['~~', '~~'];
    case 'underline':
      return ['<u>', '</u>'];
    case 'superscript':
      return ['<sup>', '</sup>'];
    case 'subscript':
      return ['<sub>', '</sub>'];
    case 'language':
      return [`<span lang="${String(mark.attrs.lang).replace(/[^A-Za-z0-9-]/g, '')}">`, '</span>'];
    case 'link':
      return ['[', `](${destination(String(mark.attrs.href ?? ''))}${mark.attrs.title ? ` "${String(mark.attrs.title).replace(/"/g, '\\"')}"` : ''})`];
    default:
      return ['', ''];
  }
}

function destination(url: string): string {
  return /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, (c) => encodeURIComponent(c))}>` : url;
}

/** Escapes characters that Markdown would read as syntax inside a line of text. */
function escapeText(text: string, inTable: boolean): string {
  let out = text.replace(/[\\`*_[\]]/g, '\\$&').replace(/~~/g, '\\~\\~');
  out = out.replace(/<(?=[A-Za-z/!?])/g, '\\<').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
  if (inTable) out = out.replace(/\|/g, '\\|');
  return out;
}

/** Escapes what would make a line start a block: `#`, `>`, list markers, a label like `1.`. */
function escapeLineStart(line: string): string {
  return line
    .replace(/^(\s*)([#>+=])/, '$1\\$2')
    .replace(/^(\s*)([-*])(?=[ \t]|$)/, '$1\\$2')
    .replace(/^(\s*\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2')
    .replace(/^( {4,})/, (s) => '&#32;' + s.slice(1));
}

function sortMarks(marks: readonly Mark[]): Mark[] {
  return [...marks].sort((a, b) => MARK_ORDER.indexOf(a.type.name) - MARK_ORDER.indexOf(b.type.name));
}

/** A paragraph's (or heading's, or cell's) inline content as Markdown. */
export function inline(node: PmNode, inTable = false): string {
  let out = '';
  let open: Mark[] = [];
  const closeTo = (keep: number) => {
    while (open.length > keep) out += delimiters(open.pop()!)[1];
  };
  const items: { node: PmNode; marks: Mark[] }[] = [];
  node.forEach((child) => items.push({ node: child, marks: sortMarks(child.marks) }));
  items.forEach(({ node: child, marks }, idx) => {
    // Keep the marks already open as far as they agree with this node's, in order.
    let same = 0;
    while (same < open.length && same < marks.length && open[same].eq(marks[same])) same++;
    // Spaces just inside a style would stop Markdown reading it: they go outside.
    if (child.isText && same < marks.length) {
      const lead = /^\s+/.exec(child.text!)?.[0] ?? '';
      if (lead && lead !== child.text) {
        closeTo(same);
        out += lead;
        child = child.type.schema.text(child.text!.slice(lead.length), child.marks);
      }
    }
    closeTo(same);
    let trail = '';
    if (child.isText && marks.length) {
      const next = items[idx + 1];
      const t = /\s+$/.exec(child.text!)?.[0] ?? '';
      if (t && t !== child.text && (!next || !marks.every((m) => m.isInSet(next.marks)))) {
        trail = t;
        child = child.type.schema.text(child.text!.slice(0, -t.length), child.marks);
      }
    }
    const isCode = marks.some((m) => m.type.name === 'code');
    for (const m of marks.slice(same)) {
      if (m.type.name === 'code') continue;
      out += delimiters(m)[0];
      open.push(m);
    }
    if (child.isText) {
      if (isCode) {
        const text = child.text!;
        const ticks = '`'.repeat(Math.max(1, ...(text.match(/`+/g) ?? []).map((s) => s.length + 1)));
        const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
        out += `${ticks}${pad}${text}${pad}${ticks}`;
      } else out += escapeText(child.text!, inTable);
    } else {
      out += leaf(child, inTable);
    }
    if (trail) {
      closeTo(0);
      out += trail;
    }
  });
  closeTo(0);
  open = [];
  return out;
}

function leaf(node: PmNode, inTable: boolean): string {
  switch (node.type.name) {
    case 'image': {
      const alt = String(node.attrs.alt ?? '').replace(/[[\]]/g, '\\$&');
      const title = node.attrs.title ? ` "${String(node.attrs.title).replace(/"/g, '\\"')}"` : '';
      return `![${alt}](${destination(String(node.attrs.src ?? ''))}${title})`;
    }
    case 'hardBreak':
      return inTable ? ' ' : '\\\n';
    case 'softBreak':
      return inTable ? ' ' : '\n';
    case 'footnoteRef':
      return `[^${node.attrs.label}]`;
    case 'rawInline':
      return String(node.attrs.source);
    default:
      return node.textContent;
  }
}

function indent(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? first + line : line === '' ? '' : rest + line))
    .join('\n');
}

function paragraphText(node: PmNode): string {
  // A line that would start with raw HTML (`<p>` kept as written) could open an HTML block and
  // end the paragraph: indented four spaces it can only continue the paragraph.
  return inline(node)
    .split('\n')
    .map(escapeLineStart)
    .join('\n')
    .replace(/\n(?=<)/g, '\n    ');
}

function cellText(cell: PmNode): string {
  const parts: string[] = [];
  cell.descendants((n) => {
    if (n.isTextblock) {
      parts.push(inline(n, true).replace(/\n/g, ' '));
      return false;
    }
    return true;
  });
  const text = parts.join(' ').trim();
  return text === '<' || text === '^' ? `\\${text}` : text;
}

function table(node: PmNode): string {
  // Lay the cells on a grid, writing `<` and `^` into the places a merged cell covers.
  const grid: string[][] = [];
  node.forEach((row, _o, r) => {
    grid[r] ??= [];
    let c = 0;
    row.forEach((cell) => {
      while (grid[r][c] !== undefined) c++;
      const colspan = Number(cell.attrs.colspan ?? 1);
      const rowspan = Number(cell.attrs.rowspan ?? 1);
      for (let dr = 0; dr < rowspan; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < colspan; dc++) {
          grid[r + dr][c + dc] = dr === 0 && dc === 0 ? cellText(cell) : dc === 0 ? '^' : '<';
        }
      }
      c += colspan;
    });
  });
  const width = Math.max(1, ...grid.map((r) => r.length));
  const aligns: string[] = Array.isArray(node.attrs.aligns) ? node.attrs.aligns : [];
  const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  const rule = Array.from({ length: width }, (_, i) => ({ left: ':--', right: '--:', center: ':-:' })[aligns[i] as 'left'] ?? '---');
  const [head = [], ...body] = grid;
  return [line(head), `| ${rule.join(' | ')} |`, ...body.map(line)].join('\n');
}

function list(node: PmNode): string {
  const ordered = node.type.name === 'orderedList';
  const tight = node.attrs.tight !== false;
  const start = Number(node.attrs.start ?? 1);
  const markup = String(node.attrs.markup ?? (ordered ? '.' : '-'));
  const items: string[] = [];
  node.forEach((item, _o, i) => {
    const marker = ordered ? `${start + i}${markup}` : markup;
    const body = children(item, tight ? '\n' : '\n\n');
    items.push(indent(body, `${marker} `, ' '.repeat(marker.length + 1)));
  });
  return items.join(tight ? '\n' : '\n\n');
}

function children(node: PmNode, sep: string): string {
  const parts: string[] = [];
  node.forEach((child) => parts.push(block(child)));
  return parts.join(sep);
}

/** One block node as Markdown, without a line break at the end. */
export function block(node: PmNode): string {
  switch (node.type.name) {
    case 'paragraph':
      return paragraphText(node);
    case 'heading':
      return `${'#'.repeat(Number(node.attrs.level ?? 1))} ${inline(node).replace(/\n/g, ' ')}`.trimEnd();
    case 'bulletList':
    case 'orderedList':
      return list(node);
    case 'blockquote':
      return children(node, '\n\n')
        .split('\n')
        .map((l) => (l ? `> ${l}` : '>'))
        .join('\n');
    case 'codeBlock': {
      const text = node.textContent;
      const fence = '`'.repeat(Math.max(3, ...(text.match(/`{3,}/g) ?? []).map((s) => s.length + 1)));
      return `${fence}${node.attrs.language ?? ''}\n${text}\n${fence}`;
    }
    case 'horizontalRule':
      return '---';
    case 'table':
      return table(node);
    case 'footnote':
      return indent(children(node, '\n\n'), `[^${node.attrs.label}]: `, '    ');
    case 'rawBlock':
      return String(node.attrs.source);
    default:
      return paragraphText(node);
  }
}
