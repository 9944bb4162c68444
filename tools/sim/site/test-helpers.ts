import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { BrowseEvent } from './browse-main.ts';
import type { Site } from './site.ts';

/** The laptop-side mDNS browser entry point. */
export const BROWSE_MAIN = resolve(import.meta.dirname, 'browse-main.ts');

/** What {@link httpFromLaptop} saw: a status and body, or the error that ended the request. */
export type LaptopHttpResult = { status: number; body: string; ms: number } | { error: string; ms: number };

// Runs inside the laptop namespace: one request, one JSON line out.
const REQUEST_SCRIPT = `
const [method, url, body, timeout] = process.argv.slice(1);
const started = Date.now();
fetch(url, { method, body: body || undefined, headers: body ? { 'Content-Type': 'application/json' } : {},
  signal: AbortSignal.timeout(Number(timeout)) })
  .then(async (r) => console.log(JSON.stringify({ status: r.status, body: await r.text(), ms: Date.now() - started })))
  .catch((e) => console.log(JSON.stringify({ error: e.name + ': ' + e.message, ms: Date.now() - started })));
`;

/** Sends one HTTP request from the laptop side of the site (inside its namespace). */
export async function httpFromLaptop(
  site: Site,
  request: { method?: string; url: string; body?: unknown; timeoutMs?: number },
): Promise<LaptopHttpResult> {
  const body = request.body === undefined ? '' : JSON.stringify(request.body);
  const args = ['-e', REQUEST_SCRIPT, request.method ?? 'GET', request.url, body, String(request.timeoutMs ?? 3000)];
  const child = site.runInLaptop(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await firstLine(child);
  return JSON.parse(line) as LaptopHttpResult;
}

/** Resolves with the first line a child prints on stdout (rejects if it ends without one). */
export function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolveLine, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolveLine);
    child.once('exit', (code) => reject(new Error(`exited (${code}) before printing a line`)));
  });
}

/**
 * Browses `_http._tcp` from the laptop namespace with browse-main.ts until `count` services are up (or
 * `timeoutMs` passes), then stops the browser. Resolves with the services by TXT serial.
 */
export async function browseFromLaptop(
  site: Site,
  count: number,
  timeoutMs: number,
): Promise<Map<string, BrowseEvent>> {
  const child = site.runInLaptop(process.execPath, [BROWSE_MAIN], { stdio: ['ignore', 'pipe', 'inherit'] });
  const found = new Map<string, BrowseEvent>();
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((done) => {
    const timer = setTimeout(done, timeoutMs);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const event = JSON.parse(line) as BrowseEvent | { event: 'ready' };
      if (event.event !== 'up') return;
      found.set(event.txt.serial ?? event.name, event);
      if (found.size >= count) {
        clearTimeout(timer);
        done();
      }
    });
    void exited.then(done);
  });
  child.kill('SIGTERM');
  await exited;
  return found;
}

/** Pids of every living descendant of `pid` (read from /proc; Linux only, else empty). */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  for (const entry of entries) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // Ended meanwhile.
    }
  }
  const found: number[] = [];
  const stack = [pid];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop() as number) ?? []) {
      found.push(child);
      stack.push(child);
    }
  }
  return found;
}
