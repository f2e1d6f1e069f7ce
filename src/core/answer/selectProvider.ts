// Picks the provider for a question: an explicit choice, or the first available in a fixed order.
import { AskCodebaseError } from '../types.js';
import { assertProviderAllowed, isProviderAllowed, LOCAL_ONLY_POLICY } from './remotePolicy.js';
import type { AnswerProvider, RemotePolicy } from './types.js';

export type ProviderChoice = 'auto' | 'extractive' | 'openai' | 'vscode';

/** Editor models first (the user already chose them in VS Code), then a configured server, then none. */
export const AUTO_ORDER: readonly string[] = ['vscode', 'openai', 'extractive'];

export async function selectProvider(
  choice: ProviderChoice,
  candidates: readonly AnswerProvider[],
  policy: RemotePolicy = LOCAL_ONLY_POLICY,
): Promise<AnswerProvider> {
  if (choice !== 'auto') {
    const provider = candidates.find((p) => p.id === choice);
    if (!provider) throw new AskCodebaseError('provider-missing', `The answer provider "${choice}" is not set up.`);
    assertProviderAllowed(provider, policy);
    if (!(await provider.available())) {
      throw new AskCodebaseError('provider-unavailable', `${provider.label} is not available right now.`);
    }
    return provider;
  }
  const ordered = [...candidates].sort((a, b) => rank(a) - rank(b));
  for (const provider of ordered) {
    if (!isProviderAllowed(provider, policy)) continue;
    if (await provider.available()) return provider;
  }
  throw new AskCodebaseError('provider-missing', 'No answer provider is available.');
}

function rank(p: AnswerProvider): number {
  const i = AUTO_ORDER.indexOf(p.id);
  return i < 0 ? AUTO_ORDER.length : i;
}
