// `npm run infra:up`: native Kafka, PostgreSQL + pgvector and Request Tracker 5, plus the `triage` database the
// services use by default. Idempotent and quick when everything is already up.
import pg from 'pg';
import { ensureKafka } from './kafka/up.ts';
import { ensurePostgres } from './postgres/up.ts';
import { ensureRequestTracker } from './request-tracker/up.ts';

const started = performance.now();
const [kafka, postgres, rt] = await Promise.all([
  ensureKafka({ log: (line) => console.error(`[kafka] ${line}`) }),
  ensurePostgres({ log: (line) => console.error(`[postgres] ${line}`) }),
  ensureRequestTracker({ log: (line) => console.error(`[request-tracker] ${line}`) }),
]);

const admin = new pg.Client({ connectionString: postgres.url });
await admin.connect();
const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'triage'`);
if (!rowCount) await admin.query('CREATE DATABASE triage');
await admin.end();

const database = new URL(postgres.url);
database.pathname = '/triage';
console.log(`KAFKA_BROKERS=${kafka.brokers}`);
console.log(`DATABASE_URL=${database}`);
// On stderr: RT_URL in the environment turns the connector on in `npm start`, which needs its tenants file too.
console.error(`Request Tracker 5 at ${rt.url} (user ${rt.user}, password ${rt.password}) for the rt-connector`);
console.error(`infra ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
