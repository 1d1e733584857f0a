export { ProblemsConfig, ProblemThresholds } from './config.ts';
export { composeProblems, type ProblemsServiceDeps } from './service.ts';
