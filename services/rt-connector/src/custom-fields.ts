import type { RtClient } from './rt-client.ts';

/** The RT custom fields a routed ticket fills; `TriageTicketId` also finds a ticket whose create went unanswered. */
export const RtFields = {
  triageTicketId: 'TriageTicketId',
  category: 'Category',
  kind: 'Kind',
  tier: 'Tier',
  confidence: 'Confidence',
  language: 'Language',
} as const;

interface Page {
  items: { id: string | number }[];
}

/**
 * Creates the fields that are missing, applied to every queue (`Queue: 0`), so a queue an RT admin
 * adds later needs no setup. Fields an admin already made, global or per queue, are kept as they are.
 */
export const ensureRtFields = async (rt: RtClient): Promise<void> => {
  for (const name of Object.values(RtFields)) {
    const found = await rt.get<Page>('/customfields', {
      query: JSON.stringify([
        { field: 'Name', value: name },
        { field: 'LookupType', value: 'RT::Queue-RT::Ticket' },
        { field: 'Disabled', value: 0 },
      ]),
    });
    if (found.items.length > 0) continue;
    await rt.post('/customfield', { Name: name, Type: 'Freeform', MaxValues: 1, LookupType: 'RT::Queue-RT::Ticket', Queue: 0 });
  }
};
