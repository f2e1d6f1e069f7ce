// Checks each citation against the sources and the files on disk now: valid, stale or invalid.
import { hashText } from '../textHash.js';
import type { ParsedCitation } from './parseCitations.js';
import type { CheckedCitation, CitationStatus, LineRange, ReadFile } from './types.js';

/** A source as the checker needs it: its indexed range, hash, and unredacted text for relocation. */
export interface CheckableSource {
  index: number;
  path: string;
  startLine: number;
  endLine: number;
  contentHash: string;
  text: string;
}

export interface SourceCheck {
  status: CitationStatus;
  reason?: string;
  movedTo?: LineRange;
}

/** Reads each file once per answer and remembers each source's verdict. */
export class CitationChecker {
  private readonly files = new Map<string, Promise<string[] | undefined>>();
  private readonly verdicts = new Map<number, Promise<SourceCheck>>();

  constructor(
    private readonly sources: readonly CheckableSource[],
    private readonly readFile: ReadFile,
  ) {}

  checkSource(source: CheckableSource): Promise<SourceCheck> {
    let verdict = this.verdicts.get(source.index);
    if (!verdict) {
      verdict = this.verify(source);
      this.verdicts.set(source.index, verdict);
    }
    return verdict;
  }

  /** Verdict for the source numbered `index` (invalid when there is none). */
  checkIndex(index: number): Promise<SourceCheck> {
    const source = this.sources.find((s) => s.index === index);
    return source ? this.checkSource(source) : Promise.resolve({ status: 'invalid', reason: `There is no source [${index}].` });
  }

  async check(citation: ParsedCitation): Promise<CheckedCitation> {
    return citation.kind === 'source' ? this.checkNumbered(citation) : this.checkPath(citation);
  }

  async checkAll(citations: readonly ParsedCitation[]): Promise<CheckedCitation[]> {
    return Promise.all(citations.map((c) => this.check(c)));
  }

  private async checkNumbered(c: Extract<ParsedCitation, { kind: 'source' }>): Promise<CheckedCitation> {
    const source = this.sources.find((s) => s.index === c.sourceIndex);
    if (!source) {
      return {
        marker: c.marker,
        sourceIndex: c.sourceIndex,
        path: '',
        startLine: 0,
        endLine: 0,
        status: 'invalid',
        reason: `There is no source [${c.sourceIndex}]; the answer had ${this.sources.length}.`,
      };
    }
    const verdict = await this.checkSource(source);
    return { marker: c.marker, sourceIndex: source.index, path: source.path, startLine: source.startLine, endLine: source.endLine, ...verdict };
  }

  private async checkPath(c: Extract<ParsedCitation, { kind: 'path' }>): Promise<CheckedCitation> {
    const base = { marker: c.marker, path: c.path, startLine: c.startLine, endLine: c.endLine };
    // Sources are named relative to the indexed folders: an absolute path is never one of them.
    if (/^(\/|~\/|[A-Za-z]:[\\/])/.test(c.path)) return { ...base, status: 'invalid', reason: `${c.path} is an absolute path; sources are files inside the indexed folders.` };
    const path = this.resolvePath(c.path);
    if (!path) return { ...base, status: 'invalid', reason: `${c.path} is not among the retrieved sources.` };
    const cited = { ...base, path };
    const lines = await this.lines(path);
    if (!lines) return { ...cited, status: 'invalid', reason: `${path} no longer exists.` };
    const lineCount = lines.length - (lines[lines.length - 1] === '' ? 1 : 0);
    if (c.startLine < 1 || c.endLine < c.startLine || c.endLine > lineCount) {
      return { ...cited, status: 'invalid', reason: `Lines ${c.startLine}-${c.endLine} are outside ${path} (${lineCount} lines).` };
    }
    const source = this.sources.find((s) => s.path === path && s.startLine <= c.endLine && c.startLine <= s.endLine);
    if (!source) {
      return { ...cited, status: 'invalid', reason: `Lines ${c.startLine}-${c.endLine} of ${path} are not in any retrieved source.` };
    }
    const verdict = await this.checkSource(source);
    return { ...cited, sourceIndex: source.index, ...verdict };
  }

  /** Exact path, else a unique source path that ends with it at a '/' (models drop leading dirs). */
  private resolvePath(path: string): string | undefined {
    if (this.sources.some((s) => s.path === path)) return path;
    const matches = new Set(this.sources.filter((s) => s.path.endsWith(`/${path}`)).map((s) => s.path));
    return matches.size === 1 ? [...matches][0] : undefined;
  }

  private async verify(source: CheckableSource): Promise<SourceCheck> {
    const lines = await this.lines(source.path);
    if (!lines) return { status: 'invalid', reason: `${source.path} no longer exists.` };
    const inFile = source.endLine <= lines.length;
    if (inFile && hashText(lines.slice(source.startLine - 1, source.endLine).join('\n')) === source.contentHash) {
      return { status: 'valid' };
    }
    const movedTo = locate(lines, source.text);
    return movedTo
      ? { status: 'stale', reason: `${source.path} changed since indexing; this code is now at lines ${movedTo.startLine}-${movedTo.endLine}.`, movedTo }
      : { status: 'stale', reason: `${source.path} changed since indexing; lines ${source.startLine}-${source.endLine} no longer hold the cited code.` };
  }

  private lines(path: string): Promise<string[] | undefined> {
    let pending = this.files.get(path);
    if (!pending) {
      pending = this.readFile(path).then(
        (text) => text.split('\n'),
        (err: unknown) => {
          if (isMissingFile(err)) return undefined;
          throw err;
        },
      );
      this.files.set(path, pending);
    }
    return pending;
  }
}

/** Where `text` (whole lines) sits in the file now, if it is still there verbatim. */
function locate(lines: string[], text: string): LineRange | undefined {
  const want = text.split('\n');
  if (want.length === 0 || want.length > lines.length) return undefined;
  for (let i = 0; i + want.length <= lines.length; i++) {
    if (lines[i] !== want[0]) continue;
    let k = 1;
    while (k < want.length && lines[i + k] === want[k]) k++;
    if (k === want.length) return { startLine: i + 1, endLine: i + want.length };
  }
  return undefined;
}

function isMissingFile(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'FileNotFound';
}
