// The report editor's preview shows merged table cells (`<`, `^`, docs/format.md) merged, as
// the pack prints them, instead of the markers.
import { describe, expect, it } from 'vitest';
import { renderPreview } from './markdown';

describe('preview of merged cells', () => {
  it('spans columns and rows, head and body apart', () => {
    const html = renderPreview('| Ward | Budget | < | Notes |\n|---|---|---|---|\n| Abbey | 2024 | 2025 | Rises |\n| ^ | 10 | 12 | < |\n');
    expect(html).toContain('<th colspan="2">Budget</th>');
    expect(html).toContain('<td rowspan="2">Abbey</td>');
    expect(html).toContain('<td colspan="2">12</td>');
    expect(html).not.toMatch(/>\s*[<^]\s*</);
  });
  it('covers a block merged both ways once', () => {
    const html = renderPreview('| A | B |\n|---|---|\n| x | < |\n| ^ | < |\n');
    expect(html).toContain('<td colspan="2" rowspan="2">x</td>');
    expect(html.match(/<td/g)?.length).toBe(1);
  });
});

describe('preview of pictures', () => {
  it('shows a stored picture from its object URL, with its alt text', () => {
    const html = renderPreview('![Bar chart](media:image1.png) and ![decorative](media:rule.png)', (src) => `blob:http://x/${src.slice(6)}`);
    expect(html).toContain('<img class="picture" src="blob:http://x/image1.png" alt="Bar chart">');
    expect(html, 'a decorative picture is silent to screen readers').toContain('src="blob:http://x/rule.png" alt=""');
  });
  it('keeps the placeholder when the picture has no object URL', () => {
    expect(renderPreview('![Bar chart](media:gone.png)', () => '')).toContain('[Picture gone.png: Bar chart]');
  });
});
