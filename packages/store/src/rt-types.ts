/** A Triage ticket the Request Tracker connector sent, or is sending, to RT. */
export interface RtTicket {
  tenantId: string;
  ticketId: string;
  /** 'creating': RT may or may not hold it yet (asked, no answer recorded); 'created': it does, as `rtId`. */
  state: 'creating' | 'created';
  rtId?: number | undefined;
  queue: string;
  tier: number;
  requester?: string | undefined;
  firstResponded: boolean;
}

export type NewRtTicket = Pick<RtTicket, 'tenantId' | 'ticketId' | 'queue' | 'tier' | 'requester'>;

export interface RtTicketsRepository {
  /** Records the ticket as 'creating' unless it has a row; returns its row and whether this call wrote it. */
  claim(ticket: NewRtTicket): Promise<{ row: RtTicket; claimed: boolean }>;
  /** RT holds the ticket as `rtId`. */
  created(tenantId: string, ticketId: string, rtId: number): Promise<void>;
  /** The rows of these RT tickets; RT tickets Triage did not create have none. */
  byRtIds(rtIds: number[]): Promise<RtTicket[]>;
  /** The last RT transaction read from `source`; 0 before the first. */
  cursor(source: string): Promise<number>;
  /** Moves the cursor and marks tickets first-responded, in one transaction. */
  advance(source: string, lastTransactionId: number, firstResponded: Pick<RtTicket, 'tenantId' | 'ticketId'>[]): Promise<void>;
}
