import { loadConfig, PlatformEnv } from '@triage/runtime';
import { createPgliteStore, createPgStore, DataDirInUse, type Store } from '@triage/store';
import { isNetworkError, Unreachable, UsageError } from './failures.ts';

/** The embedded default's vector size (services/embedded). */
const EMBEDDED_DIM = 384;

/** The usage lines of `--data-dir`, for a tool whose result (`loads`: the model, the articles) `npm start` reads when it starts. */
export const dataDirUsage = (loads: string): string =>
  `  --data-dir <folder>  the data folder of \`npm start\` (or DATA_DIR), while it is stopped; it loads
                       ${loads} when it starts. Without it: PostgreSQL at DATABASE_URL.`;

/** Where a tool's store is: the embedded default's data folder (`--data-dir`, DATA_DIR), else PostgreSQL at DATABASE_URL. */
export const dataDirOf = (flag: string | undefined): string | undefined => {
  const dataDir = flag ?? process.env.DATA_DIR;
  if (dataDir === 'memory') throw new UsageError('DATA_DIR=memory names no folder: give the data folder of `npm start` (default .data)');
  return dataDir;
};

const postgresAt = (url: string): string => {
  const { hostname, port } = new URL(url);
  return `${hostname}:${port || 5432}`;
};

/**
 * Opens the store, saying in one line what to do when it cannot: `inUse` is the advice when the
 * embedded default has the data folder open.
 */
export const openStore = async (dataDir: string | undefined, inUse: string): Promise<Store> => {
  if (dataDir) {
    try {
      return await createPgliteStore({ dataDir, embeddingDim: EMBEDDED_DIM });
    } catch (error) {
      if (error instanceof DataDirInUse)
        throw new Unreachable(`${dataDir} is open in another process (pid ${error.pid}), probably \`npm start\`: ${inUse}`);
      throw error;
    }
  }
  const platform = loadConfig(PlatformEnv);
  try {
    return await createPgStore({ url: platform.DATABASE_URL, embeddingDim: platform.EMBEDDING_DIM, poolSize: 2 });
  } catch (error) {
    if (!isNetworkError(error)) throw error;
    throw new Unreachable(
      `cannot reach PostgreSQL at ${postgresAt(platform.DATABASE_URL)} (DATABASE_URL): start it with \`npm run infra:up\`, or point DATABASE_URL at your database${dataDir === undefined ? ', or pass --data-dir for the data folder of `npm start`' : ''}`,
    );
  }
};
