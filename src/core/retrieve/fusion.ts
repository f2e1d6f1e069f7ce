// Weighted reciprocal rank fusion: each signal contributes weight / (k + rank).

export type SignalName = 'keyword' | 'prose' | 'vector' | 'symbol' | 'path' | 'rerank';

export interface RankedList {
  signal: SignalName;
  weight: number;
  /** Item ids, best first. */
  ids: string[];
}

export interface FusedItem {
  id: string;
  score: number;
  /** 1-based rank of the item in each signal that found it. */
  ranks: Partial<Record<SignalName, number>>;
}

/** k = 60 is the usual RRF constant; on the dev set k in 20..100 moved MRR by under 0.01. */
export const RRF_K = 60;

export function fuseRankings(lists: RankedList[], k = RRF_K): FusedItem[] {
  const byId = new Map<string, FusedItem>();
  for (const list of lists) {
    if (list.weight <= 0) continue;
    list.ids.forEach((id, i) => {
      const item = byId.get(id) ?? { id, score: 0, ranks: {} };
      if (item.ranks[list.signal] === undefined) {
        item.ranks[list.signal] = i + 1;
        item.score += list.weight / (k + i + 1);
      }
      byId.set(id, item);
    });
  }
  return [...byId.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
