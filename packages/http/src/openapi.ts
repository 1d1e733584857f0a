import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Env } from 'hono';
import { errorBody } from './http-errors.ts';

type OpenApiDocument = ReturnType<OpenAPIHono['getOpenAPI31Document']>;
type OpenApiConfig = Parameters<OpenAPIHono['getOpenAPI31Document']>[0];
type Operation = NonNullable<NonNullable<OpenApiDocument['paths']>[string]['get']>;
type Responses = NonNullable<Operation['responses']>;

/** How a caller proves who it is, one OpenAPI security scheme each. */
const securitySchemes = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    description: 'A tenant API key (an operator issues it with the admin API or `npm run admin`): `Authorization: Bearer <key>`.',
  },
  widgetKey: {
    type: 'apiKey',
    in: 'header',
    name: 'x-widget-key',
    description:
      "A widget key, public by design: it is in the page that embeds the widget. It only deflects, and only from the origins it was issued for (the browser's `Origin`).",
  },
  operator: {
    type: 'http',
    scheme: 'bearer',
    description: 'The operator token (`OPERATOR_TOKEN`): `Authorization: Bearer <token>`. Unset, the admin routes answer 403.',
  },
} as const;

type SecuritySchemeName = keyof typeof securitySchemes;

/** Which scheme guards the operations under a path, and what its middleware may answer before the route runs. */
export interface GuardedPaths {
  prefix: string;
  scheme: SecuritySchemeName;
  /** Statuses the guard answers: 401 always; 403 for a refused origin or an unset token; 429 when rate-limited. */
  errors: readonly GuardStatus[];
  /** Groups the operations under one heading in the viewer. */
  tag?: string;
}
type GuardStatus = 401 | 403 | 429;

const ErrorSchema = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'A stable code to branch on' },
    message: { type: 'string', description: 'What went wrong, in a sentence for a person' },
    issues: {
      type: 'array',
      description: 'Each field that failed validation (400 only)',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

interface StandardError {
  description: string;
  example: ReturnType<typeof errorBody>;
  headers?: Record<string, { description: string; schema: { type: string } }>;
}

// The bodies the shared middleware really sends (packages/http), so an integrator can match on them.
const standardErrors: Record<number, StandardError> = {
  400: {
    description: 'The request does not match the schema; `issues` names each bad field',
    example: errorBody('invalid_request', 'the request does not match the schema', [
      { path: 'subject', message: 'Too small: expected string to have >=1 characters' },
    ]),
  },
  401: { description: 'Missing or unknown key', example: errorBody('unauthorized', 'unknown API key') },
  403: { description: 'Refused for this caller', example: errorBody('forbidden', 'this key may not do that') },
  404: { description: 'No such resource for this tenant', example: errorBody('not_found', 'no such ticket') },
  409: { description: 'Conflicts with what was already recorded', example: errorBody('conflict', 'this was already recorded') },
  413: { description: 'The body is larger than the limit', example: errorBody('payload_too_large', 'request body exceeds 4194304 bytes') },
  415: {
    description: 'The body is not `application/json`',
    example: errorBody('unsupported_media_type', 'send the body as application/json'),
  },
  422: { description: 'Understood but not processable', example: errorBody('unprocessable', 'the request cannot be applied') },
  429: {
    description: 'Over the rate limit: wait `Retry-After` seconds',
    example: errorBody('rate_limited', 'rate limit exceeded; retry in 2 s'),
    headers: { 'Retry-After': { description: 'Seconds until a request will be admitted again', schema: { type: 'integer' } } },
  },
  503: {
    description: 'A dependency is unreachable right now; retry later',
    example: errorBody('unavailable', 'the broker is unreachable'),
  },
};

const guardExamples: Record<SecuritySchemeName, Partial<Record<GuardStatus, ReturnType<typeof errorBody>>>> = {
  apiKey: { 401: errorBody('unauthorized', 'unknown API key') },
  widgetKey: {
    401: errorBody('unauthorized', 'send the widget key in the x-widget-key header'),
    403: errorBody('forbidden_origin', 'this widget key is not issued for https://elsewhere.example'),
  },
  operator: {
    401: errorBody('unauthorized', 'send the operator token as "Authorization: Bearer <token>"'),
    403: errorBody('forbidden', 'operator routes are off: set OPERATOR_TOKEN to use them'),
  },
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

const isError = (status: string) => /^[45]\d\d$/.test(status);

/** The route's own error entry, kept as written, gains the shared body's schema and example when it has none. */
const completeError = (status: number, given: Responses[string] | undefined, example?: ReturnType<typeof errorBody>) => {
  const standard = standardErrors[status] ?? { description: 'Refused', example: errorBody('error', 'refused') };
  const entry = { ...(given ?? { description: standard.description }) } as Record<string, unknown>;
  const content = (entry.content ?? {}) as Record<string, Record<string, unknown>>;
  const json = content['application/json'] ?? { schema: ErrorSchema };
  const hasExample = json.example !== undefined || json.examples !== undefined || (json.schema as { example?: unknown })?.example;
  entry.content = { ...content, 'application/json': hasExample ? json : { ...json, example: example ?? standard.example } };
  if (standard.headers && !entry.headers) entry.headers = standard.headers;
  return entry as Responses[string];
};

const completeOperation = (operation: Operation, guard: GuardedPaths | undefined): Operation => {
  const responses: Responses = { ...operation.responses };
  const statuses = new Set(Object.keys(responses).filter(isError).map(Number));
  const takesInput = Boolean(operation.requestBody || operation.parameters?.length);
  if (takesInput) statuses.add(400);
  // Every body is read through the size limit and the content-type check first.
  if (operation.requestBody) for (const s of [413, 415]) statuses.add(s);
  for (const s of guard?.errors ?? []) statuses.add(s);
  for (const status of [...statuses].sort()) {
    const example = guard ? guardExamples[guard.scheme][status as GuardStatus] : undefined;
    responses[String(status)] = completeError(status, responses[String(status)], example);
  }
  return {
    ...operation,
    ...(guard && !operation.security ? { security: [{ [guard.scheme]: [] }] } : {}),
    ...(guard?.tag && !operation.tags ? { tags: [guard.tag] } : {}),
    responses,
  };
};

/**
 * The document as integrators need it: the security schemes declared, each operation under a guard
 * naming its scheme, and every error it can answer (its own, the guard's, 400 when it takes input,
 * 413 and 415 when it takes a body) with the shared error body and an example of it.
 */
const completeDocument = (document: OpenApiDocument, guards: readonly GuardedPaths[]): OpenApiDocument => {
  const guardOf = (path: string) =>
    guards.filter((g) => path === g.prefix || path.startsWith(`${g.prefix}/`)).sort((a, b) => b.prefix.length - a.prefix.length)[0];
  const paths = Object.fromEntries(
    Object.entries(document.paths ?? {}).map(([path, item]) => {
      const guard = guardOf(path);
      const operations = METHODS.filter((m) => item[m]).map((m) => [m, completeOperation(item[m]!, guard)] as const);
      return [path, { ...item, ...Object.fromEntries(operations) }];
    }),
  );
  const used = [...new Set(guards.map((g) => g.scheme))];
  return {
    ...document,
    paths,
    components: {
      ...document.components,
      securitySchemes: { ...document.components?.securitySchemes, ...Object.fromEntries(used.map((s) => [s, securitySchemes[s]])) },
    },
  };
};

/** Serves the app's completed OpenAPI 3.1 document at `path`, assembled once, on the first request. */
export const serveOpenApi = <E extends Env>(
  app: OpenAPIHono<E>,
  path: string,
  config: Omit<OpenApiConfig, 'openapi'>,
  guards: readonly GuardedPaths[],
): (() => OpenApiDocument) => {
  let document: OpenApiDocument | undefined;
  const documentOf = () => {
    document ??= completeDocument(app.getOpenAPI31Document({ openapi: '3.1.0', ...config }), guards);
    return document;
  };
  app.get(path, (c) => c.json(documentOf()));
  return documentOf;
};
