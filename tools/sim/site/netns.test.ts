import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canUseNamespaces, listNamespacesSync, reapStaleNamespaces } from './ip.ts';
import { firstLine } from './test-helpers.ts';

const NETNS = resolve(import.meta.dirname, 'netns.ts');
const HOLD_A_NETWORK = `import { createSiteNetwork } from ${JSON.stringify(NETNS)};
const network = await createSiteNetwork({ terminals: 2 });
console.log(network.id);
setInterval(() => {}, 1000);`;

/** Starts a process that builds a 2-terminal network and waits; resolves with it and the network id. */
async function holder(): Promise<{ pid: number; id: string; exited: Promise<number | string | null> }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', HOLD_A_NETWORK], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | string | null>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal)),
  );
  return { pid: child.pid!, id: await firstLine(child), exited };
}

const ofNetwork = (id: string): string[] => listNamespacesSync().filter((name) => name.startsWith(`${id}-`));

describe.skipIf(!canUseNamespaces())('site network cleanup (needs Linux and root for network namespaces)', () => {
  it('deletes its namespaces when its process is terminated', async () => {
    const { pid, id, exited } = await holder();
    expect(ofNetwork(id).sort()).toEqual([`${id}-lan`, `${id}-laptop`, `${id}-t0`, `${id}-t1`]);
    process.kill(pid, 'SIGTERM');
    expect(await exited).toBe(143);
    expect(ofNetwork(id)).toEqual([]);
  });

  it('leaves them after SIGKILL, and the reaper deletes them because their owner is dead', async () => {
    const { pid, id, exited } = await holder();
    process.kill(pid, 'SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // Another test's site start may reap them first (any run reaps dead owners' namespaces).
    const left = ofNetwork(id);
    expect([0, 4]).toContain(left.length);
    expect(reapStaleNamespaces()).toEqual(expect.arrayContaining(left));
    expect(ofNetwork(id)).toEqual([]);
  });
});
