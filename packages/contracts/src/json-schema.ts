import { z } from 'zod';
import { envelopeSchemaFor } from './events.ts';
import { allTopics, type Topic } from './topics.ts';

/** JSON Schema (draft 2020-12) of each topic's envelope, for consumers that do not run our code. */
export const topicJsonSchemas = (): Record<Topic, unknown> =>
  Object.fromEntries(
    allTopics.map((topic) => [
      topic,
      { $id: `https://triage.dev/schemas/${topic}.json`, ...z.toJSONSchema(envelopeSchemaFor(topic), { io: 'input' }) },
    ]),
  ) as Record<Topic, unknown>;
