import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Runs one statement on a short-lived connection (CREATE/DROP DATABASE cannot run in a transaction). */
export const adminQuery = async (url: string, sql: string): Promise<void> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/**
 * A database of its own for a test file that runs services: their outbox relays drain every
 * tenant's rows, so files sharing a database would publish each other's events.
 */
export const freshDatabase = async (serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> => {
  const name = `triage_e2e_${randomBytes(5).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
};
