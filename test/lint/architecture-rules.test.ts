import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { ESLint } from 'eslint';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

const importTestKit = "import { k } from '../../test/support/kit.ts';\nexport const x = k;\n";
const importSimulator = "import { s } from '../../../tools/sim/common/prng.ts';\nexport const x = s;\n";
const importBench = "import { b } from '../../bench/framework/types.ts';\nexport const x = b;\n";

const importElectron = "import { app } from 'electron';\nexport const name = app.name;\n";
const rawIpcMain = "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);\n";
const rawIpcRenderer = "import electron from 'electron';\nelectron.ipcRenderer.send('x');\n";

describe('architecture lint rules', () => {
  it.each(['electron/core/example.ts', 'shared/example.ts', 'renderer/src/example.ts'])(
    'fails when %s imports electron',
    async (file) => {
      expect(await ruleIdsFor(file, importElectron)).toContain('no-restricted-imports');
    },
  );

  it('allows the Electron shell to import electron', async () => {
    expect(await ruleIdsFor('electron/main/example.ts', importElectron)).toEqual([]);
  });

  it('fails on raw ipcMain or ipcRenderer outside the wrappers', async () => {
    expect(await ruleIdsFor('electron/main/example.ts', rawIpcMain)).toContain('no-restricted-imports');
    expect(await ruleIdsFor('electron/main/example.ts', rawIpcRenderer)).toContain('no-restricted-syntax');
  });

  it('allows raw IPC inside the two wrappers', async () => {
    expect(await ruleIdsFor('electron/main/ipc.ts', rawIpcMain)).toEqual([]);
    expect(await ruleIdsFor('electron/preload/index.ts', rawIpcRenderer)).toEqual([]);
  });

  it.each([
    ['electron/core/example.ts', importTestKit],
    ['electron/main/example.ts', importBench],
    ['electron/main/ipc.ts', importTestKit],
    ['electron/cli/example.ts', importTestKit],
    ['shared/example.ts', "import { k } from '../test/support/kit.ts';\nexport const x = k;\n"],
    ['renderer/src/views/example.ts', importSimulator],
  ])('fails when production code (%s) imports a test kit, a simulator or a benchmark', async (file, code) => {
    expect(await ruleIdsFor(file, code)).toContain('no-restricted-imports');
  });

  it('allows unit tests beside production code to import test kits and simulators', async () => {
    expect(await ruleIdsFor('electron/core/example.test.ts', importTestKit)).toEqual([]);
    expect(await ruleIdsFor('renderer/src/views/example.test.tsx', importSimulator)).toEqual([]);
  });
});

/** Writes `files` (path → source) under `root`. */
function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe('dependency-cruiser rules (.dependency-cruiser.cjs)', () => {
  let tree = '';
  /** Every violation in the tree: rule, from, to. */
  let violations: string[] = [];

  beforeAll(async () => {
    tree = mkdtempSync(join(tmpdir(), 'fcom-depcruise-'));
    writeTree(tree, {
      // A cycle of type-only imports counts: the two files are still tied together.
      'electron/core/a.ts': "import { b } from './b.ts';\nexport const a = b;\n",
      'electron/core/b.ts': "import type { a } from './a.ts';\nexport const b = 1;\nexport type A = typeof a;\n",
      'electron/core/up.ts': "import { m } from '../main/m.ts';\nexport const up = m;\n",
      'electron/core/lost.ts': "import { gone } from './gone.ts';\nexport const lost = gone;\n",
      'electron/core/clean.ts': "import { b } from './b.ts';\nexport const clean = b;\n",
      'electron/main/m.ts': "import { k } from '../../test/support/kit.ts';\nexport const m = k;\n",
      'electron/main/m.test.ts': "import { k } from '../../test/support/kit.ts';\nexport const t = k;\n",
      'shared/s.ts': "import { r } from '../renderer/src/r.ts';\nexport const s = r;\n",
      'renderer/src/r.ts': "import { b } from '../../electron/core/b.ts';\nexport const r = b;\n",
      'renderer/src/ok.ts': "import { s } from '../../shared/ok.ts';\nexport const ok = s;\n",
      'shared/ok.ts': 'export const s = 1;\n',
      'test/support/kit.ts': 'export const k = 1;\n',
    });
    const options = await extractDepcruiseOptions(resolve(root, '.dependency-cruiser.cjs'));
    const result = await cruise(['electron', 'renderer', 'shared', 'test'], {
      ...options,
      validate: true,
      baseDir: tree,
    });
    if (typeof result.output === 'string') throw new Error('expected a cruise result, not a report');
    violations = result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
  });

  afterAll(() => rmSync(tree, { recursive: true, force: true }));

  it('reports each broken rule (a cycle once), and nothing for the imports the layers allow', () => {
    expect(violations).toEqual(
      [
        'core-not-to-shells: electron/core/up.ts -> electron/main/m.ts',
        'no-circular: electron/core/a.ts -> electron/core/b.ts',
        'not-to-unresolvable: electron/core/lost.ts -> ./gone.ts',
        'production-not-to-test-kits: electron/main/m.ts -> test/support/kit.ts',
        'renderer-only-renderer-and-shared: renderer/src/r.ts -> electron/core/b.ts',
        'shared-only-shared: shared/s.ts -> renderer/src/r.ts',
      ].sort(),
    );
  });
});
