import { Registry } from 'prom-client';
import type { Bus, BatchHandler, TopicMessage } from '@triage/bus';
import { defaultRetryPolicy } from '@triage/bus';
import { CategorizerConfig, composeCategorizer } from '@triage/categorizer';
import { Topics, type Topic, type TicketSubmission } from '@triage/contracts';
import type { TextEmbedder } from '@triage/embeddings';
import { composeEscalator, EscalatorConfig } from '@triage/escalator';
import { composeHandoff, HandoffConfig } from '@triage/handoff-composer';
import { composeInsights, InsightsConfig } from '@triage/insights';
import { composeIntake, IntakeConfig } from '@triage/intake';
import { composeKbRetrieval } from '@triage/kb-retrieval';
import type { RetrievalConfig } from '@triage/knowledge';
import { createLogger, type Worker } from '@triage/runtime';
import type { Store } from '@triage/store';
// The bus's own per-batch step (decode, handler, encode) and batch bound, run here without Kafka.
import { DEFAULT_MAX_BATCH_SIZE } from '../../packages/bus/src/base-bus.ts';
import { toBuffer } from '../../packages/bus/src/codec.ts';
import { processBatch } from '../../packages/bus/src/process-batch.ts';
import { cpuMeter } from '../support/process-stats.ts';
import { medianBy, round } from '../support/stats.ts';

export interface StageCpu {
  stage: string;
  /** CPU of this process per ticket: the stage's work and the PostgreSQL client's. */
  cpuMs: number;
  /** Of which the stage's handler (decide and record); the rest is the bus decoding and encoding events. */
  handlerMs?: number;
  /** CPU of the PostgreSQL server processes serving this process, per ticket. */
  postgresMs: number;
  wallMs: number;
  /** Mean size of the event the stage writes: a chunk of 100 from one partition goes out to one partition, in one record batch. */
  eventBytes?: number;
}

export interface StageCpuDeps {
  store: Store;
  /** Kafka, for the outbox relay to publish to and for reading what it published. */
  bus: Bus;
  embeddings: TextEmbedder;
  retrieval: RetrievalConfig;
  tenantId: string;
  apiKey: string;
  /** The bench database's server processes. */
  postgres: { pids(): Promise<number[]> };
}

const costOf = (row: StageCpu) => row.cpuMs + row.postgresMs;

/** Each stage's row chosen by `choose` among its rows of every run, in stage order. */
const perStage = (runs: StageCpu[][], choose: (rows: StageCpu[]) => StageCpu): StageCpu[] =>
  runs[0]!.map(({ stage }) => choose(runs.map((run) => run.find((row) => row.stage === stage) ?? failMissing(stage))));

/** Each stage's median run (its own and its PostgreSQL CPU together), in stage order. */
export const typicalRun = (runs: StageCpu[][]): StageCpu[] => perStage(runs, (rows) => medianBy(rows, costOf));

/** Each stage's cheapest run, in stage order. */
export const cheapestRun = (runs: StageCpu[][]): StageCpu[] =>
  perStage(runs, (rows) => rows.reduce((best, row) => (costOf(row) < costOf(best) ? row : best)));

const failMissing = (stage: string): never => {
  throw new Error(`stage ${stage} is missing from a timed run`);
};

const cpuMsOf = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
const meanBytes = (messages: TopicMessage[]) => Math.round(messages.reduce((sum, m) => sum + (m.value?.length ?? 0), 0) / messages.length);

/**
 * Every stage of the pipeline in this process, fed the previous stage's real output: intake's
 * HTTP route (the hono app, no socket), the outbox relay (to Kafka), then each worker's handler
 * through the bus's processing step in batches of the production size, and last insights'
 * support-metrics projection of what they published (every ticket's categorized and routed events
 * pass through it in the running pipeline too). Measures CPU per ticket.
 */
export const createStageChain = async (deps: StageCpuDeps) => {
  const logger = createLogger({ service: 'bench', level: 'warn' });
  const base = { store: deps.store, bus: deps.bus, logger, registry: new Registry(), instanceId: 'bench' };
  const intake = await composeIntake({
    ...base,
    embeddings: deps.embeddings,
    retrieval: deps.retrieval,
    // The limiter would refuse a burst from one key; the bench measures the work, not the limit.
    config: IntakeConfig.parse({ RATE_LIMIT_PER_SECOND: '1000000', RATE_LIMIT_BURST: '1000000' }),
  });
  const insights = await composeInsights({ ...base, config: InsightsConfig.parse({}) });
  const relay = intake.components!.find((c) => c.name === 'outbox-relay')!;
  const services = [
    await composeCategorizer({ ...base, embeddings: deps.embeddings, config: CategorizerConfig.parse({}) }),
    await composeKbRetrieval({ ...base, embeddings: deps.embeddings, config: deps.retrieval }),
    await composeEscalator({ ...base, config: EscalatorConfig.parse({}), llm: undefined }),
    await composeHandoff({ ...base, llm: undefined, config: HandoffConfig.parse({}) }),
  ];
  // kb-retrieval's index warm-up, as the service runs it before it consumes.
  for (const component of services.flatMap((s) => s.components ?? [])) await component.start?.();
  const stageNames = ['categorizer', 'kb-retrieval', 'escalator', 'handoff-composer'];
  const chain: Worker[] = stageNames.map((name) => services.flatMap((s) => s.workers).find((w) => w.name === name) ?? failMissing(name));

  const measure = async (stage: string, tickets: number, work: () => Promise<void>): Promise<StageCpu> => {
    const postgres = cpuMeter(() => deps.postgres.pids());
    await postgres.start();
    const cpu = process.cpuUsage();
    const started = performance.now();
    await work();
    const perTicket = (x: number) => round(x / tickets, 3);
    return {
      stage,
      cpuMs: perTicket(cpuMsOf(process.cpuUsage(cpu))),
      postgresMs: perTicket(await postgres.elapsedMs()),
      wallMs: perTicket(performance.now() - started),
    };
  };

  const post = async (ticket: TicketSubmission): Promise<string> => {
    const res = await intake.http!.request('/v1/tickets', {
      method: 'POST',
      headers: { authorization: `Bearer ${deps.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(ticket),
    });
    if (res.status !== 202) throw new Error(`POST /v1/tickets answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };

  let offset = 0;
  /** One stage: `workers` each fed the messages of its topic, timed together per ticket. */
  const runStage = async (
    name: string,
    workers: Worker[],
    input: TopicMessage[],
    tickets: number,
  ): Promise<{ row: StageCpu; output: TopicMessage[] }> => {
    let handlerMs = 0;
    const output: TopicMessage[] = [];
    const row = await measure(name, tickets, async () => {
      for (const worker of workers) {
        const timed: BatchHandler<Topic> = async (batch) => {
          const before = process.cpuUsage();
          try {
            return await worker.handler(batch);
          } finally {
            handlerMs += cpuMsOf(process.cpuUsage(before));
          }
        };
        const stage = { topic: worker.topic, group: worker.group, handler: timed, retry: defaultRetryPolicy, logger };
        const mine = input.filter((m) => m.topic === worker.topic);
        for (let start = 0; start < mine.length; start += DEFAULT_MAX_BATCH_SIZE) {
          for (const { topic, message } of await processBatch(stage, mine.slice(start, start + DEFAULT_MAX_BATCH_SIZE))) {
            if (topic.startsWith('dlq.')) throw new Error(`${worker.name} dead-lettered an event: ${message.headers?.['x-dlq-reason']}`);
            offset += 1;
            output.push({
              topic,
              partition: offset % 3,
              offset: String(offset),
              key: message.key,
              value: toBuffer(message.value),
              headers: message.headers ?? {},
            });
          }
        }
      }
    });
    return {
      row: { ...row, handlerMs: round(handlerMs / tickets, 3), ...(output.length > 0 ? { eventBytes: meanBytes(output) } : {}) },
      output,
    };
  };

  return {
    /** Takes `tickets` through every stage; each stage's row is CPU per ticket. */
    async run(tickets: TicketSubmission[]): Promise<StageCpu[]> {
      const ids: string[] = [];
      const rows = [
        await measure('intake: POST /v1/tickets', tickets.length, async () => {
          for (const ticket of tickets) ids.push(await post(ticket));
        }),
      ];
      rows.push(
        await measure('intake: outbox relay', tickets.length, async () => {
          await relay.start!();
          await relay.drain!();
        }),
      );
      const mine = new Set(ids);
      let messages = (await deps.bus.read(Topics.ticketsReceived)).filter((m) => mine.has(m.key ?? ''));
      rows[1]!.eventBytes = meanBytes(messages);
      const published: TopicMessage[] = [];
      for (const worker of chain) {
        const { row, output } = await runStage(worker.name, [worker], messages, tickets.length);
        rows.push(row);
        published.push(...output);
        messages = output;
      }
      const routed = messages.filter((m) => m.topic === Topics.ticketsRouted).length;
      if (routed !== tickets.length) throw new Error(`${routed} of ${tickets.length} tickets came out routed`);
      rows.push((await runStage('insights: support metrics', insights.supportFeeds, published, tickets.length)).row);
      return rows;
    },
  };
};
