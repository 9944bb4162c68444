import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeopleFindResult } from '../../shared/domain/people-index.ts';
import type { RemovalPlan } from '../../shared/domain/removal.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { deleteRequests, startTerminal, type SimTerminal } from '../../test/support/removal/test-kit.ts';
import { cliRunner } from '../../test/support/cli/test-cli.ts';

const people = generatePeople('cli-people', 40);
const zhang = people.find(
  (p) => /\p{Script=Han}/u.test(p.name) && people.filter((q) => q.name === p.name).length === 1,
);

/** `fcom people refresh|find` and `fcom remove --match` against a Sophon terminal and a BAS-IP panel. */
describe('fcom people and fcom remove --match', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'fcom-cli-people-'));
  const env = { ...process.env, FCOM_DATA_DIR: dataDir, FCOM_SECRET_KEY: 'test-passphrase' };
  const { fcom } = cliRunner(env);
  let sophon: SimTerminal;
  let panel: SimTerminal;

  beforeAll(async () => {
    sophon = await startTerminal('sophon', 'SPH-PEOPLE', people.slice(0, 20));
    panel = await startTerminal('basip', 'BAS-PEOPLE', people.slice(20, 40));
    expect((await fcom('devices', 'add', `127.0.0.1:${sophon.port}`, '--kind', 'sophon')).code).toBe(0);
    const added = await fcom(
      'devices',
      'add',
      `127.0.0.1:${panel.port}`,
      '--username',
      'admin',
      '--password',
      '123456',
    );
    expect(added.code, added.stderr).toBe(0);
  }, 30_000);
  afterAll(async () => {
    await sophon.cutOff();
    await panel.cutOff();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    'refreshes, finds a person by Chinese name, and previews and runs a removal by name',
    { timeout: 60_000 },
    async () => {
      expect(zhang).toBeDefined();
      const person = zhang as NonNullable<typeof zhang>;
      const refresh = await fcom('people', 'refresh');
      expect(refresh.code, refresh.stderr).toBe(0);
      expect(refresh.stdout).toMatch(/fresh/);

      const find = await fcom('--json', 'people', 'find', person.name);
      expect(find.code, find.stderr).toBe(0);
      const found = JSON.parse(find.stdout) as PeopleFindResult;
      const onSophon = person.index < 20;
      expect(found.hits[0]?.holdings.map((h) => [h.kind, h.id])).toEqual([
        onSophon ? ['sophon', person.identityId] : ['basip', person.linkId.toLowerCase()],
      ]);

      const csv = join(dataDir, 'people.csv');
      writeFileSync(csv, `name\n${person.name}\n`);
      const dry = await fcom('--json', 'remove', '--file', csv, '--match', 'name', '--devices', 'all', '--dry-run');
      expect(dry.code, dry.stderr).toBe(0);
      const plan = JSON.parse(dry.stdout) as RemovalPlan;
      // The plan lists terminals in inventory order (address, then port): the ports are random, so sort by kind.
      const perKind = plan.terminals
        .map((t) => [t.kind, t.presence?.present, t.presence?.absent, t.items])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
      expect(perKind).toEqual([
        ['basip', onSophon ? 0 : 1, onSophon ? 1 : 0, onSophon ? 0 : 1],
        ['sophon', onSophon ? 1 : 0, onSophon ? 0 : 1, onSophon ? 1 : 0],
      ]);
      const table = await fcom('remove', '--file', csv, '--match', 'name', '--devices', 'all', '--dry-run');
      expect(table.stdout).toMatch(/THERE\s+ABSENT\s+UNKNOWN/);

      const run = await fcom('remove', '--file', csv, '--match', 'name', '--devices', 'all');
      expect(run.code, run.stderr).toBe(0);
      const holder = onSophon ? sophon : panel;
      const other = onSophon ? panel : sophon;
      expect(deleteRequests(holder.device).length).toBeGreaterThan(0);
      expect(deleteRequests(other.device)).toEqual([]);
      expect(
        onSophon ? sophon.device.holds('identity_id', person.identityId) : panel.device.holds('link_id', person.linkId),
      ).toBe(false);
      const again = await fcom('people', 'find', person.name);
      expect(again.code).toBe(0);
      await fcom('people', 'refresh');
      const gone = await fcom('people', 'find', person.name);
      expect(gone.code).toBe(1);
    },
  );
});
