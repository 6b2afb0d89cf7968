// Numbered paragraphs ("1.1<TAB>text", docs/format.md) in the formatted editor: the label the
// next one should carry, and a decoration that lays a labelled paragraph out with a hanging
// indent as the pack prints it.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Node as PmNode } from '@tiptap/pm/model';

/** A label before a TAB: at most 16 characters without spaces (docs/format.md). */
export const LABEL = /^([^\s]{1,16})\t/;

/** The label a new numbered paragraph at `pos` takes: the one before it plus one ("1.2" after
 * "1.1"), or "1.1" when none comes before. */
export function nextLabel(doc: PmNode, pos: number): string {
  let previous: string | null = null;
  doc.nodesBetween(0, pos, (node, at) => {
    if (node.type.name === 'paragraph' && at < pos) {
      const m = LABEL.exec(node.textContent);
      if (m && /\d$/.test(m[1].replace(/[.)]$/, ''))) previous = m[1];
      return false;
    }
    return true;
  });
  if (!previous) return '1.1';
  const p = previous as string;
  const trail = /[.)]$/.test(p) ? p.slice(-1) : '';
  const body = trail ? p.slice(0, -1) : p;
  return body.replace(/(\d+)$/, (n) => String(Number(n) + 1)) + trail;
}

const key = new PluginKey<DecorationSet>('labelLayout');

/** Adds class `md-label` to every labelled paragraph. */
export const LabelLayout = Extension.create({
  name: 'labelLayout',
  addProseMirrorPlugins() {
    const decorate = (doc: PmNode) => {
      const found: Decoration[] = [];
      doc.descendants((node, pos) => {
        if (node.type.name === 'paragraph') {
          if (LABEL.test(node.textContent)) found.push(Decoration.node(pos, pos + node.nodeSize, { class: 'md-label' }));
          return false;
        }
        return true;
      });
      return DecorationSet.create(doc, found);
    };
    return [
      new Plugin({
        key,
        state: {
          init: (_, state) => decorate(state.doc),
          apply: (tr, set) => (tr.docChanged ? decorate(tr.doc) : set),
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
});
