import { generatePeople } from '../../tools/sim/common/people.ts';
import { expect, test } from './fixtures.ts';
import { addTerminal, expectTruthfulOutcomes, startSimTerminal, type SimTerminal } from './removal-helpers.ts';

/** Simulators started by a test, closed after it. */
const sims: SimTerminal[] = [];

test.afterEach(async () => {
  await Promise.all(sims.splice(0).map((sim) => sim.close()));
});

test.use({ viewport: { width: 1440, height: 1000 } });

/** The delete requests a simulator saw. */
const deletes = (sim: SimTerminal) =>
  sim.device.log
    .all()
    .filter(
      (r) => r.path.endsWith('/deleteidentities') || (r.method === 'DELETE' && r.path.includes('/identifier/items')),
    );

test('who is where: finds a person by Chinese name on every terminal, removes them there and nowhere else', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000);
  const people = generatePeople('people-e2e', 30);
  const person = people
    .slice(0, 20)
    .find((p) => /\p{Script=Han}/u.test(p.name) && people.filter((q) => q.name === p.name).length === 1);
  if (!person) throw new Error('The population has no unique Chinese name.');
  const sophonA = await startSimTerminal('sophon', 'people-sophon-a', people.slice(0, 20));
  const sophonB = await startSimTerminal('sophon', 'people-sophon-b', people.slice(20, 30));
  const basipA = await startSimTerminal('basip', 'people-basip-a', people.slice(0, 20));
  const basipB = await startSimTerminal('basip', 'people-basip-b', people.slice(20, 30));
  const all = [sophonA, sophonB, basipA, basipB];
  sims.push(...all);
  for (const sim of all) await addTerminal(page, sim);
  await expect(page.getByRole('table', { name: 'Terminals' }).getByRole('row')).toHaveCount(5);

  // The index: refresh with progress, then its age is shown.
  await page.getByRole('button', { name: 'Remove identities', exact: true }).click();
  const panel = page.getByRole('region', { name: 'Who is where' });
  await expect(panel.getByTestId('people-index-age')).toHaveText(/index is empty/);
  await panel.getByRole('button', { name: 'Refresh the index' }).click();
  await expect(panel.getByTestId('people-index-age')).toHaveText(/^Index age:/, { timeout: 30_000 });

  // Search in Chinese: the person is on the two terminals of set A, each with its own id.
  await panel.getByLabel('Find people on the site').fill(person.name);
  await panel.getByRole('button', { name: 'Find', exact: true }).click();
  const hit = panel.getByRole('listitem', { name: person.name });
  await expect(hit.getByTestId('people-holding')).toHaveCount(2);
  await expect(hit).toContainText(person.identityId);
  await expect(hit).toContainText(person.linkId.toLowerCase());
  await expect(hit).toContainText(sophonA.address);
  await expect(hit).not.toContainText(sophonB.address);
  await hit.getByRole('button', { name: `Add ${person.name} to the removal list` }).click();
  await expect(page.getByTestId('removal-total')).toHaveText('To remove: 1 person');

  // Every terminal is targeted; the dry run's presence says where the person is.
  await page.getByRole('button', { name: 'Next: choose terminals' }).click();
  await page.getByRole('button', { name: 'Select all' }).click();
  await page.getByRole('button', { name: 'Next: review the dry run' }).click();
  const presence = page.getByRole('table', { name: 'Who is where' });
  await expect(presence.getByTestId('presence-row')).toHaveCount(4);
  const listed = await app.invoke('devices:list', {});
  if (!listed.ok) throw new Error('devices:list failed');
  const serialOf = (sim: SimTerminal) => listed.value.find((t) => t.port === sim.port)?.serial ?? '';
  for (const sim of all) {
    const there = sim === sophonA || sim === basipA ? '1' : '0';
    await expect(presence.locator(`[data-serial="${serialOf(sim)}"]`).getByTestId('presence-there')).toHaveText(there);
  }
  await page.getByRole('button', { name: /^Remove .* now$/ }).click();

  // The job ends; only the two holders got requests, and the person is gone from them.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jobs');
  await expect(page.getByRole('progressbar', { name: 'Overall progress' })).toHaveAttribute('aria-valuenow', '100', {
    timeout: 30_000,
  });
  await expectTruthfulOutcomes(app, all);
  expect(sophonA.device.holds('identity_id', person.identityId)).toBe(false);
  expect(basipA.device.holds('link_id', person.linkId)).toBe(false);
  expect(deletes(sophonB)).toEqual([]);
  expect(deletes(basipB)).toEqual([]);

  // The index read again agrees with the simulators: nobody of that name, and every terminal's count.
  expect(await app.invoke('people:refresh', {})).toMatchObject({ ok: true });
  await expect
    .poll(async () => {
      const found = await app.invoke('people:find', { query: person.name });
      return found.ok ? found.value.hits.length : -1;
    })
    .toBe(0);
  await expect
    .poll(async () => {
      const status = await app.invoke('people:status', {});
      if (!status.ok) return 'failed';
      return all.map((sim) => status.value.terminals.find((t) => t.serial === serialOf(sim))?.people).join(',');
    })
    .toBe(
      all
        .map((sim) =>
          sim.kind === 'sophon'
            ? sim.device.stats().people
            : (sim.device.stats() as { identifiers: number }).identifiers,
        )
        .join(','),
    );
});
