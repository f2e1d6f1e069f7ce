// The answering engine's public surface, for the CLI and the extension.
export * from './types.js';
export { answerQuestion, type AnswerQuestionOptions } from './answerQuestion.js';
export { AnswerCache, normalizeQuestion, type AnswerCacheKey, type AnswerCacheOptions } from './answerCache.js';
export { composePrompt, type ComposeOptions, type EditorSelection } from './composePrompt.js';
export { CitationChecker, type CheckableSource, type SourceCheck } from './checkCitations.js';
export { CitationScanner, parseCitations, type ParsedCitation } from './parseCitations.js';
export { ExtractiveProvider } from './extractiveProvider.js';
export { OpenAICompatibleProvider, isLoopbackHost, type OpenAICompatibleOptions } from './openAICompatibleProvider.js';
export { selectProvider, AUTO_ORDER, type ProviderChoice } from './selectProvider.js';
export { redactSecrets, REDACTED, type RedactionResult } from './redactSecrets.js';
export { assertProviderAllowed, isProviderAllowed, LOCAL_ONLY_POLICY } from './remotePolicy.js';
export { estimateTokens } from '../tokenEstimate.js';
export { askIndex, DEFAULT_ANSWER_SOURCES, type AskIndexOptions, type AskIndexResult } from './askIndex.js';
