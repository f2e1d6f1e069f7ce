// The answer without a model (see extractiveAnswer.ts): streamed piece by piece like a model's.
import { AskCodebaseError } from '../types.js';
import { extractiveAnswer } from './extractiveAnswer.js';
import { cancelledError } from './providerErrors.js';
import type { AnswerProvider, ChatMessage, StreamOptions } from './types.js';

export class ExtractiveProvider implements AnswerProvider {
  readonly id = 'extractive';
  readonly label = 'Extractive (no language model)';
  readonly isLocal = true;

  async available(): Promise<boolean> {
    return true;
  }

  async *stream(_messages: ChatMessage[], options: StreamOptions): AsyncIterable<string> {
    const prompt = options.prompt;
    if (!prompt) throw new AskCodebaseError('extractive-needs-prompt', 'The extractive answer needs the composed prompt.');
    for (const piece of extractiveAnswer(prompt.question, prompt.sources)) {
      if (options.signal?.aborted) throw cancelledError(options.signal.reason);
      yield piece;
    }
  }
}
