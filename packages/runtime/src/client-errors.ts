import type { Duplex } from 'node:stream';

/** Node's own answers to requests it cannot parse, by error code; anything else is a 400. */
const ANSWERS: Record<string, { status: number; reason: string; error: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    error: 'headers_too_large',
    message: 'the request headers are too large',
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: {
    status: 413,
    reason: 'Payload Too Large',
    error: 'payload_too_large',
    message: 'the chunk extensions are too large',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    reason: 'Request Timeout',
    error: 'request_timeout',
    message: 'the request took too long to arrive',
  },
};
const MALFORMED = { status: 400, reason: 'Bad Request', error: 'bad_request', message: 'the request is not valid HTTP' };

/**
 * The server's `clientError` listener. Node answers a request it cannot parse (headers over
 * `maxHeaderSize`, a broken request line) before any route sees it, with an empty body; this gives
 * the same status with the API's JSON error body. No request object exists yet, so the response is
 * written to the socket as it goes on the wire.
 */
export const answerClientError = (err: NodeJS.ErrnoException, socket: Duplex): void => {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const { status, reason, error, message } = ANSWERS[err.code ?? ''] ?? MALFORMED;
  const body = JSON.stringify({ error, message });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
};
