import type { EntitySpan, TechnicalEntities, Ticket } from '@triage/contracts';

const size = (bytes: number): string =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} B`;

const lines = (label: string, spans: readonly EntitySpan[]): string[] => spans.map((s) => `${label}: ${s.value}`);

/** Facts an agent can check, each on its own line, as the customer gave them. */
export const evidenceOf = (ticket: Ticket, e: TechnicalEntities): string[] => [
  ...lines('Error code', e.errorCodes),
  ...lines('Exception', e.exceptions),
  ...lines('HTTP status', e.httpStatuses),
  ...lines('Version', e.versions),
  ...lines('Order or invoice', e.orderIds),
  ...lines('Host', e.hostnames),
  ...lines('URL', e.urls),
  ...(e.stackTraceHead ? [`Stack trace: ${e.stackTraceHead}`] : []),
  ...ticket.attachments.map((a) => `Attachment: ${a.name} (${a.contentType}, ${size(a.sizeBytes)})`),
  ...(ticket.affectedUsers ? [`Affected users: ${ticket.affectedUsers}`] : []),
  // The customer's own choice first; the areas read from the text when they made none.
  ...(ticket.productArea ? [`Product area: ${ticket.productArea}`] : lines('Product area (from the text)', e.productAreas)),
  `Channel: ${ticket.channel}`,
];
