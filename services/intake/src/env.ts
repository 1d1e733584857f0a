/** Hono context variables set by intake's middleware. */
export interface IntakeEnv {
  Variables: {
    tenantId: string;
    /** The credential the request was authenticated with; rate limits are per credential. */
    principal: string;
  };
}
