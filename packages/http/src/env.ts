/** Hono context variables set by the middleware of every authenticated API. */
export interface ApiEnv {
  Variables: {
    tenantId: string;
    /** The credential the request was authenticated with; rate limits are per credential. */
    principal: string;
    /** The client's address (`clientAddress`), for per-client limits. */
    clientIp: string;
  };
}
