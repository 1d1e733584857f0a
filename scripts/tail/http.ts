// Tails a topic through intake's server-sent-event stream: works against `npm start` (whose bus is
// in-process) and against any deployment, with a tenant's API key instead of Kafka access.
import { readSse } from './sse.ts';

export const tailHttp = async (topic: string, baseUrl: string, apiKey: string): Promise<void> => {
  for await (const { event, data } of readSse(`${baseUrl.replace(/\/$/, '')}/v1/stream/${topic}`, apiKey)) {
    if (event === 'ready') console.error(`tailing ${topic} from ${baseUrl} (Ctrl-C to stop)`);
    else if (data) process.stdout.write(`${data}\n`);
  }
};
