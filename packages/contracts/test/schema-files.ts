import { topicJsonSchemas } from '../src/index.ts';

export const SCHEMA_DIR = new URL('../../../contracts/schemas/', import.meta.url);

/** File name → pretty JSON text, exactly as committed. */
export const renderTopicSchemas = (): Map<string, string> =>
  new Map(Object.entries(topicJsonSchemas()).map(([topic, schema]) => [`${topic}.schema.json`, `${JSON.stringify(schema, null, 2)}\n`]));
