import { BROKER_MAIN_CLASS, defaultKafkaNodeOptions, nodePaths } from './node.ts';
import { isRunning, readPid, removeFiles, terminate } from './process.ts';

/** Stops the native broker cleanly (SIGTERM, then waits); returns false when none was running. */
export const stopKafka = async (options: { home?: string; timeoutMs?: number } = {}): Promise<boolean> => {
  const paths = nodePaths(options.home ?? defaultKafkaNodeOptions.home);
  const pid = await readPid(paths.pid);
  const running = pid !== undefined && isRunning(pid, BROKER_MAIN_CLASS);
  if (running) await terminate(pid, BROKER_MAIN_CLASS, options.timeoutMs ?? 60_000);
  await removeFiles(paths.ready, paths.pid);
  return running;
};

if (import.meta.main) {
  const started = performance.now();
  const stopped = await stopKafka();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(stopped ? `Kafka stopped in ${seconds} s` : 'Kafka was not running');
}
