// Marks the words that matched the question inside an answer's quoted code (the extractive
// answer's matched lines), so the eye finds them without reading every line.

/** Wraps each occurrence of `words` in code blocks under `root` in <mark class="term">. */
export function markWords(root: HTMLElement, words: readonly string[]): void {
  const usable = words.filter((w) => /^[A-Za-z0-9_]{3,}$/.test(w));
  if (usable.length === 0) return;
  const pattern = new RegExp(`(${[...usable].sort((a, b) => b.length - a.length).join('|')})`, 'g');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, { acceptNode: (n) => (n.parentElement?.closest('pre') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT) });
  const nodes: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
  for (const node of nodes) {
    const parts = node.data.split(pattern);
    if (parts.length === 1) continue;
    node.replaceWith(...parts.map((part, i) => {
      if (i % 2 === 0) return document.createTextNode(part);
      const mark = document.createElement('mark');
      mark.className = 'term';
      mark.textContent = part;
      return mark;
    }));
  }
}
