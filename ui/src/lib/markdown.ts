// Markdown preview for the report editor. markdown-it with raw HTML switched off (so any HTML in
// the text is shown as text, never inserted) and its default link check (no javascript: etc.),
// tables on. The preview is a guide; the PDF typesetter is the authority on layout.
import MarkdownIt from 'markdown-it';

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });

// A report's pictures are named `media:NAME` (stored with the report, not at a URL): the preview
// shows a labelled placeholder instead of an <img> that would ask the browser for "media:NAME".
const defaultImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const src = String(token.attrGet('src') ?? '');
  if (!src.startsWith('media:')) return defaultImage(tokens, idx, options, env, self);
  const alt = md.utils.escapeHtml(token.content || 'decorative');
  return `<span class="picture-placeholder">[Picture ${md.utils.escapeHtml(src.slice(6))}: ${alt}]</span>`;
};

export function renderPreview(text: string): string {
  return md.render(text);
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
