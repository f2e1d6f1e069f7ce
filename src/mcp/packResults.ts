// Small-to-big output for agents: the best hits whole within half the budget, every other ranked
// hit as its header, signature and the lines that match the query (so many distinct places fit),
// then, while budget remains, more hits shown whole. The rendered text never exceeds the budget.
import { signatureLines } from '../core/answer/codeSummary.js';
import { matchedLines, termWeights } from '../core/answer/matchedLines.js';
import type { RetrievedChunk } from '../core/retrieve/types.js';
import { estimateTokens } from '../core/tokenEstimate.js';

export interface PackedResult {
  chunk: RetrievedChunk;
  /** Line numbers shown, ascending; gaps between them print as "…". */
  shown: number[];
  whole: boolean;
}

export interface PackedResults {
  results: PackedResult[];
  text: string;
  usedTokens: number;
  /** Hits that did not fit at all. */
  omitted: number;
}

/** Matching lines per hit in its short form: with the signature, about 60–90 tokens a hit. */
const MATCH_LINES = 3;
/** A hit shown whole is cut here: a longer chunk is better read with read_range. */
const MAX_WHOLE_LINES = 80;
/** Long lines (minified or data) are cut: one line must not eat the budget. */
const MAX_LINE_CHARS = 160;
/**
 * Budget share for the best hits shown whole before the others are listed short. Mean of the 8
 * search_code cells of scripts/bench/tokensToAnswer.ts (2 dev sets × 1k–8k): 0.5 → 68.4 %,
 * 0.3 → 67.5 %, only the first hit within ¼ → 67.0 %, none → 66.4 % (docs/benchmarks.md); with
 * the chat answer's matched lines and a one-line declaration in the short form, 69.0 %.
 */
const WHOLE_SHARE = 0.5;

export function whyOf(c: RetrievedChunk): string {
  const signals = Object.entries(c.signals).map(([s, e]) => `${s} #${e!.rank}`);
  if (c.contentKind !== 'code') signals.push(`${c.contentKind} file`);
  if (c.otherLocations.length > 0) signals.push(`+${c.otherLocations.length} identical cop${c.otherLocations.length === 1 ? 'y' : 'ies'}`);
  return signals.join(', ');
}

function header(n: number, c: RetrievedChunk): string {
  const name = c.symbol ? ` ${c.symbol}` : '';
  return `[${n}] ${c.path}:${c.startLine}-${c.endLine}${name} (${c.kind}) — ${whyOf(c)}`;
}

export function renderResult(n: number, r: PackedResult): string {
  const lines = r.chunk.text.split('\n');
  const out = [header(n, r.chunk)];
  let last = -1;
  for (const ln of r.shown) {
    const i = ln - r.chunk.startLine;
    if (last >= 0 && i > last + 1) out.push('  …');
    const t = (lines[i] ?? '').replace(/\s+$/, '');
    out.push(`${ln}: ${t.length > MAX_LINE_CHARS ? t.slice(0, MAX_LINE_CHARS) + '…' : t}`);
    last = i;
  }
  if (r.whole && lines.length > MAX_WHOLE_LINES) out.push(`  … ${lines.length - MAX_WHOLE_LINES} more lines (read_range)`);
  return out.join('\n');
}

/** The hit's declaration (all of a multi-line one) and the lines holding the rarest query words, as the chat's answer shows them. */
function shortForm(c: RetrievedChunk, terms: readonly string[], weights: ReadonlyMap<string, number>): number[] {
  const sig = signatureLines(c.text, c.symbol);
  const declaration = [c.startLine + Math.max(0, sig.offset)];
  const shown = new Set(declaration);
  const matched = matchedLines(c.text, c.startLine, terms, { max: MATCH_LINES, weights, skip: (l) => shown.has(l) }).map((m) => m.line);
  return [...new Set([...declaration, ...matched])].sort((a, b) => a - b);
}

function wholeForm(c: RetrievedChunk): number[] {
  const n = Math.min(c.text.split('\n').length, MAX_WHOLE_LINES);
  return Array.from({ length: n }, (_, i) => c.startLine + i);
}

/**
 * Packs ranked hits into `budgetTokens` (estimated as tokenEstimate does), counting `preamble`
 * (the caller's first lines) against it. Rank order is kept in the output.
 */
export function packResults(hits: readonly RetrievedChunk[], terms: readonly string[], budgetTokens: number, preamble = ''): PackedResults {
  const weights = termWeights(terms, hits.map((h) => h.text));
  const results: PackedResult[] = [];
  const cost = new Map<PackedResult, number>();
  let used = estimateTokens(preamble);
  let omitted = 0;
  let wholeTokens = 0;
  for (const chunk of hits) {
    // The best hits whole while, together, they take at most WHOLE_SHARE of the budget; the rest short.
    const wholeCost = estimateTokens(renderResult(results.length + 1, { chunk, shown: wholeForm(chunk), whole: true })) + 1;
    const whole = results.every((x) => x.whole) && wholeTokens + wholeCost <= budgetTokens * WHOLE_SHARE;
    if (whole) wholeTokens += wholeCost;
    const r: PackedResult = { chunk, shown: whole ? wholeForm(chunk) : shortForm(chunk, terms, weights), whole };
    const tokens = estimateTokens(renderResult(results.length + 1, r)) + 1;
    if (used + tokens > budgetTokens) {
      omitted++;
      continue;
    }
    used += tokens;
    cost.set(r, tokens);
    results.push(r);
  }
  // Big: the best hits whole, in rank order, while the budget allows.
  results.forEach((r, i) => {
    const whole: PackedResult = { chunk: r.chunk, shown: wholeForm(r.chunk), whole: true };
    if (whole.shown.length <= r.shown.length) return;
    const tokens = estimateTokens(renderResult(i + 1, whole)) + 1;
    if (used - cost.get(r)! + tokens > budgetTokens) return;
    used += tokens - cost.get(r)!;
    Object.assign(r, { shown: whole.shown, whole: true });
    cost.set(r, tokens);
  });
  const text = results.map((r, i) => renderResult(i + 1, r)).join('\n');
  return { results, text, usedTokens: used, omitted };
}
