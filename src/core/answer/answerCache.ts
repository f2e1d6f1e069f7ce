// Remembers answers per (normalized question, index version, provider, model); LRU, optionally on disk.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AskCodebaseError } from '../types.js';
import type { AnswerResult } from './types.js';

export interface AnswerCacheKey {
  question: string;
  /** Changes whenever the index changes, so an answer never outlives the code it read. */
  indexVersion: string;
  provider: string;
  model?: string;
  /** Anything else the answer depended on, e.g. a hash of the editor selection. */
  context?: string;
}

export interface AnswerCacheOptions {
  /** Folder for answer-cache.json; in memory only when absent. */
  dir?: string;
  maxEntries?: number;
}

/** 200 answers of a few KB each keep the file well under a megabyte. */
export const DEFAULT_MAX_CACHED_ANSWERS = 200;
const FILE_NAME = 'answer-cache.json';
const FORMAT_VERSION = 1;

export function normalizeQuestion(question: string): string {
  return question.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function cacheKeyString(key: AnswerCacheKey): string {
  return JSON.stringify([normalizeQuestion(key.question), key.indexVersion, key.provider, key.model ?? '', key.context ?? '']);
}

export class AnswerCache {
  private readonly entries = new Map<string, AnswerResult>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string | undefined,
    readonly maxEntries: number,
  ) {}

  /** Opens the cache; a missing file starts empty, an unreadable one is an error the caller shows. */
  static async open(options: AnswerCacheOptions = {}): Promise<AnswerCache> {
    const maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_MAX_CACHED_ANSWERS);
    const file = options.dir ? path.join(options.dir, FILE_NAME) : undefined;
    const cache = new AnswerCache(file, maxEntries);
    if (file) await cache.load(file);
    return cache;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: AnswerCacheKey): AnswerResult | undefined {
    const k = cacheKeyString(key);
    const hit = this.entries.get(k);
    if (!hit) return undefined;
    this.entries.delete(k);
    this.entries.set(k, hit);
    return structuredClone(hit);
  }

  async set(key: AnswerCacheKey, result: AnswerResult): Promise<void> {
    const k = cacheKeyString(key);
    this.entries.delete(k);
    this.entries.set(k, structuredClone({ ...result, cached: false }));
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    await this.persist();
  }

  async clear(): Promise<void> {
    this.entries.clear();
    await this.persist();
  }

  private async load(file: string): Promise<void> {
    let raw: string;
    try {
      raw = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return;
      throw new AskCodebaseError('answer-cache-unreadable', `The answer cache ${file} could not be read.`, { cause: err });
    }
    let data: { version?: number; entries?: Array<[string, AnswerResult]> };
    try {
      data = JSON.parse(raw);
    } catch (err) {
      throw new AskCodebaseError('answer-cache-corrupt', `The answer cache ${file} is damaged; delete it to start afresh.`, { cause: err });
    }
    if (data.version !== FORMAT_VERSION || !Array.isArray(data.entries)) return; // an older format: start empty
    for (const [k, v] of data.entries.slice(-this.maxEntries)) this.entries.set(k, v);
  }

  /** Writes go one after another, each to a temp file renamed into place, so readers never see half a file. */
  private persist(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    const snapshot = JSON.stringify({ version: FORMAT_VERSION, entries: [...this.entries] });
    const write = async () => {
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, snapshot, 'utf8');
      await rename(tmp, file);
    };
    // A failed earlier write was already reported to its own caller; the next one still runs.
    this.writing = this.writing.then(write, write);
    return this.writing;
  }
}
