// Problem records through the real Kafka broker and PostgreSQL + pgvector: 40 reports of one fault
// from 12 customers among 200 unrelated tickets and near-misses make one problem, a later report
// joins it, and its members' resolution resolves it.
import { describe, expect, it } from 'vitest';
import { type EventOf, type ProblemRecord, type TicketSubmission, Topics } from '@triage/contracts';
import { type ProblemPipeline, startProblemPipeline } from './harness/problem-pipeline.ts';
import { faultReports, interleave, nearMisses, unrelatedTickets } from './harness/problem-scenario.ts';
import { runDuringFile } from './harness/system.ts';
import { waitFor } from './harness/wait.ts';

const TENANT = 'acme';
const API_KEY = 'e2e-problems-key-0123456789';

let pipeline: ProblemPipeline;

runDuringFile(async () => {
  pipeline = await startProblemPipeline({
    tenant: TENANT,
    apiKey: API_KEY,
    services: ['categorizer', 'kb-retrieval', 'escalator', 'handoff-composer', 'problems'],
    observe: [Topics.ticketsRouted, Topics.problemsDetected, Topics.problemsUpdated],
  });
  return pipeline;
}, 240_000);

/** Submits a few at a time, as customers would; returns the ids in order. */
const submitAll = async (tickets: TicketSubmission[], parallel = 8): Promise<string[]> => {
  const ids: string[] = [];
  for (let i = 0; i < tickets.length; i += parallel)
    ids.push(...(await Promise.all(tickets.slice(i, i + parallel).map((t) => pipeline.submit(t)))));
  return ids;
};

const observed = async (): Promise<number> => {
  const { rows } = await pipeline.store.sql.transaction(
    (tx) => tx.query<{ n: number }>('SELECT count(*)::int AS n FROM problem_tickets WHERE tenant_id = $1', [TENANT]),
    { tenantId: TENANT },
  );
  return rows[0]!.n;
};

const payloads = (topic: typeof Topics.problemsDetected | typeof Topics.problemsUpdated) =>
  pipeline.seen.get(topic)!.map((d) => (d.event as EventOf<typeof topic>).payload as ProblemRecord);

interface ListedProblem extends Omit<ProblemRecord, 'members' | 'change'> {
  members: { ticketId: string; customerId: string; subject: string; resolvedAt?: string }[];
}

const listProblems = async (): Promise<ListedProblem[]> => {
  const res = await pipeline.get('problems', '/v1/problems');
  expect(res.status).toBe(200);
  return ((await res.json()) as { problems: ListedProblem[] }).problems;
};

describe('problem records', () => {
  const faultIds = new Set<string>();
  let problemId = '';

  it('opens one problem holding the 40 reports of one fault, and none for the 200 others', async () => {
    const fault = faultReports(40, 12).map((t) => ({ t, fault: true }));
    const others = [...(await unrelatedTickets(180)), ...nearMisses].map((t) => ({ t, fault: false }));
    const mixed = interleave([...fault, ...others]);
    const started = Date.now();
    const ids = await submitAll(mixed.map((m) => m.t));
    ids.forEach((id, i) => {
      if (mixed[i]!.fault) faultIds.add(id);
    });
    await waitFor(
      async () => (await observed()) === 240,
      240_000,
      () => `problem detector saw ${pipeline.seen.get(Topics.ticketsRouted)!.length} routed`,
    );
    // Within the scenario's ten minutes.
    expect(Date.now() - started).toBeLessThan(10 * 60_000);
    await waitFor(
      () => payloads(Topics.problemsDetected).length > 0,
      30_000,
      () => 'no problems.detected',
    );

    const problems = await listProblems();
    const members = new Set(problems.flatMap((p) => p.members.map((m) => m.ticketId)));
    const hits = [...members].filter((id) => faultIds.has(id)).length;
    const precision = hits / members.size;
    const recall = hits / faultIds.size;
    console.log(
      `problem grouping: ${problems.length} problem(s), ${members.size} members, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
    );
    expect(problems).toHaveLength(1);
    expect(precision).toBe(1);
    expect(recall).toBeGreaterThanOrEqual(0.9);

    const [problem] = problems;
    problemId = problem!.problemId;
    expect(problem).toMatchObject({ state: 'open', productArea: 'reporting' });
    expect(problem!.affectedCustomers.count).toBe(12);
    expect(problem!.ticketCount).toBe(members.size);
    expect(problem!.errorMessages.map((e) => e.toLowerCase())).toEqual(
      expect.arrayContaining(['e_export_5003', 'report generation timed out']),
    );
    expect(problem!.versions).toContain('5.2.0');
    expect(problem!.bugReport.reproductionHints.length).toBeGreaterThan(0);
    expect(problem!.bugReport.firstSeen <= problem!.bugReport.lastSeen).toBe(true);
    expect(problem!.sampleTickets.length).toBeGreaterThan(0);

    // Published once when it opened, with links to its first members; the rest joined it.
    const detected = payloads(Topics.problemsDetected);
    expect(detected).toHaveLength(1);
    expect(detected[0]!.members.length).toBeGreaterThanOrEqual(5);
    expect(detected[0]!.members.every((m) => faultIds.has(m.ticketId) && m.link === `/v1/tickets/${m.ticketId}`)).toBe(true);
    const joined = () => payloads(Topics.problemsUpdated).filter((p) => p.change === 'joined').length;
    await waitFor(
      () => detected[0]!.members.length + joined() === members.size,
      30_000,
      () => `${joined()} joined events`,
    );
  }, 420_000);

  it('adds a later report of the same fault to the open problem', async () => {
    const [late] = faultReports(41, 13, 'late-customer').slice(40);
    const [id] = await submitAll([late!]);
    await waitFor(
      () => payloads(Topics.problemsUpdated).some((p) => p.change === 'joined' && p.members.some((m) => m.ticketId === id)),
      90_000,
      () => 'the 41st report did not join',
    );
    const res = await pipeline.get('problems', `/v1/problems/${problemId}`);
    const problem = (await res.json()) as ListedProblem;
    expect(problem.members.map((m) => m.ticketId)).toContain(id);
    expect(problem.affectedCustomers.ids).toContain(late!.customer.id);
    // Tenant-scoped behind the API key: another tenant sees nothing of it, no key gets a 401.
    await pipeline.store.tenants.ensure('globex');
    const { key } = await pipeline.store.tenants.createApiKey('globex');
    expect(await (await pipeline.get('problems', '/v1/problems', key)).json()).toEqual({ problems: [] });
    expect((await pipeline.get('problems', `/v1/problems/${problemId}`, key)).status).toBe(404);
    expect((await pipeline.get('problems', '/v1/problems', null)).status).toBe(401);
  }, 120_000);

  it('resolves the problem when engineering resolves a member', async () => {
    const member = [...faultIds][0]!;
    const res = await pipeline.report(member, {
      type: 'resolved',
      id: `fix-${member}`,
      occurredAt: new Date().toISOString(),
      notes: 'Export workers ran out of memory on the new query planner; fixed in 5.2.1.',
      resolvingTier: 3,
    });
    expect(res.status).toBeLessThan(300);
    await waitFor(
      () => payloads(Topics.problemsUpdated).some((p) => p.change === 'resolved'),
      90_000,
      () => 'not resolved',
    );
    const resolved = payloads(Topics.problemsUpdated).find((p) => p.change === 'resolved')!;
    expect(resolved).toMatchObject({ problemId, state: 'resolved', resolution: expect.stringContaining('5.2.1') });
    const open = await pipeline.get('problems', '/v1/problems?state=open');
    expect(((await open.json()) as { problems: unknown[] }).problems).toHaveLength(0);
  }, 120_000);
});
