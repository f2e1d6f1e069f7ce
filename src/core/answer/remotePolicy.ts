// Decides whether a prompt may go to a provider off this machine (user setting + workspace trust).
import { AskCodebaseError } from '../types.js';
import type { AnswerProvider, RemotePolicy } from './types.js';

/** Offline by default: nothing leaves the machine unless the user allowed it in a trusted workspace. */
export const LOCAL_ONLY_POLICY: RemotePolicy = { allowRemote: false, workspaceTrusted: false };

export function isProviderAllowed(provider: AnswerProvider, policy: RemotePolicy): boolean {
  return provider.isLocal || (policy.allowRemote && policy.workspaceTrusted);
}

export function assertProviderAllowed(provider: AnswerProvider, policy: RemotePolicy): void {
  if (isProviderAllowed(provider, policy)) return;
  const why = !policy.workspaceTrusted
    ? 'this workspace is not trusted'
    : 'sending code to remote models is turned off (askCodebase.allowRemote)';
  throw new AskCodebaseError(
    'remote-refused',
    `${provider.label} runs off this machine, and ${why}. Use a local model or the extractive answer, or change the setting.`,
  );
}
