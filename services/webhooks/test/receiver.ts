import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  path: string;
  id: string;
  type: string;
  ticketId: string;
  /** Whether the signature verified with the endpoint's secret (and the timestamp was recent). */
  verified: boolean;
  status: number;
  at: number;
}

/** What a path answers: a status, or `hang` to never answer (the sender's timeout ends it). */
export type Answer = number | 'hang';

export interface Receiver {
  url(path: string): string;
  /** Every request, in arrival order. */
  received: Received[];
  /** The ones it answered 2xx. */
  accepted(path: string): Received[];
  close(): Promise<void>;
}

const bodyOf = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * A webhook receiver on 127.0.0.1, as a tenant would write one: it verifies every request with
 * the Standard Webhooks library and the path's secret, then answers as `answer` says.
 */
export const startReceiver = async (
  secretOf: (path: string) => string | undefined,
  answer: (path: string, id: string, attempt: number) => Answer = () => 204,
): Promise<Receiver> => {
  const received: Received[] = [];
  const attempts = new Map<string, number>();
  const server = createServer(async (req, res) => {
    const path = req.url ?? '';
    const body = await bodyOf(req);
    const secret = secretOf(path);
    let verified = false;
    try {
      if (secret) new Webhook(secret).verify(body, req.headers as Record<string, string>);
      verified = secret !== undefined;
    } catch {
      verified = false;
    }
    const {
      id = '',
      type = '',
      data,
    } = verified ? (JSON.parse(body) as { id?: string; type?: string; data?: { ticketId?: string; ticket?: { id: string } } }) : {};
    const key = `${path} ${id}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const reply = verified ? answer(path, id, attempt) : 401;
    received.push({
      path,
      id,
      type,
      ticketId: data?.ticketId ?? data?.ticket?.id ?? '',
      verified,
      status: reply === 'hang' ? 0 : reply,
      at: Date.now(),
    });
    if (reply !== 'hang') res.writeHead(reply).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    received,
    accepted: (path) => received.filter((r) => r.path === path && r.status >= 200 && r.status < 300),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
};
