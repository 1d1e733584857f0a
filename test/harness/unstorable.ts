/** Requests carrying what JSON and URLs can express but PostgreSQL cannot store or look up. */

/** Valid JSON string escapes that decode to text `text`/`jsonb` refuse: NUL and unpaired surrogates. */
export const unstorableStrings = ['\u0000', 'printer\u0000offline', '\ud800', 'broken \udfff text', '\udc00\ud800'];

/** Path segments that are no id: NUL, bytes that are not UTF-8, traversal, injection, sheer length. */
export const junkIds = [
  '%00',
  '%00%00%00',
  'not-an-id',
  '%ED%A0%80',
  '%FF%FE',
  '..%2F..%2Fetc',
  "'%20OR%201=1%20--",
  'a'.repeat(500),
  '00000000-0000-4000-8000-00000000000%00',
  '%F0%9F%98%80',
];

const ticket = () => ({
  subject: 'Printer offline',
  body: 'The printer on floor 2 shows offline since this morning.',
  channel: 'email',
  customer: { id: 'c-1', tier: 'pro', name: 'Kim' },
  productArea: 'printing',
  attachments: [{ name: 'status.png', contentType: 'image/png', sizeBytes: 2048 }],
});

/** Every free-text field of a ticket submission, as a path into it. */
const ticketTextFields = [
  ['subject'],
  ['body'],
  ['customer', 'id'],
  ['customer', 'name'],
  ['productArea'],
  ['attachments', '0', 'name'],
  ['attachments', '0', 'contentType'],
];

const withValue = (body: object, path: string[], value: unknown): object => {
  const copy = structuredClone(body) as Record<string, unknown>;
  const parent = path.slice(0, -1).reduce((node, key) => node[key] as Record<string, unknown>, copy);
  parent[path.at(-1)!] = value;
  return copy;
};

/** A ticket submission with one field made unstorable: [JSON body, the field's dotted path]. */
export const unstorableTickets = (): [string, string][] =>
  ticketTextFields.flatMap((path) =>
    unstorableStrings.map((bad): [string, string] => [JSON.stringify(withValue(ticket(), path, bad)), path.join('.')]),
  );

/** Deflection feedback with one field made unstorable: [JSON body, the field's dotted path]. */
export const unstorableFeedback = (): [string, string][] =>
  [['comment'], ['userId'], ['customer', 'name']].flatMap((path) =>
    unstorableStrings.map((bad): [string, string] => [
      JSON.stringify(withValue({ resolved: false, comment: 'did not help', customer: { name: 'Kim' } }, path, bad)),
      path.join('.'),
    ]),
  );

/** A valid ticket different from `ticket()`, for an idempotency key's second use. */
export const otherTicket = (i: number) => JSON.stringify({ ...ticket(), subject: `Another problem ${i}` });
export const firstTicket = () => JSON.stringify(ticket());
