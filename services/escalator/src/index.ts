export { assessTicket, type AssessContext, type AssessInput } from './assess.ts';
export { EscalationPolicy, defaultEscalationPolicy, parseEscalationPolicy, type EscalationPolicyInput } from './policy.ts';
export { priorityFor } from './priority.ts';
export { createEscalatorWorker, type EscalatorDeps } from './worker.ts';
export { EscalatorConfig } from './config.ts';
export { composeEscalator, type EscalatorServiceDeps } from './service.ts';
