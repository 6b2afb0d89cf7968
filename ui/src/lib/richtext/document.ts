// Opening and saving Markdown in the formatted editor without rewriting what was not edited.
// `load` splits the text into top-level blocks (parse.ts), gives each node the index of its
// block (`mdBlock`) and keeps the node as it was made; `save` writes each top-level node from
// its source when it is still equal to the node it was made from, and serialises only changed
// or new ones (serialise.ts). Separators (the blank lines, or a link definition, between two
// blocks) are kept as written while the two blocks stay neighbours. So opening and saving a
// paper without editing it gives back every byte, and an edit rewrites only the edited block.
import type { JSONContent } from '@tiptap/core';
import type { Node as PmNode, Schema } from '@tiptap/pm/model';
import { blockToNode, splitBlocks } from './parse';
import { block as serialiseBlock } from './serialise';

interface Origin {
  source: string;
  gap: string;
  node: PmNode;
}

/** What `save` needs to know of the text an editor was opened with. */
export interface SourceMap {
  leading: string;
  trailing: string;
  origins: Origin[];
}

/** The document for `text`, and the map that lets `save` give it back unchanged. A block the
 * schema cannot hold as parsed is kept as a raw block (its source shown and written as is). */
export function load(schema: Schema, text: string): { doc: PmNode; map: SourceMap } {
  const split = splitBlocks(text);
  const nodes: PmNode[] = [];
  const origins: Origin[] = [];
  split.blocks.forEach((b, i) => {
    const raw: JSONContent = { type: 'rawBlock', attrs: { source: b.source, mdBlock: i } };
    const json = blockToNode(b) ?? raw;
    json.attrs = { ...json.attrs, mdBlock: i };
    let node: PmNode;
    try {
      node = schema.nodeFromJSON(json);
      node.check();
    } catch {
      node = schema.nodeFromJSON(raw);
    }
    nodes.push(node);
    origins.push({ source: b.source, gap: b.gap, node });
  });
  if (nodes.length === 0) nodes.push(schema.nodes.paragraph.create());
  return { doc: schema.nodes.doc.create(null, nodes), map: { leading: split.leading, trailing: split.trailing, origins } };
}

/** Points the map at the editor's own nodes (equal to the ones `load` made), so `save` knows an
 * untouched block by identity instead of comparing it. */
export function adopt(doc: PmNode, map: SourceMap): void {
  doc.forEach((node) => {
    const id = node.attrs.mdBlock as number | null;
    const origin = id != null ? map.origins[id] : undefined;
    if (!origin || origin.node === node) return;
    // `load` may have used another instance of the same schema: compare the JSON then.
    const same = origin.node.type.schema === node.type.schema ? origin.node.eq(node) : JSON.stringify(origin.node.toJSON()) === JSON.stringify(node.toJSON());
    if (same) origin.node = node;
  });
}

/** The Markdown of `doc`: unchanged blocks from their source, the rest serialised. */
export function save(doc: PmNode, map: SourceMap): string {
  let out = map.leading;
  let previous: number | null | undefined = undefined;
  doc.forEach((node) => {
    const id = node.attrs.mdBlock as number | null | undefined;
    const origin = id != null ? map.origins[id] : undefined;
    const unchanged = origin !== undefined && (origin.node === node || origin.node.eq(node));
    const text = unchanged ? origin.source : serialiseBlock(node);
    // An empty paragraph added while typing writes nothing.
    if (!unchanged && text.trim() === '') return;
    if (previous !== undefined) out += origin !== undefined && previous !== null && previous === id! - 1 ? origin.gap : '\n\n';
    out += text;
    previous = id ?? null;
  });
  return out + map.trailing;
}
