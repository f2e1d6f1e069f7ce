// Cuts a syntax tree into segments: one per declaration with its leading comments, big nodes
// split along their children (never dropped), small neighbours merged up to the target size.
import type { Node } from 'web-tree-sitter';
import { declarationOf, isComment } from './declarations.js';
import { lineWindows, type Segment } from './lineWindows.js';

export interface SegmentLimits {
  maxLines: number;
  /** Siblings shorter than this are merged with their neighbours. */
  mergeBelowLines: number;
}

const LEADING_ATTRIBUTES = new Set(['attribute_item']);

export function syntaxSegments(root: Node, lineCount: number, limits: SegmentLimits): Segment[] {
  const segs = childSegments(root, [], limits);
  return fillGaps(segs, 0, lineCount - 1);
}

function endRow(node: Node): number {
  const { row, column } = node.endPosition;
  return column === 0 && row > node.startPosition.row ? row - 1 : row;
}

function childSegments(container: Node, parents: string[], limits: SegmentLimits): Segment[] {
  const out: Segment[] = [];
  for (const child of container.namedChildren) {
    // Comments and outer attributes (Rust `#[inline]`) join the next segment through gap filling,
    // so a declaration's doc comment and attributes sit in its chunk.
    if (!child || isComment(child) || LEADING_ATTRIBUTES.has(child.type)) continue;
    out.push(...nodeSegments(child, parents, limits));
  }
  return mergeSmall(out, limits);
}

function nodeSegments(node: Node, parents: string[], limits: SegmentLimits): Segment[] {
  const start = node.startPosition.row;
  const end = endRow(node);
  const decl = declarationOf(node);
  const inClass = parents.length > 0 && /^(class|interface|impl) /.test(parents[parents.length - 1]);
  const kind = decl ? (decl.kind === 'function' && inClass ? 'method' : decl.kind) : 'statements';
  if (end - start + 1 <= limits.maxLines) {
    return [{ start, end, kind, symbol: decl?.name ?? '', parents, isDeclaration: decl !== null }];
  }
  // Too big: descend into the members (a class body) or the statements (a function body).
  const inner = decl?.body ?? (node.namedChildCount > 0 ? node : null);
  const innerParents = decl ? [...parents, `${kind} ${decl.name}`.trim()] : parents;
  const sub = inner ? childSegments(inner, innerParents, limits) : [];
  if (sub.length === 0) {
    return lineWindows(start, end, limits.maxLines, 0, { kind, symbol: decl?.name ?? '', parents, isDeclaration: decl !== null });
  }
  // The signature joins the first member and the closing lines the last, so nothing is lost;
  // when that would overflow the limit, they become chunks of their own.
  const filled = fillGaps(sub, start, end);
  const size = (s: Segment) => s.end - s.start + 1;
  const out: Segment[] = [];
  const head = filled[0];
  if (size(head) > limits.maxLines && sub[0].start > head.start) {
    out.push({ ...head, end: sub[0].start - 1 }, { ...head, start: sub[0].start });
  } else out.push(head);
  out.push(...filled.slice(1));
  const tail = out[out.length - 1];
  const lastSub = sub[sub.length - 1];
  if (size(tail) > limits.maxLines && lastSub.end < tail.end && lastSub.end >= tail.start) {
    out.splice(out.length - 1, 1, { ...tail, end: lastSub.end }, { ...tail, start: lastSub.end + 1 });
  }
  if (decl && out[0].symbol === '') out[0] = { ...out[0], symbol: decl.name, kind };
  return out;
}

function mergeSmall(segs: Segment[], limits: SegmentLimits): Segment[] {
  const out: Segment[] = [];
  for (const seg of segs) {
    const prev = out[out.length - 1];
    const size = (s: Segment) => s.end - s.start + 1;
    const small = (s: Segment) => s.mergedGroup === true || !s.isDeclaration || size(s) < limits.mergeBelowLines;
    if (prev && prev.parents === seg.parents && small(prev) && small(seg) && seg.end - prev.start + 1 <= limits.maxLines) {
      out[out.length - 1] = {
        ...prev,
        end: seg.end,
        kind: prev.isDeclaration ? prev.kind : seg.kind,
        symbol: prev.symbol || seg.symbol,
        isDeclaration: prev.isDeclaration || seg.isDeclaration,
        mergedGroup: true,
      };
    } else out.push(seg);
  }
  return out;
}

/** Extends segments over the blank lines and comments between them so that [from, to] is covered. */
export function fillGaps(segs: Segment[], from: number, to: number): Segment[] {
  const sorted = [...segs].sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let next = from;
  for (const seg of sorted) {
    if (seg.end < next) continue; // fully inside an earlier segment (same-row nodes)
    out.push({ ...seg, start: next });
    next = seg.end + 1;
  }
  if (out.length > 0 && out[out.length - 1].end < to) out[out.length - 1] = { ...out[out.length - 1], end: to };
  return out;
}
