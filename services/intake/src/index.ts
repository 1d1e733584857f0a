export { acceptTicket } from './accept-ticket.ts';
export { IntakeConfig } from './config.ts';
export { composeIntake, type IntakeServiceDeps } from './service.ts';
