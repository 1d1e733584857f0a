/**
 * Lets one loop sleep until woken or a timeout. A wake while the loop is busy is remembered, so
 * the next sleep returns at once and nothing that happened meanwhile waits for the timeout.
 */
export const createWaker = () => {
  let woken = false;
  let resolve: (() => void) | undefined;
  return {
    wake: () => {
      woken = true;
      resolve?.();
    },
    sleep: async (ms: number): Promise<void> => {
      if (!woken) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((done) => {
          resolve = done;
          timer = setTimeout(done, Math.max(0, ms));
        });
        clearTimeout(timer);
      }
      resolve = undefined;
      woken = false;
    },
  };
};
