// A small grid over the ranking's knobs, walked one knob at a time from the defaults (coordinate
// ascent, two passes) on the training pairs. Every value list holds the shipped default.
import { DEFAULT_TUNING, type RankingTuning, type SignalWeights } from '../retrieve/rankCandidates.js';
import type { RankingSettings } from '../retrieve/savedSettings.js';
import { DEFAULT_WEIGHTS } from '../retrieve/searchIndex.js';
import type { RetrievalMode } from '../retrieve/types.js';
import { scoreSettings, type HeldOutScore, type PairCandidates } from './pairScores.js';

interface Knob {
  name: string;
  group: 'weights' | 'tuning';
  key: string;
  values: number[];
  read(s: RankingSettings): number;
  write(s: RankingSettings, v: number): RankingSettings;
  /** Only with vectors in the index and a model to embed the query. */
  vectorOnly?: boolean;
}

const weightKnob = (name: keyof SignalWeights, values: number[], vectorOnly = false): Knob => ({
  name: `${name} weight`, group: 'weights', key: name, values, vectorOnly,
  read: (s) => s.weights?.[name] ?? DEFAULT_WEIGHTS[name] ?? 0,
  write: (s, v) => ({ ...s, weights: { ...s.weights, [name]: v } }),
});
const tuningKnob = (name: keyof RankingTuning, label: string, values: number[]): Knob => ({
  name: label, group: 'tuning', key: name, values,
  read: (s) => Number(s.tuning?.[name] ?? DEFAULT_TUNING[name]),
  write: (s, v) => ({ ...s, tuning: { ...s.tuning, [name]: v } }),
});

/** Signal weights (vector weight 0 = vectors off), the docs lane, path priors, file evidence. */
export const KNOBS: Knob[] = [
  weightKnob('vector', [0, 0.05, 0.15, 0.3, 0.6], true),
  weightKnob('symbol', [0.25, 0.5, 1]),
  tuningKnob('rrfK', 'RRF k', [10, 20, 60]),
  tuningKnob('fileEvidence', 'file evidence', [0, 0.05, 0.15, 0.3]),
  tuningKnob('pathBoost', 'path boost', [0, 0.1, 0.25]),
  tuningKnob('testFactor', 'test-file factor', [0.25, 0.5, 1]),
  tuningKnob('otherKindFactor', 'docs lane factor', [0.3, 0.6, 1]),
  tuningKnob('otherKindPer10', 'docs lane cap per 10', [2, 4, 10]),
];

const PASSES = 2;

/**
 * A knob moves only for a clear training gain: with ~20 training pairs, smaller gains were mostly
 * noise that the held-out half then rejected (fzf's 31 dev trees: 30 of 31 rejected at any gain).
 */
const MIN_TRAIN_GAIN = 0.01;

function better(a: HeldOutScore, b: HeldOutScore): boolean {
  return a.mrr > b.mrr + MIN_TRAIN_GAIN && a.recallAt10 >= b.recallAt10 - 1e-9;
}

/** Async only to yield between settings: in the editor's host each one is ~10–50 ms of CPU. */
export async function searchGrid(train: readonly PairCandidates[], mode: RetrievalMode, deadline: number): Promise<{ settings: RankingSettings; score: HeldOutScore; tried: number }> {
  let settings: RankingSettings = {};
  let score = scoreSettings(train, settings, mode);
  let tried = 1;
  const knobs = KNOBS.filter((k) => !k.vectorOnly || mode === 'hybrid');
  for (let pass = 0; pass < PASSES; pass++) {
    let moved = false;
    for (const knob of knobs) {
      for (const v of knob.values) {
        if (v === knob.read(settings) || performance.now() > deadline) continue;
        const next = knob.write(settings, v);
        const s = scoreSettings(train, next, mode);
        tried++;
        await new Promise((resolve) => setImmediate(resolve));
        if (better(s, score)) {
          settings = next;
          score = s;
          moved = true;
        }
      }
    }
    if (!moved) break;
  }
  return { settings: withoutDefaults(settings), score, tried };
}

/** Only the knobs that differ from the shipped defaults: what a reader of the report needs. */
function withoutDefaults(s: RankingSettings): RankingSettings {
  const out: RankingSettings = {};
  for (const knob of KNOBS) {
    const value = knob.read(s);
    if (value !== knob.read({})) out[knob.group] = { ...out[knob.group], [knob.key]: value };
  }
  return out;
}

/** `{ tuning: { rrfK: 10 } }` → "RRF k 10" (defaults: "the defaults"). */
export function describeSettings(s: RankingSettings): string {
  const parts = KNOBS.filter((k) => k.read(s) !== k.read({})).map((k) => `${k.name} ${k.read(s)}`);
  return parts.length > 0 ? parts.join(', ') : 'the defaults';
}
