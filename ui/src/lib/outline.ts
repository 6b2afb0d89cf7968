// The pack viewer's outline and find-in-pack, as plain data (the viewer draws them). The PDF's
// bookmarks come flat with a depth; they become a tree where the items (depth 0) and their
// appendices are always shown and every other entry (a report's own headings) waits behind its
// parent's disclosure, so a keyboard user meets one stop per item, not one per heading.
// Search counts case-insensitive matches of a phrase in each page's text.
//
// Deliberately not here: pdf.js, the DOM, or which page is shown.

export interface FlatEntry {
  title: string;
  depth: number;
  page: number | null;
}

export interface OutlineNode {
  title: string;
  page: number | null;
  /** Appendices of an item: shown with it. */
  appendices: OutlineNode[];
  /** Deeper headings: shown only when the node is expanded. */
  headings: OutlineNode[];
}

const APPENDIX = /^Appendix\b/;

/** Turns depth-tagged entries (in document order) into the outline tree. */
export function outlineTree(flat: readonly FlatEntry[]): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const stack: { depth: number; node: OutlineNode }[] = [];
  for (const e of flat) {
    const node: OutlineNode = { title: e.title, page: e.page, appendices: [], headings: [] };
    while (stack.length && stack[stack.length - 1].depth >= e.depth) stack.pop();
    const parent = stack[stack.length - 1]?.node;
    if (!parent) roots.push(node);
    else if (stack.length === 1 && APPENDIX.test(e.title)) parent.appendices.push(node);
    else parent.headings.push(node);
    stack.push({ depth: e.depth, node });
  }
  return roots;
}

/** How many times `phrase` occurs in `text`, ignoring case and runs of white space. */
export function countMatches(text: string, phrase: string): number {
  const needle = normalise(phrase);
  if (!needle) return 0;
  const hay = normalise(text);
  let n = 0;
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + needle.length)) n++;
  return n;
}

export function normalise(s: string): string {
  return s.replace(/\s+/g, ' ').trim().toLocaleLowerCase('en-GB');
}

export interface PageHits {
  page: number;
  count: number;
}

/** Pages (1-based) holding the phrase, with their counts; pages without any are left out. */
export function findInPages(pageTexts: readonly string[], phrase: string): PageHits[] {
  return pageTexts.map((t, i) => ({ page: i + 1, count: countMatches(t, phrase) })).filter((h) => h.count > 0);
}
