// Turns what the openai client throws into AskCodebaseErrors a user can act on.
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { AskCodebaseError } from '../types.js';

export function cancelledError(cause?: unknown): AskCodebaseError {
  return new AskCodebaseError('cancelled', 'The answer was cancelled.', { cause });
}

export function describeProviderError(err: unknown, baseURL: string, model: string, signal?: AbortSignal): AskCodebaseError {
  if (err instanceof AskCodebaseError) return err;
  if (signal?.aborted || err instanceof APIUserAbortError || (err as Error)?.name === 'AbortError') {
    return cancelledError(err);
  }
  if (err instanceof AuthenticationError || err instanceof PermissionDeniedError) {
    return new AskCodebaseError(
      'provider-auth',
      `The model server at ${baseURL} rejected the API key (${err.status}). Check the key set for Ask Codebase.`,
      { cause: err },
    );
  }
  if (err instanceof NotFoundError) {
    return new AskCodebaseError(
      'provider-not-found',
      `The model server at ${baseURL} answered 404: model "${model}" or its chat endpoint does not exist there. Check the model name and that the base URL ends where the API starts (often /v1).`,
      { cause: err },
    );
  }
  if (err instanceof RateLimitError) {
    return new AskCodebaseError(
      'provider-rate-limited',
      `The model server at ${baseURL} is rate limiting requests (429) and did not recover after retries. Try again in a minute.`,
      { cause: err },
    );
  }
  if (err instanceof APIConnectionTimeoutError) {
    return new AskCodebaseError('provider-timeout', `The model server at ${baseURL} did not answer in time.`, { cause: err });
  }
  if (err instanceof APIConnectionError) {
    const code = causeCode(err);
    if (code === 'ECONNREFUSED') {
      return new AskCodebaseError(
        'provider-unreachable',
        `Could not connect to the model server at ${baseURL}: connection refused. Is it running?`,
        { cause: err },
      );
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      return new AskCodebaseError('provider-unreachable', `The model server host in ${baseURL} could not be resolved.`, { cause: err });
    }
    return new AskCodebaseError(
      'provider-disconnected',
      `The connection to the model server at ${baseURL} failed${code ? ` (${code})` : ''}.`,
      { cause: err },
    );
  }
  if (err instanceof APIError) {
    return new AskCodebaseError(
      'provider-error',
      `The model server at ${baseURL} answered with an error${err.status ? ` (${err.status})` : ''}: ${err.message}`,
      { cause: err },
    );
  }
  if (err instanceof SyntaxError || /parse|JSON/i.test((err as Error)?.message ?? '')) {
    return new AskCodebaseError(
      'provider-bad-response',
      `The model server at ${baseURL} sent a reply that is not valid streaming JSON.`,
      { cause: err },
    );
  }
  // Undici reports a socket closed mid-body as a TypeError ('terminated').
  return new AskCodebaseError(
    'provider-disconnected',
    `The connection to the model server at ${baseURL} broke off: ${(err as Error)?.message ?? String(err)}`,
    { cause: err },
  );
}

function causeCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
