// Turns a file's bytes into text: honours UTF-8 and UTF-16 byte-order marks and refuses
// binary content, judged on the first 8 KB as git does.

export type DecodedText =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' }
  | { ok: false; detail: string };

const sniffBytes = 8192;
// Share of undecodable characters in the sniffed head above which a file counts as binary.
// Latin-1 prose or comments run at 1-5% non-ASCII bytes; compressed or machine data is far above.
const maxInvalidRatio = 0.1;

export function decodeSourceBytes(bytes: Uint8Array): DecodedText {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe && bytes[2] === 0 && bytes[3] === 0) return { ok: false, detail: 'UTF-32 text is not supported' };
  if (b0 === 0xff && b1 === 0xfe) return fromUtf16(bytes.subarray(2), 'utf-16le');
  if (b0 === 0xfe && b1 === 0xff) return fromUtf16(bytes.subarray(2), 'utf-16be');
  const hasBom = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;

  const head = body.subarray(0, sniffBytes);
  if (head.includes(0)) return { ok: false, detail: 'NUL bytes in the first 8 KB' };
  // Streaming decode so a character cut at the 8 KB edge is not counted as invalid.
  const headText = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(head, { stream: true });
  const invalid = countChar(headText, 0xfffd);
  if (headText.length > 0 && invalid / headText.length > maxInvalidRatio) {
    return { ok: false, detail: `${invalid} invalid UTF-8 sequences in the first 8 KB` };
  }
  // Stray invalid bytes (a Latin-1 comment) become U+FFFD; line structure is kept either way.
  return { ok: true, text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'), encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
}

function fromUtf16(body: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  const text = new TextDecoder(encoding, { fatal: false, ignoreBOM: true }).decode(body);
  if (text.slice(0, sniffBytes / 2).includes('\0')) return { ok: false, detail: `NUL characters in ${encoding} text` };
  return { ok: true, text, encoding };
}

function countChar(text: string, code: number): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === code) n++;
  return n;
}
