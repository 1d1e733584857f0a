/** A lifecycle report's id is unique per tenant: this one already belongs to another ticket's report. */
export class ReportIdTaken extends Error {
  readonly reportId: string;
  /** The ticket the report was for, which could not take it. */
  readonly ticketId: string;
  constructor(reportId: string, ticketId: string) {
    super(`report id ${reportId} is already used by a report on another ticket`);
    this.name = 'ReportIdTaken';
    this.reportId = reportId;
    this.ticketId = ticketId;
  }
}
