// `npm run tail -- <topic> [--from-beginning]`: prints each event of a topic as one JSON line
// (`jq` friendly) until Ctrl-C. With KAFKA_BROKERS set it reads Kafka directly; otherwise it reads
// intake's event stream (TRIAGE_URL, default http://localhost:8080; TRIAGE_API_KEY, default the
// embedded demo's key), which is how it works against `npm start`.
import { parseArgs } from 'node:util';
import { tailHttp } from './tail/http.ts';
import { tailKafka } from './tail/kafka.ts';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { 'from-beginning': { type: 'boolean', default: false } } });
const [topic] = positionals;
if (!topic || positionals.length > 1) {
  console.error('usage: npm run tail -- <topic> [--from-beginning]');
  process.exit(2);
}

if (process.env.KAFKA_BROKERS) await tailKafka(topic, process.env.KAFKA_BROKERS.split(','), values['from-beginning']);
else await tailHttp(topic, process.env.TRIAGE_URL ?? 'http://localhost:8080', process.env.TRIAGE_API_KEY ?? 'demo-api-key');
