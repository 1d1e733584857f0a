// `npm run tail -- <topic> [--from-beginning | --from <event id>]`: prints each event of a topic as
// one JSON line (`jq` friendly) until Ctrl-C. With KAFKA_BROKERS set it reads Kafka directly;
// otherwise it reads intake's event stream (TRIAGE_URL, default http://localhost:8080;
// TRIAGE_API_KEY, default the embedded demo's key), which is how it works against `npm start`, and
// resumes after a dropped connection; `--from` resumes after an event id an earlier run printed.
import { helpRequested, parseCli } from './cli/args.ts';
import { UsageError } from './cli/failures.ts';
import { assertKafkaReachable } from './cli/kafka.ts';
import { runCli } from './cli/run.ts';
import { tailHttp } from './tail/http.ts';
import { tailKafka } from './tail/kafka.ts';

const USAGE = `usage: npm run tail -- <topic> [--from <event id>]          intake's event stream (npm start, or TRIAGE_URL)
       KAFKA_BROKERS=… npm run tail -- <topic> [--from-beginning]   Kafka directly

Prints each event of the topic (tickets.routed, incidents.major; with Kafka, any) as one JSON line
until Ctrl-C. The event stream is read at TRIAGE_URL (default http://localhost:8080) with the API key
TRIAGE_API_KEY (default the embedded demo's); --from resumes after an event id an earlier run printed.`;

await runCli(async () => {
  helpRequested(USAGE);
  const { positionals, values } = parseCli({
    allowPositionals: true,
    options: { 'from-beginning': { type: 'boolean', default: false }, from: { type: 'string' } },
  });
  const [topic] = positionals;
  const kafka = process.env.KAFKA_BROKERS;
  if (!topic || positionals.length > 1) throw new UsageError('give one topic');
  // Kafka positions are per partition, not one event id: `--from` is the event stream's.
  if (kafka && values.from !== undefined) throw new UsageError('--from is for the event stream; with KAFKA_BROKERS use --from-beginning');
  if (!kafka && values['from-beginning'])
    throw new UsageError('--from-beginning needs KAFKA_BROKERS; the event stream resumes with --from');

  if (kafka) {
    const brokers = kafka.split(',');
    await assertKafkaReachable(brokers);
    await tailKafka(topic, brokers, values['from-beginning']);
  } else {
    await tailHttp(topic, process.env.TRIAGE_URL ?? 'http://localhost:8080', process.env.TRIAGE_API_KEY ?? 'demo-api-key', values.from);
  }
});
