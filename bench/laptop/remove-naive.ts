import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { roundMs, runDriver } from '../framework/driver.ts';

/** A terminal of the naive baseline: where it answers and what it is. */
export interface NaiveTarget {
  /** `http://address:port` */
  origin: string;
  kind: 'sophon' | 'basip';
}

/** What the naive baseline reads from `--input`. */
export interface RemoveNaiveInput {
  terminals: NaiveTarget[];
  /** The people to delete from every terminal: Sophon identity_id and BAS-IP link_id of each. */
  people: { identityId: string; linkId: string }[];
  credentials: Record<'sophon' | 'basip', { username: string; password: string }>;
}

/** The one JSON line this script prints on stdout. */
export interface RemoveNaiveReport {
  /** Delete requests sent (one per person per terminal). */
  requests: number;
  /** Of those, how many the terminal answered with the person deleted. */
  deleted: number;
  /** From the first login to the last answer, every terminal one after another, in ms. */
  ms: number;
}

/** Sends one request and answers its JSON body; throws on a non-2xx status. */
async function send(url: string, init: RequestInit): Promise<unknown> {
  const response = await fetch(url, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

/** Sophon: log in, then one `deleteidentities` per person. Answers how many were deleted. */
async function naiveSophon(origin: string, input: RemoveNaiveInput): Promise<number> {
  const post = (op: string, body: unknown): Promise<unknown> =>
    send(`${origin}/sophon/v2/face/${op}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  await post('login', input.credentials.sophon);
  let deleted = 0;
  for (const person of input.people) {
    const answer = (await post('deleteidentities', { identity_ids: [person.identityId] })) as {
      success_identity_ids?: string[];
    };
    deleted += answer.success_identity_ids?.length ?? 0;
  }
  return deleted;
}

/** BAS-IP: log in (MD5 of the password), then one link-id DELETE per person. Answers how many were deleted. */
async function naiveBasip(origin: string, input: RemoveNaiveInput): Promise<number> {
  const { username, password } = input.credentials.basip;
  const md5 = createHash('md5').update(password).digest('hex');
  const query = new URLSearchParams({ username, password: md5 });
  const { token } = (await send(`${origin}/api/v1/login?${query}`, { method: 'GET' })) as { token: string };
  let deleted = 0;
  for (const person of input.people) {
    const answer = (await send(`${origin}/api/v1/access/identifier/items/link`, {
      method: 'DELETE',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ link_ids: [person.linkId] }),
    })) as { result?: { success: boolean }[] };
    deleted += answer.result?.filter((r) => r.success).length ?? 0;
  }
  return deleted;
}

/**
 * The naive baseline of the removal benchmark, run in the site's laptop namespace: what a common
 * integration does, one delete request per person, one terminal after another (no batching, no lanes,
 * no journal). Prints one {@link RemoveNaiveReport} line.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { input: { type: 'string' } }, strict: true });
  if (!values.input) throw new Error('--input FILE (a RemoveNaiveInput JSON) is required.');
  const input = JSON.parse(readFileSync(values.input, 'utf8')) as RemoveNaiveInput;
  const started = performance.now();
  let deleted = 0;
  for (const terminal of input.terminals) {
    deleted +=
      terminal.kind === 'sophon' ? await naiveSophon(terminal.origin, input) : await naiveBasip(terminal.origin, input);
  }
  const report: RemoveNaiveReport = {
    requests: input.terminals.length * input.people.length,
    deleted,
    ms: roundMs(performance.now() - started),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

runDriver('remove-naive', main);
