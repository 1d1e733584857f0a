/** An idempotency key came back with a request other than the one it was first used with. */
export class IdempotencyKeyReused extends Error {
  readonly key: string;

  constructor(key: string) {
    super(`idempotency key ${key} was already used with a different request`);
    this.name = 'IdempotencyKeyReused';
    this.key = key;
  }
}
