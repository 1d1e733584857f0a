/**
 * Names of settings whose value is a credential, as written in text: `password`, `DB_PASSWORD`,
 * `api_key`, `x-api-key`, `clientSecret`, `access_token`, `GITHUB_TOKEN`. A bare `token` counts
 * only in `token=...`, since "invalid token: expired" is prose.
 */
export const SECRET_KEY_SOURCE = String.raw`[\w.-]*(?:password|passwd|pwd|passphrase|secret|api[_-]?key|access[_-]?key|private[_-]?key)|[\w.-]+token|token(?=[ \t]*=)`;

// Field names of structured data are never prose, so a bare `token` and HTTP credential headers count too.
const FIELD = new RegExp(`^(?:${SECRET_KEY_SOURCE}|token|authorization|proxy-authorization|cookie|set-cookie)$`, 'i');

/** Whether a JSON field or header name holds a credential. */
export const isSecretKey = (name: string): boolean => FIELD.test(name);
