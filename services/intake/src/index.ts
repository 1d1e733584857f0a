export { createIntake, type IntakeParts } from './intake.ts';
export { IntakeConfig } from './config.ts';
export { acceptTicket } from './accept-ticket.ts';
