import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? 'fatal');
}

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
});
