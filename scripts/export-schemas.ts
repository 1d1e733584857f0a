// `npm run schemas`: writes the JSON Schema of every topic to contracts/schemas/, where helpdesks
// read them. CI checks the committed files are current (packages/contracts/test/json-schema.test.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import { renderTopicSchemas, SCHEMA_DIR } from '../packages/contracts/test/schema-files.ts';

await mkdir(SCHEMA_DIR, { recursive: true });
for (const [file, text] of renderTopicSchemas()) await writeFile(new URL(file, SCHEMA_DIR), text);
console.log(`wrote ${renderTopicSchemas().size} schemas to contracts/schemas/`);
