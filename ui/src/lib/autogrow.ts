// A Svelte action that makes a textarea as tall as its text (a resolution of three lines shows
// three lines). Not CSS `field-sizing: content`: the desktop app's WebKitGTK does not have it.
export function autogrow(node: HTMLTextAreaElement, _value?: string) {
  const fit = () => {
    node.style.height = 'auto';
    node.style.height = `${node.scrollHeight + node.offsetHeight - node.clientHeight}px`;
  };
  node.addEventListener('input', fit);
  queueMicrotask(fit);
  return {
    // Svelte calls update with the new text when it changes from outside (a reload, an undo).
    update: fit,
    destroy: () => node.removeEventListener('input', fit),
  };
}
