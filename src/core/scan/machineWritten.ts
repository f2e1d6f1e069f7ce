// Recognises text that tools wrote for machines (minified bundles, generated sources): it only
// adds noise to an index, and nobody asks questions about it.

// Average characters per line above which code counts as minified. Measured over 9.6k
// .js/.ts/.c/.py files (1 KB-1 MB) in node_modules: median 36, and every file above 200 was a
// bundle, a .min file or a generated lookup table.
const maxAverageLineLength = 200;
// Below this size a long line is just a long line.
const minLengthForLineCheck = 1024;
// Tools put their marker in the header comment.
const headerLines = 12;

// Prose is written one paragraph per line; long lines there are normal.
const proseExtensions = /\.(md|mdx|markdown|txt|rst|adoc|asciidoc|tex|org|textile|csv|tsv)$/i;

const generatedMarker = /@generated\b|\bgenerated\b.*\bdo not (edit|modify)\b|\bdo not (edit|modify)\b.*\bgenerated\b/i;
const commentStart = /^\s*(\/\/|\/\*|\*|#|<!--|--|;|%|'|rem\b)/i;

export type MachineWritten = { reason: 'minified' | 'generated'; detail: string } | undefined;

export function machineWrittenReason(text: string, relPath: string): MachineWritten {
  const header = text.slice(0, 4096).split('\n', headerLines);
  for (const line of header) {
    if (commentStart.test(line) && generatedMarker.test(line)) {
      return { reason: 'generated', detail: `marker: ${line.trim().slice(0, 120)}` };
    }
  }
  if (text.length >= minLengthForLineCheck && !proseExtensions.test(relPath)) {
    let lines = 1;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lines++;
    const average = text.length / lines;
    if (average > maxAverageLineLength) {
      return { reason: 'minified', detail: `average line length ${Math.round(average)} characters` };
    }
  }
  return undefined;
}
