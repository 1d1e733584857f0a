export { assessTicket, type AssessContext, type AssessInput } from './assess.ts';
export { EscalationPolicy, defaultEscalationPolicy, parseEscalationPolicy, type EscalationPolicyInput } from './policy.ts';
export { lexiconSentiment, scoreSentiment, type SentimentAnalyzer } from './sentiment.ts';
export { customerText } from './customer-text.ts';
export { detectSignals, type TextSignals } from './signals.ts';
export { extractEntities, type TechnicalEntities } from './entities.ts';
export { priorityFor } from './priority.ts';
export { createEscalatorWorker, type EscalatorDeps } from './worker.ts';
