// Text from a model or a file, made safe to print on a terminal: escape and control sequences
// could move the cursor, rewrite earlier lines, set the window title or hide text.

// C0 controls except tab and newline, DEL, C1 controls, and the bidirectional overrides
// (they reorder what is shown, as in "Trojan Source").
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every terminal control character shown as a visible placeholder (`^[` style). */
export function neutraliseControls(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x20) return `^${String.fromCharCode(code + 64)}`;
    if (code === 0x7f) return '^?';
    return `\\u{${code.toString(16)}}`;
  });
}
