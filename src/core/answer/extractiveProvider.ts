// The answer without a model: the best sources with their signature, doc sentence and matched words.
import { AskCodebaseError } from '../types.js';
import { docSentence, signatureLine } from './codeSummary.js';
import { cancelledError } from './providerErrors.js';
import { identifierWords, questionTerms } from './questionTerms.js';
import type { AnswerProvider, ChatMessage, PromptSource, StreamOptions } from './types.js';

/** Five entries fit one screen of the chat panel; more is a search result list, not an answer. */
const MAX_ENTRIES = 5;

export class ExtractiveProvider implements AnswerProvider {
  readonly id = 'extractive';
  readonly label = 'Sources only (no language model)';
  readonly isLocal = true;

  async available(): Promise<boolean> {
    return true;
  }

  async *stream(_messages: ChatMessage[], options: StreamOptions): AsyncIterable<string> {
    const prompt = options.prompt;
    if (!prompt) throw new AskCodebaseError('extractive-needs-prompt', 'The extractive answer needs the composed prompt.');
    const check = () => {
      if (options.signal?.aborted) throw cancelledError(options.signal.reason);
    };
    check();
    if (prompt.sources.length === 0) {
      yield 'No language model was used, and no sources were found for this question, so there is nothing to answer from. Try other words, or check that indexing has finished.';
      return;
    }
    yield 'No language model was used for this answer: these are the places in the code that best match the question, with their signatures and doc comments.\n';
    const terms = questionTerms(prompt.question);
    for (const source of prompt.sources.slice(0, MAX_ENTRIES)) {
      check();
      yield `\n${describe(source, terms)}\n`;
    }
  }
}

function describe(source: PromptSource, terms: string[]): string {
  const title = source.symbol ? `\`${source.symbol}\`` : 'Code';
  const lines = [`- ${title} in \`${source.path}:${source.startLine}-${source.endLine}\` [${source.index}]`];
  const signature = signatureLine(source.text, source.symbol);
  if (signature) lines.push(`  \`${signature.replace(/`/g, "'")}\``);
  const doc = docSentence(source.text, source.symbol);
  if (doc) lines.push(`  ${doc}`);
  const words = identifierWords(`${source.path} ${source.symbol} ${source.text}`);
  const matched = terms.filter((t) => words.has(t));
  lines.push(matched.length ? `  Matches: ${matched.join(', ')}.` : '  Matches no question word directly (found by meaning).');
  return lines.join('\n');
}
