// 👍/👎 judgements appended to a local JSONL file: the question, the sources shown, and which were
// judged useful — data for tuning retrieval later. Nothing leaves the machine.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Turn } from '../shared/chatProtocol.js';

export interface RelevanceRecord {
  time: string;
  question: string;
  provider: string;
  /** The judgement of the whole answer, when given. */
  answerUseful?: boolean;
  shown: Array<{ index: number; path: string; startLine: number; endLine: number; symbol: string; why: string; cited: boolean; useful?: boolean }>;
}

export class RelevanceLog {
  private writing: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  record(turn: Turn): Promise<void> {
    const cited = new Set(turn.citations.map((c) => c.sourceIndex));
    const rec: RelevanceRecord = {
      time: new Date().toISOString(),
      question: turn.question,
      provider: turn.provider,
      answerUseful: turn.useful,
      shown: turn.sources.map((s) => ({
        index: s.index, path: s.path, startLine: s.startLine, endLine: s.endLine, symbol: s.symbol, why: s.why,
        cited: cited.has(s.index), useful: turn.sourceFeedback[s.index],
      })),
    };
    const line = JSON.stringify(rec) + '\n';
    const write = async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await fs.appendFile(this.file, line, 'utf8');
    };
    this.writing = this.writing.then(write, write);
    return this.writing;
  }
}
