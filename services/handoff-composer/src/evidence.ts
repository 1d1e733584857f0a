import type { TechnicalEntities, Ticket } from '@triage/contracts';

const size = (bytes: number): string =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} B`;

/** Facts an agent can check, each on its own line, as the customer gave them. */
export const evidenceOf = (ticket: Ticket, e: TechnicalEntities): string[] => [
  ...e.errorCodes.map((c) => `Error code: ${c}`),
  ...e.httpStatuses.map((s) => `HTTP status: ${s}`),
  ...e.versions.map((v) => `Version: ${v}`),
  ...e.urls.map((u) => `URL: ${u}`),
  ...(e.stackTraceHead ? [`Stack trace: ${e.stackTraceHead}`] : []),
  ...ticket.attachments.map((a) => `Attachment: ${a.name} (${a.contentType}, ${size(a.sizeBytes)})`),
  ...(ticket.affectedUsers ? [`Affected users: ${ticket.affectedUsers}`] : []),
  ...(ticket.productArea ? [`Product area: ${ticket.productArea}`] : []),
  `Channel: ${ticket.channel}`,
];
