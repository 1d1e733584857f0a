import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { allTopics, createEvent, Topics } from '../src/index.ts';
import { renderTopicSchemas, SCHEMA_DIR } from './schema-files.ts';

describe('committed JSON Schemas', () => {
  it('match the zod contracts (run `npm run schemas` after changing a contract)', async () => {
    const rendered = renderTopicSchemas();
    expect([...rendered.keys()].sort()).toEqual(allTopics.map((t) => `${t}.schema.json`).sort());
    for (const [file, text] of rendered) {
      expect(await readFile(new URL(file, SCHEMA_DIR), 'utf8'), file).toBe(text);
    }
  });

  it('describe the envelope a consumer actually receives', () => {
    const schema = JSON.parse(renderTopicSchemas().get('models.updated.schema.json')!) as {
      required: string[];
      properties: Record<string, { const?: unknown }>;
    };
    const event = createEvent(Topics.modelsUpdated, {
      tenantId: 't1',
      key: 'categorizer',
      payload: { model: 'categorizer', version: 'v1' },
    });
    expect(schema.required.sort()).toEqual(Object.keys(event).sort());
    expect(schema.properties.type?.const).toBe(event.type);
    expect(schema.properties.version?.const).toBe(event.version);
  });
});
