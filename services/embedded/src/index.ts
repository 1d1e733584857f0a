export { EmbeddedConfig } from './config.ts';
