// `npm run schemas`: writes the JSON Schema of every topic (contracts/schemas/) and the intake
// API's OpenAPI document (contracts/openapi.json). Tests fail when the committed files are stale.
import { mkdir, writeFile } from 'node:fs/promises';
import { renderTopicSchemas, SCHEMA_DIR } from '../packages/contracts/test/schema-files.ts';
import { createApiFixture } from '../services/intake/test/api-fixture.ts';

await mkdir(SCHEMA_DIR, { recursive: true });
for (const [file, text] of renderTopicSchemas()) await writeFile(new URL(file, SCHEMA_DIR), text);

const api = await createApiFixture();
const document = await (await api.app.request('/openapi.json')).json();
await writeFile(new URL('../contracts/openapi.json', import.meta.url), `${JSON.stringify(document, null, 2)}\n`);
await api.close();
console.log(`wrote ${renderTopicSchemas().size} topic schemas and the OpenAPI document to contracts/`);
