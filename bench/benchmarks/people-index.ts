import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../electron/core/compose.ts';
import { DEFAULT_REFRESH } from '../../electron/core/people-index/refresh.ts';
import { LIST_PAGE_SIZE } from '../../electron/core/removal/presence.ts';
import { createMemorySecretStore } from '../../electron/core/secrets/memory-secret-store.ts';
import { createBasipDevice } from '../../tools/sim/basip/index.ts';
import type { SimDevice } from '../../tools/sim/common/device.ts';
import { serve, type SimServer } from '../../tools/sim/common/http.ts';
import { generatePeople } from '../../tools/sim/common/people.ts';
import { createSophonDevice } from '../../tools/sim/sophon/index.ts';
import { createRecorder, type FigureRecorder } from '../framework/figures.ts';
import type { BenchContext, Benchmark } from '../framework/types.ts';

/** Terminals and people per terminal of the full and the quick bench. */
const FULL = { terminals: 50, people: 10_000 };
const QUICK = { terminals: 5, people: 1_000 };

/** Every simulated request takes this long (a small terminal answering a page of 50 people). */
export const PAGE_LATENCY_MS = 20;

/** The ideal: every page of one terminal read back to back at the terminal's latency, all terminals in parallel. */
export function idealMs(people: number, latencyMs: number): number {
  return Math.ceil(people / LIST_PAGE_SIZE) * latencyMs;
}

function declare(figures: FigureRecorder, p: string): void {
  figures.declare({
    name: `${p}.measured`,
    unit: 'ms',
    description: '`people:refresh` until every terminal is indexed',
  });
  figures.declare({
    name: `${p}.ideal`,
    unit: 'ms',
    description: `pages of one terminal × its ${PAGE_LATENCY_MS} ms latency, every terminal in parallel, no pause between pages`,
  });
  figures.declare({ name: `${p}.ratio`, unit: '×', description: 'measured / ideal' });
  figures.declare({
    name: `${p}.indexed`,
    unit: 'rows',
    description: 'people (BAS-IP: identifiers) in the index afterwards; must equal what the simulators hold',
  });
  figures.declare({
    name: `${p}.failed`,
    unit: 'terminals',
    description: 'terminals whose read did not complete',
    target: { below: 1 },
  });
}

/** One run: a fresh core, every terminal added by address, then one refresh of the whole site. */
async function refreshOnce(dir: string, servers: readonly { kind: 'sophon' | 'basip'; port: number }[]) {
  mkdirSync(dir, { recursive: true });
  const core = createCore({ dataDir: dir, target: 'cli', mdnsPolicy: 'off', secrets: createMemorySecretStore() });
  try {
    for (const s of servers) {
      await core.services.discovery.addByAddress({
        address: `127.0.0.1:${s.port}`,
        kind: s.kind,
        ...(s.kind === 'basip' ? { credentials: { username: 'admin', password: '123456' } } : {}),
      });
    }
    const started = performance.now();
    const results = await core.services.peopleIndex.refresh().result;
    const ms = performance.now() - started;
    const indexed = core.services.peopleIndex.status().terminals.reduce((n, t) => n + t.people, 0);
    const failures = results.filter((r) => !r.ok).map((r) => `${r.code ?? 'error'}: ${r.error ?? ''}`.slice(0, 160));
    return { ms, indexed, failed: failures.length, failures };
  } finally {
    await core.close();
  }
}

/**
 * Index refresh of a whole site (issue 17): N simulated terminals on 127.0.0.1 (half Sophon, half BAS-IP) of
 * P people each, every request delayed by {@link PAGE_LATENCY_MS}; the app's real core reads them all with its
 * default pacing (one page at a time per terminal, {@link DEFAULT_REFRESH}) against the ideal.
 */
export const peopleIndexBenchmark: Benchmark = {
  name: 'people-index',
  description: 'refresh of the site people index: every terminal read to its end, against pages × latency',
  async run(ctx: BenchContext) {
    const size = ctx.quick ? QUICK : FULL;
    const p = `people-index.${size.terminals}x${size.people}`;
    const figures = createRecorder();
    declare(figures, p);
    const people = generatePeople('bench-people-index', size.people);
    const devices: { kind: 'sophon' | 'basip'; device: SimDevice }[] = [];
    const servers: SimServer[] = [];
    const started: { kind: 'sophon' | 'basip'; port: number }[] = [];
    try {
      for (let i = 0; i < size.terminals; i++) {
        const kind = i % 2 === 0 ? 'sophon' : 'basip';
        const knobs = { latencyMs: PAGE_LATENCY_MS };
        const seed = `bench-index-${i}`;
        const device =
          kind === 'sophon' ? createSophonDevice({ seed, people, knobs }) : createBasipDevice({ seed, people, knobs });
        const server = await serve(device.handle);
        devices.push({ kind, device });
        servers.push(server);
        started.push({ kind, port: server.port });
      }
      const held = devices.reduce(
        (n, d) =>
          n +
          (d.kind === 'sophon' ? d.device.stats().people : (d.device.stats() as { identifiers: number }).identifiers),
        0,
      );
      ctx.log(`people-index: ${size.terminals} terminals × ${size.people} people started (${held} rows held)`);
      const ideal = idealMs(size.people, PAGE_LATENCY_MS);
      for (let run = 1; run <= ctx.runs; run++) {
        const result = await refreshOnce(join(ctx.tempDir, `run-${run}`), started);
        ctx.log(`people-index run ${run}: ${Math.round(result.ms)} ms (ideal ${ideal} ms), ${result.indexed} rows`);
        figures.record(`${p}.measured`, Math.round(result.ms));
        figures.record(`${p}.ideal`, ideal);
        figures.record(`${p}.ratio`, Math.round((result.ms / ideal) * 10) / 10);
        figures.record(`${p}.indexed`, result.indexed);
        figures.record(`${p}.failed`, result.failed);
        if (result.indexed !== held)
          figures.note(`${p}.indexed`, `run ${run}: ${result.indexed} indexed, ${held} held`);
      }
      figures.note(
        `${p}.ratio`,
        `The app pauses ${DEFAULT_REFRESH.paceMs} ms between two pages of one terminal (gentle on small terminals) and reads ${DEFAULT_REFRESH.parallel} terminals at a time; the ideal has neither.`,
      );
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
    return figures.figures();
  },
};
