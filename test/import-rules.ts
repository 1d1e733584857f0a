import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

/** A folder under packages/ or services/, with the name other code imports it by. */
export interface Workspace {
  /** `packages/bus`, `services/intake`. */
  dir: string;
  /** `@triage/bus`. */
  name: string;
  /** Subpaths its package.json exports besides the index, such as `./testing`. */
  subpaths: string[];
}

export interface SourceFile {
  /** From the repository root, with forward slashes. */
  path: string;
  text: string;
}

export type Rule = 'service → service' | 'package → service' | 'contracts → I/O library' | 'past an index';

export interface Violation {
  file: string;
  specifier: string;
  rule: Rule;
  why: string;
}

// The composition root: it wires every service into the one-process default.
const COMPOSES_SERVICES = 'services/embedded';

// Contracts are pure data and validation, read by every process and by helpdesks' own code. Node's
// built-ins are named without their `node:` prefix, which is optional.
const IO_LIBRARIES = [
  'kafkajs',
  'pg',
  '@electric-sql/pglite',
  'hono',
  '@hono/',
  'fs',
  'net',
  'http',
  'onnxruntime-node',
  'prom-client',
  'pino',
];

const isIoLibrary = (specifier: string) => {
  const module = specifier.replace(/^node:/, '');
  return IO_LIBRARIES.some((lib) => (lib.endsWith('/') ? module.startsWith(lib) : module === lib || module.startsWith(`${lib}/`)));
};

/** The modules a file imports or re-exports, statically or with `import()`. */
export const importSpecifiers = (text: string): string[] =>
  [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);

const kindOf = (dir: string) => dir.split('/')[0];

export const importViolations = (files: SourceFile[], workspaces: Workspace[]): Violation[] => {
  const byName = new Map(workspaces.map((w) => [w.name, w]));
  const holding = (path: string) => workspaces.find((w) => path.startsWith(`${w.dir}/`));
  return files.flatMap((file) => {
    const own = holding(file.path);
    if (!own) return [];
    return importSpecifiers(file.text).flatMap((specifier): Violation[] => {
      const found: Violation[] = [];
      const add = (rule: Rule, why: string) => found.push({ file: file.path, specifier, rule, why });
      let target: Workspace | undefined;
      if (specifier.startsWith('@triage/')) {
        const [scope, name, ...rest] = specifier.split('/');
        target = byName.get(`${scope}/${name}`);
        if (target && rest.length > 0 && !target.subpaths.includes(`./${rest.join('/')}`))
          add('past an index', `import ${target.name} itself: only its index.ts (and the subpaths its package.json exports) is its API`);
      } else if (specifier.startsWith('.')) {
        target = holding(posix.join(posix.dirname(file.path), specifier));
        if (target && target !== own) add('past an index', `reaches into ${target.dir} by a relative path: import ${target.name} instead`);
      }
      if (target && target !== own && kindOf(target.dir) === 'services') {
        if (kindOf(own.dir) === 'packages')
          add('package → service', `a package must not depend on a service (${target.name}); move what it needs into a package`);
        else if (own.dir !== COMPOSES_SERVICES)
          add('service → service', `services talk through topics: move what ${own.dir} needs from ${target.name} into a package`);
      }
      if (own.dir === 'packages/contracts' && file.path.startsWith('packages/contracts/src/') && isIoLibrary(specifier))
        add('contracts → I/O library', 'contracts hold schemas and pure functions only; I/O belongs to bus, store, runtime or a service');
      return found;
    });
  });
};

export const formatViolation = (v: Violation): string => `${v.file}: imports '${v.specifier}' (${v.rule}): ${v.why}`;

/** The workspaces of the repository at `root`, from their package.json files. */
export const readWorkspaces = (root: string): Workspace[] =>
  ['packages', 'services'].flatMap((kind) =>
    readdirSync(join(root, kind))
      .filter((folder) => existsSync(join(root, kind, folder, 'package.json')))
      .map((folder) => {
        const dir = `${kind}/${folder}`;
        const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { name: string; exports?: Record<string, string> };
        return { dir, name: pkg.name, subpaths: Object.keys(pkg.exports ?? {}).filter((p) => p !== '.') };
      }),
  );

/** Every .ts file in the workspaces' src and test folders. */
export const readSources = (root: string, workspaces: Workspace[]): SourceFile[] =>
  workspaces.flatMap((w) =>
    ['src', 'test'].flatMap((folder) => {
      const dir = join(root, w.dir, folder);
      if (!existsSync(dir)) return [];
      return readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts') && !f.includes('node_modules'))
        .map((f) => ({ path: `${w.dir}/${folder}/${f.split(/[\\/]/).join('/')}`, text: readFileSync(join(dir, f), 'utf8') }));
    }),
  );

export const repositoryRoot = dirname(import.meta.dirname);
