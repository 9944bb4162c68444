import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBasipDevice } from '../../../tools/sim/basip/index.ts';
import { serve, type SimServer } from '../../../tools/sim/common/http.ts';
import { generatePeople } from '../../../tools/sim/common/people.ts';
import { cliRunner } from '../../../test/support/cli/test-cli.ts';

describe('fcom devices export --format csv|xlsx --out FILE', { timeout: 90_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fcom-devices-export-'));
  const env = { ...process.env, FCOM_DATA_DIR: dataDir, FCOM_SECRET_KEY: 'test-passphrase', FCOM_MDNS: 'off' };
  const { fcom } = cliRunner(env);
  const panels: SimServer[] = [];

  beforeAll(async () => {
    for (const serial of ['CLI-XLSX-1', 'CLI-XLSX-2']) {
      const device = createBasipDevice({ serial, people: generatePeople(serial, 3) });
      panels.push(await serve(device.handle));
    }
    for (const panel of panels) expect((await fcom('devices', 'add', `127.0.0.1:${panel.port}`)).code).toBe(0);
    expect((await fcom('devices', 'label', 'CLI-XLSX-2', '=cmd 二号门')).code).toBe(0);
  });
  afterAll(async () => {
    await Promise.all(panels.map((panel) => panel.close()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes an Excel workbook whose rows are the terminals, text kept as text', async () => {
    const out = join(dataDir, 'terminals.xlsx');
    const run = await fcom('--json', 'devices', 'export', '--format', 'xlsx', '--out', out);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ format: 'xlsx', rows: 2, file: out });
    const workbook = new ExcelJS.Workbook();
    const bytes = readFileSync(out);
    // exceljs types its input as its own global `Buffer` (extends ArrayBuffer), which Node's Buffer no longer matches.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet('Terminals');
    expect(sheet?.rowCount).toBe(3);
    const labels = [2, 3].map((row) => sheet?.getRow(row).getCell(1).value);
    expect(labels).toContain('=cmd 二号门');
    expect(typeof sheet?.getRow(2).getCell(8).value).toBe('number'); // the port
  });

  it('writes CSV text for only the serials asked, and refuses an unknown format', async () => {
    const out = join(dataDir, 'one.csv');
    expect((await fcom('devices', 'export', '--format', 'csv', '--out', out, '--serials', 'CLI-XLSX-1')).code).toBe(0);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(',CLI-XLSX-1,');
    expect((await fcom('devices', 'export', '--format', 'pdf', '--out', out)).code).toBe(2);
  });
});
