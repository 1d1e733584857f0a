import { describe, expect, it } from 'vitest';
import {
  formatViolation,
  importViolations,
  readSources,
  readWorkspaces,
  repositoryRoot,
  type Rule,
  type Workspace,
} from './import-rules.ts';

const rules: Rule[] = ['service → service', 'package → service', 'contracts → I/O library', 'past an index'];

describe('the import rules of ARCHITECTURE.md', () => {
  const workspaces = readWorkspaces(repositoryRoot);
  const violations = importViolations(readSources(repositoryRoot, workspaces), workspaces);

  it('finds the workspaces and their sources', () => {
    expect(workspaces.map((w) => w.dir)).toEqual(expect.arrayContaining(['packages/contracts', 'services/intake', 'services/embedded']));
  });

  it.each(rules)('hold in the repository: %s', (rule) => {
    expect(violations.filter((v) => v.rule === rule).map(formatViolation)).toEqual([]);
  });
});

describe('the import checker', () => {
  const workspaces: Workspace[] = [
    { dir: 'packages/contracts', name: '@triage/contracts', subpaths: [] },
    { dir: 'packages/metrics', name: '@triage/metrics', subpaths: ['./testing'] },
    { dir: 'services/intake', name: '@triage/intake', subpaths: [] },
    { dir: 'services/escalator', name: '@triage/escalator', subpaths: [] },
    { dir: 'services/embedded', name: '@triage/embedded', subpaths: [] },
  ];
  const check = (path: string, text: string) => importViolations([{ path, text }], workspaces).map((v) => `${v.rule}: ${v.specifier}`);

  it('catches a service importing another service, in its sources and its tests', () => {
    expect(check('services/intake/src/a.ts', "import { x } from '@triage/escalator';")).toEqual(['service → service: @triage/escalator']);
    expect(check('services/intake/test/a.test.ts', "const m = await import('@triage/escalator');")).toEqual([
      'service → service: @triage/escalator',
    ]);
  });

  it('lets the embedded default compose every service, and a service import itself', () => {
    expect(check('services/embedded/src/main.ts', "import { a } from '@triage/intake';\nimport { b } from '@triage/escalator';")).toEqual(
      [],
    );
    expect(check('services/intake/test/a.test.ts', "import { a } from '@triage/intake';\nimport { b } from '../src/b.ts';")).toEqual([]);
  });

  it('catches a package importing a service', () => {
    expect(check('packages/metrics/test/a.test.ts', "export { x } from '@triage/intake';")).toEqual(['package → service: @triage/intake']);
  });

  it('catches contracts importing an I/O library, with or without the node: prefix', () => {
    const text = [
      "import { Kafka } from 'kafkajs';",
      "import { readFile } from 'node:fs/promises';",
      "import http from 'http';",
      "import { z } from 'zod';",
    ];
    expect(check('packages/contracts/src/a.ts', text.join('\n'))).toEqual([
      'contracts → I/O library: kafkajs',
      'contracts → I/O library: node:fs/promises',
      'contracts → I/O library: http',
    ]);
    expect(check('packages/metrics/src/a.ts', "import { Registry } from 'prom-client';")).toEqual([]);
  });

  it("catches an import past a package's index, by name or by relative path", () => {
    expect(check('packages/metrics/src/a.ts', "import { x } from '@triage/contracts/src/events.ts';")).toEqual([
      'past an index: @triage/contracts/src/events.ts',
    ]);
    expect(check('services/intake/src/a.ts', "import { x } from '../../../packages/contracts/src/events.ts';")).toEqual([
      'past an index: ../../../packages/contracts/src/events.ts',
    ]);
    expect(check('services/intake/src/a.ts', "import { x } from '../../escalator/src/index.ts';")).toEqual([
      'past an index: ../../escalator/src/index.ts',
      'service → service: ../../escalator/src/index.ts',
    ]);
  });

  it('allows the subpaths a package exports, and relative imports within a workspace or into shared test helpers', () => {
    expect(check('services/intake/test/a.test.ts', "import { e } from '@triage/metrics/testing';")).toEqual([]);
    expect(check('services/intake/test/a.test.ts', "import { w } from '../../../test/harness/wait.ts';")).toEqual([]);
    expect(check('services/intake/src/routes/a.ts', "import { w } from '../config.ts';")).toEqual([]);
  });
});
