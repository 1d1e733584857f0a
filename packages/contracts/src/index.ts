export * from './topics.ts';
export * from './ticket.ts';
export * from './storable-text.ts';
export * from './decisions.ts';
export * from './envelope.ts';
export * from './events.ts';
export * from './validate.ts';
export * from './json-schema.ts';
