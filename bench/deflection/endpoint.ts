import { startService } from '../../test/harness/service-process.ts';
import { processMemoryMiB } from '../support/process-stats.ts';
import { timeEach } from '../support/stats.ts';
import { deflectClient } from './deflect.ts';

export interface EndpointOptions {
  env: Record<string, string>;
  widgetKey: string;
  questions: string[];
  /** How long the first request (which builds the tenant's lexical index) may take. */
  firstRequestDeadlineMs: number;
}

export interface EndpointResult {
  /** The first request builds intake's in-memory lexical index for the tenant. */
  firstRequest: { ok: true; s: number } | { ok: false; afterS: number; reason: string };
  /** Peak resident memory of the intake process over the run. */
  peakRssMiB: number;
  /** Milliseconds per request, one request at a time, after the first. */
  samples?: number[];
}

export const WARM_UP = 10;

/** One client sends every request: neither the widget key's limit nor its per-client share may throttle it. */
export const UNLIMITED = {
  RATE_LIMIT_PER_SECOND: '1000000',
  RATE_LIMIT_BURST: '1000000',
  WIDGET_CLIENT_RATE_PER_SECOND: '1000000',
  WIDGET_CLIENT_BURST: '1000000',
};

/**
 * `POST /v1/deflect` as a widget calls it: the real intake service in its own process, over
 * loopback HTTP, one request at a time. Its rate limit is lifted so the bench measures latency,
 * not the limiter.
 */
export const measureEndpoint = async (options: EndpointOptions): Promise<EndpointResult> => {
  const intake = await startService('intake', { ...options.env, PORT: '0', ...UNLIMITED });
  const pid = intake.child.pid!;
  const url = `http://127.0.0.1:${intake.logs.find((l) => l.msg === 'listening')!.port}/v1/deflect`;
  const stderr: string[] = [];
  intake.child.stderr!.on('data', (chunk: Buffer) => stderr.push(...chunk.toString().split('\n').filter(Boolean)));
  // Sampled because a process killed by the kernel or by its heap limit can no longer be asked.
  let peakRssMiB = processMemoryMiB(pid).peak;
  const sampler = setInterval(() => {
    if (intake.child.exitCode === null && intake.child.signalCode === null) peakRssMiB = Math.max(peakRssMiB, processMemoryMiB(pid).peak);
  }, 1_000);

  const deflect = deflectClient(url, options.widgetKey);

  const started = performance.now();
  const elapsedS = () => Math.round((performance.now() - started) / 100) / 10;
  let answered = false;
  try {
    try {
      await deflect(options.questions[0]!, AbortSignal.timeout(options.firstRequestDeadlineMs));
    } catch (error) {
      // Give a dying process a moment so its exit and last words are seen.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const exit = intake.child.exitCode ?? intake.child.signalCode;
      const reason =
        exit !== null
          ? `intake exited (${exit}): ${
              stderr
                .filter((l) => /heap|memory|FATAL/i.test(l))
                .slice(0, 2)
                .join(' | ') || stderr.slice(-2).join(' | ')
            }`
          : `no answer within ${options.firstRequestDeadlineMs / 1000} s (${(error as Error).name})`;
      return { firstRequest: { ok: false, afterS: elapsedS(), reason }, peakRssMiB };
    }
    answered = true;
    const firstRequest = { ok: true as const, s: elapsedS() };
    await timeEach(options.questions.slice(0, WARM_UP), (q) => deflect(q));
    const samples = await timeEach(options.questions, (q) => deflect(q));
    peakRssMiB = Math.max(peakRssMiB, processMemoryMiB(pid).peak);
    return { firstRequest, peakRssMiB, samples };
  } finally {
    clearInterval(sampler);
    // A process stuck in a synchronous index build cannot run its SIGTERM handler.
    if (answered) await intake.stop();
    else await intake.kill();
  }
};
