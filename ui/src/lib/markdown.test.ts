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
