// Markdown preview for the report editor. markdown-it with raw HTML switched off (so any HTML in
// the text is shown as text, never inserted) and its default link check (no javascript: etc.),
// tables on. The preview is a guide; the PDF typesetter is the authority on layout.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

// A report's pictures are named `media:NAME` (stored with the report, not at a URL): the preview
// shows the picture from the URL the caller's `pictureUrl` gives for it (an object URL of the
// stored bytes), else a labelled placeholder, never an <img> asking the browser for "media:NAME".
const defaultImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const src = String(token.attrGet('src') ?? '');
  if (!src.startsWith('media:')) return defaultImage(tokens, idx, options, env, self);
  const alt = md.utils.escapeHtml(token.content || 'decorative');
  const url = (env as PreviewEnv | undefined)?.pictureUrl?.(src);
  if (url && /^blob:/.test(url)) return `<img class="picture" src="${md.utils.escapeHtml(url)}" alt="${token.content === 'decorative' ? '' : alt}">`;
  return `<span class="picture-placeholder">[Picture ${md.utils.escapeHtml(src.slice(6))}: ${alt}]</span>`;
};

interface PreviewEnv {
  pictureUrl?: (src: string) => string;
}

/** The preview's HTML; `pictureUrl` gives the object URL a `media:NAME` picture is shown from. */
export function renderPreview(text: string, pictureUrl?: (src: string) => string): string {
  return mergeCells(md.render(text, { pictureUrl } satisfies PreviewEnv));
}

/** Merged table cells as the pack prints them (docs/format.md): a cell holding only `<`
 * joins the cell on its left, `^` the cell above; head and body rows merge separately. */
function mergeCells(html: string): string {
  if (!html.includes('<table') || typeof document === 'undefined') return html;
  const root = document.createElement('template');
  root.innerHTML = html;
  for (const section of Array.from(root.content.querySelectorAll('thead, tbody'))) {
    const owner: (HTMLTableCellElement | undefined)[][] = [];
    Array.from(section.querySelectorAll('tr')).forEach((tr, r) => {
      owner[r] = [];
      Array.from(tr.children).forEach((el, c) => {
        const cell = el as HTMLTableCellElement;
        const mark = cell.textContent?.trim();
        const above = r > 0 ? owner[r - 1][c] : undefined;
        const left = c > 0 ? owner[r][c - 1] : undefined;
        if (mark === '^' && above && owner[r - 1][c - 1] !== above) {
          above.rowSpan += 1;
          for (let k = c; k < c + above.colSpan; k++) owner[r][k] = above;
          cell.remove();
        } else if (mark === '<' && left) {
          if (owner[r][c] !== left) left.colSpan += 1; // not already covered from above
          owner[r][c] = left;
          cell.remove();
        } else if (!owner[r][c]) owner[r][c] = cell;
      });
    });
  }
  return root.innerHTML;
}

/** Offset of a 1-based line and column in `text` (clamped), for placing diagnostics. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  let current = 1;
  while (current < line) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
    current++;
  }
  const end = text.indexOf('\n', offset);
  const lineEnd = end < 0 ? text.length : end;
  return Math.min(offset + Math.max(0, column - 1), lineEnd);
}
