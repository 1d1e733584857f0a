import { readFile } from 'node:fs/promises';
import { createPgliteStore, type OutboxRow, type Store } from '@triage/store';
import { createLogger } from '@triage/runtime';
import type { KnowledgeSearch } from '@triage/knowledge';
import { type Retrieval, Taxonomy } from '@triage/contracts';
import { createIntakeApp, type IntakeDeps } from '../src/app.ts';
import { IntakeConfig } from '../src/config.ts';
import type { Broadcaster } from '../src/broadcaster.ts';

export const API_KEY = 'test-api-key-acme';
export const WIDGET_KEY = 'wk_test_acme';
export const ALLOWED_ORIGIN = 'https://shop.acme.test';
/** The headers of the widget on the tenant's own page. */
export const widget = { 'x-widget-key': WIDGET_KEY, origin: ALLOWED_ORIGIN };

const retrieval: Retrieval = {
  solutions: [
    { articleId: 'reset-password', title: 'Reset your password', snippet: 'Open Settings → Security…', score: 0.82 },
    { articleId: 'sso', title: 'SSO login errors', snippet: 'If SAML fails…', score: 0.51 },
    { articleId: '2fa', title: 'Reset two-factor authentication', snippet: 'Lost your phone?', score: 0.44 },
  ],
  topScore: 0.82,
  confidence: 0.9,
  selfServe: true,
};

/** Answers every question with the same three articles: these tests are about the API, not ranking. */
const fixedSearch: KnowledgeSearch = { search: async () => retrieval };
const noStreams: Broadcaster = { name: 'broadcaster', listen: async () => () => {} };

export interface ApiFixture {
  store: Store;
  app: ReturnType<typeof createIntakeApp>;
  json(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Takes every row the outbox holds, as the relay would. */
  drainOutbox(): Promise<OutboxRow[]>;
  close(): Promise<void>;
}

/** Generous limits by default: only the tests about limits run into them, passing their own in `deps`. */
export const createApiFixture = async (
  limits = { perSecond: 1000, burst: 1000 },
  broadcaster = noStreams,
  deps: Partial<IntakeDeps> = {},
): Promise<ApiFixture> => {
  const store = await createPgliteStore({ embeddingDim: 8 });
  await store.tenants.ensure('acme');
  await store.tenants.createApiKey('acme', API_KEY);
  await store.tenants.createWidgetKey('acme', [ALLOWED_ORIGIN], WIDGET_KEY);
  await store.kb.upsert(
    'acme',
    retrieval.solutions.map((s, i) => ({
      id: s.articleId,
      title: s.title,
      body: s.snippet,
      chunks: [{ text: s.snippet, embedding: Array.from({ length: 8 }, (_, j) => (j === i ? 1 : 0)) }],
    })),
  );
  const app = createIntakeApp({
    store,
    taxonomy: Taxonomy.parse(JSON.parse(await readFile(IntakeConfig.parse({}).TAXONOMY_FILE, 'utf8'))),
    search: fixedSearch,
    broadcaster,
    logger: createLogger({ service: 'intake-test', level: 'error' }),
    rateLimit: limits,
    clientRateLimit: limits,
    authFailures: { AUTH_FAILURES_PER_MINUTE: 1000, AUTH_FAILURE_BURST: 1000 },
    trustedProxies: [],
    maxBodyBytes: 4 * 1024 * 1024,
    keyCacheMs: 30_000,
    ...deps,
  });
  return {
    store,
    app,
    json: (path, body, headers = {}) =>
      Promise.resolve(
        app.request(path, {
          method: 'POST',
          body: typeof body === 'string' ? body : JSON.stringify(body),
          headers: { 'content-type': 'application/json', ...headers },
        }),
      ),
    drainOutbox: async () => {
      const rows: OutboxRow[] = [];
      await store.outbox.drain(1000, async (batch) => void rows.push(...batch));
      return rows;
    },
    close: () => store.close(),
  };
};

export const validTicket = {
  subject: 'Cannot log in since this morning',
  body: 'Every login attempt ends with "invalid credentials" although the password is right.',
  channel: 'web',
  customer: { id: 'cust-1', tier: 'pro' },
};

export const auth = { authorization: `Bearer ${API_KEY}` };
