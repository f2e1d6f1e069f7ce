// Doc-comment pairs: a function's description → the file of that function. The documented chunk
// itself is hidden from the candidates (its text holds the description word for word), so the
// file must be found by its other chunks, its name, its symbols or vectors.
import { createHash } from 'node:crypto';
import type { IndexStore } from '../store/indexStore.js';
import { docDescription } from './docComments.js';
import { normalisedWords, type PairExclusions, type PairHarvest, type TuningPair } from './tuningPairs.js';

/** Documented declarations are looked for among this many function and method chunks. */
const SAMPLED_CHUNKS = 2000;

export async function docCommentPairs(store: IndexStore, o: { max: number; exclude?: PairExclusions }): Promise<PairHarvest> {
  const excludedQueries = [...(o.exclude?.queries ?? [])].map(normalisedWords).filter(Boolean);
  const excludedSymbols = new Set(o.exclude?.symbols ?? []);
  const chunks = await store.sampleCodeChunks(['function', 'method'], SAMPLED_CHUNKS);
  const seen = new Set<string>();
  const found: (TuningPair & { order: string })[] = [];
  for (const c of chunks) {
    if (excludedSymbols.has(c.symbol)) continue;
    const description = docDescription(c.text, c.symbol);
    if (!description) continue;
    const words = normalisedWords(description);
    // Copies of one comment (drivers, per-framework hooks) would make pairs with many right answers.
    if (seen.has(words) || excludedQueries.some((q) => q.includes(words) || words.includes(q))) continue;
    seen.add(words);
    found.push({ id: `doc-${c.id.slice(0, 12)}`, kind: 'doc', query: description, goldFiles: [c.path], hiddenChunkId: c.id, order: createHash('sha1').update(c.id).digest('hex') });
  }
  // Spread over the repository rather than the first files stored.
  found.sort((a, b) => a.order.localeCompare(b.order));
  const pairs = found.slice(0, o.max).map(({ order: _order, ...p }) => p);
  return { pairs, notes: pairs.length === 0 ? ['no documented functions were found'] : [] };
}
