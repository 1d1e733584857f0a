-- What an idempotency key was first used with (a hash of the request body), so the key coming back
-- with another request is refused instead of answered with the first ticket. Keys stored before
-- this column have none: they cannot be compared, and any request with them is taken as a retry.
ALTER TABLE tickets ADD COLUMN request_fingerprint text;
