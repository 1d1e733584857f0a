import { execFileSync } from 'node:child_process';
import { Topics, type Topic } from '@triage/contracts';
import { startService, type ServiceProcess } from '../../test/harness/service-process.ts';

export const WORKERS = ['categorizer', 'kb-retrieval', 'escalator', 'handoff-composer'] as const;
export type WorkerService = (typeof WORKERS)[number];

/** What each worker service consumes; its consumer group is named after the service. */
export const INPUT_TOPIC: Record<WorkerService, Topic> = {
  categorizer: Topics.ticketsReceived,
  'kb-retrieval': Topics.ticketsCategorized,
  escalator: Topics.ticketsRetrieved,
  'handoff-composer': Topics.ticketsAssessed,
};

export interface Scaled {
  service: WorkerService;
  instances: number;
}

export interface RunningWorker extends ServiceProcess {
  healthPort: number;
}

/**
 * The four worker services as their own processes. The `scaled` one runs `instances` times, each
 * limited to one compute thread and pinned to its own core (core i for instance i), so one more
 * instance means exactly one more core's worth of that stage.
 */
export const startWorkers = async (env: Record<string, string>, scaled?: Scaled): Promise<RunningWorker[]> => {
  const starts = WORKERS.flatMap((service) => {
    if (service !== scaled?.service) return [startService(service, env)];
    return Array.from({ length: scaled.instances }, async (_, i) => {
      const started = await startService(service, {
        ...env,
        INSTANCE_ID: `${service}-${i}`,
        EMBEDDING_THREADS: '1',
        UV_THREADPOOL_SIZE: '1',
      });
      // -a: every thread the process already has (ONNX Runtime's among them); later ones inherit it.
      execFileSync('taskset', ['-a', '-cp', String(i), String(started.child.pid)], { stdio: 'ignore' });
      return started;
    });
  });
  const settled = await Promise.allSettled(starts);
  const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = settled.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((s) => s.kill()));
    throw failed.reason;
  }
  return started.map((s) => ({ ...s, healthPort: Number(s.logs.find((l) => l.msg === 'started')!.healthPort) }));
};

/** Insights as its own process: the support-metrics projection reads every ticket's events, as in a deployment. */
export const startInsights = (env: Record<string, string>): Promise<ServiceProcess> => startService('insights', { ...env, PORT: '0' });
