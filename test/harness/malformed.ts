/** Deterministic generators of bad input, so a failing case can be reproduced from its index. */

const rng = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
  return seed / 0x7fffffff;
};

const validTicket = () => ({
  subject: 'Printer offline',
  body: 'The printer on floor 2 shows offline since this morning.',
  channel: 'email',
  customer: { id: 'c-1', tier: 'pro', vip: false },
});

const wrongValues: unknown[] = [42, -1, true, null, [], {}, 'x'.repeat(3), 1e308, ''];
const fields = ['subject', 'body', 'channel', 'customer', 'affectedUsers', 'attachments'] as const;
const invalidUtf8 = Buffer.from([0x7b, 0x22, 0x73, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]); // {"s":"<broken>"}

/** A request body that intake must refuse with a 4xx: [bytes, what is wrong with them]. */
export const malformedRequests = (count: number, seed = 7): [Buffer, string][] => {
  const next = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  return Array.from({ length: count }, (_, i): [Buffer, string] => {
    const ticket: Record<string, unknown> = validTicket();
    switch (i % 6) {
      case 0:
        ticket[pick(fields)] = pick(wrongValues);
        ticket.subject = typeof ticket.subject === 'string' && ticket.subject ? 42 : ticket.subject;
        return [Buffer.from(JSON.stringify(ticket)), 'wrong type'];
      case 1: {
        const text = JSON.stringify(ticket);
        return [Buffer.from(text.slice(0, 1 + Math.floor(next() * (text.length - 2)))), 'truncated JSON'];
      }
      case 2:
        ticket[pick(['subject', 'body'] as const)] = 'x'.repeat(20_001 + Math.floor(next() * 2_000_000));
        return [Buffer.from(JSON.stringify(ticket)), 'huge field'];
      case 3:
        return [
          Buffer.concat([Buffer.from(`${JSON.stringify(ticket).slice(0, -1)},"note":"`), invalidUtf8, Buffer.from('"}')]),
          'invalid UTF-8',
        ];
      case 4:
        ticket.customer = { id: 'c', tier: pick(['gold', 'platinum', 'FREE', '']) };
        return [Buffer.from(JSON.stringify(ticket)), 'unknown tier'];
      default:
        return [Buffer.from(JSON.stringify({ ...ticket, [`unexpected_${i}`]: true })), 'unknown field'];
    }
  });
};

/** Raw Kafka values that can never be a valid tickets.received event. */
export const malformedEvents = (count: number, validEvent: Record<string, unknown>, seed = 11): [Buffer, string][] => {
  const next = rng(seed);
  const text = JSON.stringify(validEvent);
  return Array.from({ length: count }, (_, i): [Buffer, string] => {
    switch (i % 6) {
      case 0:
        return [Buffer.from(text.slice(0, 1 + Math.floor(next() * (text.length - 2)))), 'truncated JSON'];
      case 1:
        return [Buffer.from(JSON.stringify({ ...validEvent, version: 2 + (i % 5) })), 'unknown version'];
      case 2:
        return [
          Buffer.from(
            JSON.stringify({
              ...validEvent,
              payload: { ticket: { ...(validEvent.payload as { ticket: object }).ticket, channel: 'fax' } },
            }),
          ),
          'wrong schema',
        ];
      case 3:
        return [Buffer.concat([Buffer.from(text.slice(0, 20)), invalidUtf8, Buffer.from(text.slice(20))]), 'invalid UTF-8'];
      case 4:
        return [Buffer.from(JSON.stringify({ ...validEvent, payload: { ticket: { body: 'x'.repeat(200_000) } } })), 'huge field'];
      default:
        return [Buffer.from(JSON.stringify(['not', 'an', 'event', i])), 'not an object'];
    }
  });
};
