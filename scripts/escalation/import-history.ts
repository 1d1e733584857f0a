import type { TextEmbedder } from '@triage/embeddings';
import { structuredFeatures } from '@triage/escalator';
import { analyzeText, scoreSentiment } from '@triage/signals';
import type { EscalationHistoryRow, Store } from '@triage/store';
import type { HistoryRecord } from './history-csv.ts';

const EMBED_BATCH = 64;

/**
 * Embeds each row with the deployment's embedder (the categorizer's, so the model reads tickets'
 * embeddings the same way), reads its words as the escalator does, and stores the rows with their
 * features, all in one transaction.
 */
export const importHistory = async (
  records: readonly HistoryRecord[],
  options: { store: Store; embeddings: TextEmbedder; tenantId: string; source: string; onProgress?: (done: number) => void },
): Promise<number> => {
  const rows: EscalationHistoryRow[] = [];
  for (let start = 0; start < records.length; start += EMBED_BATCH) {
    const batch = records.slice(start, start + EMBED_BATCH);
    const vectors = await options.embeddings.embedDocuments(batch.map((r) => r.text));
    batch.forEach((record, i) => {
      rows.push({
        text: record.text,
        urgency: record.urgency,
        needsTier2: record.needsTier2,
        embedding: { embedder: options.embeddings.name, values: vectors[i]! },
        structured: {
          ...structuredFeatures({
            channel: record.channel,
            customerTier: record.customerTier,
            vip: record.vip,
            affectedUsers: record.affectedUsers,
            category: record.category,
            sentiment: scoreSentiment(record.text).score,
            textAnalysis: analyzeText(record.text),
          }),
        },
        source: options.source,
        line: record.line,
      });
    });
    options.onProgress?.(rows.length);
  }
  await options.store.escalation.addHistory(options.tenantId, rows);
  return rows.length;
};
