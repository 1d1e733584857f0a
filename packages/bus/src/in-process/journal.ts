/** A message as the journal keeps it: where it sits on its topic, and its bytes. */
export interface JournaledMessage {
  topic: string;
  partition: number;
  offset: number;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/** A consumer group's next offset to process in one partition of a topic. */
export interface CommittedOffset {
  group: string;
  topic: string;
  partition: number;
  committed: number;
}

/**
 * Where the in-process bus keeps its topics and consumer positions so they outlive the process.
 * `@triage/store`'s `createBusJournal` implements it on SQL.
 */
export interface BusJournal {
  /** Every message and every committed offset, as the last resolved `write` left them. */
  load(): Promise<{ messages: JournaledMessage[]; offsets: CommittedOffset[] }>;
  /**
   * Appends `messages` and, when given, moves `offset` in one transaction, durable once it resolves:
   * a batch's outputs and its offset commit happen together or not at all, as a Kafka transaction.
   */
  write(messages: JournaledMessage[], offset?: CommittedOffset): Promise<void>;
}

/** The bus without a journal: nothing to load, nothing kept. */
export const memoryOnly: BusJournal = {
  load: async () => ({ messages: [], offsets: [] }),
  write: async () => undefined,
};
