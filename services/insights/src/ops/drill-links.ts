import type { Drill } from './history.ts';
import type { RangeName } from './period.ts';

const query = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString();

/** The list of the tickets behind a number on the page. */
export const drillPath = (tenant: string, range: RangeName, drill: Drill): string => `/ops/tickets?${query({ tenant, range, ...drill })}`;

/** One ticket's page. */
export const ticketPath = (tenant: string, ticketId: string): string => `/ops/tickets/${encodeURIComponent(ticketId)}?${query({ tenant })}`;

/** The page itself for another range. */
export const rangePath = (tenant: string, range: RangeName): string => `/ops?${query({ tenant, range })}`;
