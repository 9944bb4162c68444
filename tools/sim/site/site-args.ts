import { startClouds, type SiteClouds } from './clouds.ts';
import { fieldVariety, type SiteKind } from './population.ts';
import type { Session } from './session.ts';
import { startSite, type Site } from './site.ts';

/** The command-line options `sim` and `demo` share (for `parseArgs`). */
export const SITE_ARG_OPTIONS = {
  terminals: { type: 'string', default: '20' },
  kind: { type: 'string', default: 'mixed' },
  seed: { type: 'string', default: 'site' },
  people: { type: 'string', default: '50' },
  'no-clouds': { type: 'boolean', default: false },
  loopback: { type: 'boolean', default: false },
  light: { type: 'boolean', default: false },
} as const;

/** The parsed values of {@link SITE_ARG_OPTIONS}. */
export interface SiteArgs {
  terminals: string;
  kind: string;
  seed: string;
  people: string;
  'no-clouds': boolean;
  loopback: boolean;
  /** Every terminal in one process (the light site, `startSite({ light: true })`). */
  light: boolean;
}

/**
 * Checks the shared options, then starts the site (with a realistic firmware spread) and, unless
 * `--no-clouds`, the clouds on its laptop side; each is registered with `session` to be stopped.
 */
export async function startSiteFromArgs(
  args: SiteArgs,
  session: Session,
): Promise<{ site: Site; clouds?: SiteClouds }> {
  const kind = args.kind as SiteKind;
  if (!['mixed', 'sophon', 'basip'].includes(kind)) throw new Error('--kind must be mixed, sophon or basip.');
  const terminals = Number(args.terminals);
  if (!Number.isInteger(terminals) || terminals < 1 || terminals > 200)
    throw new Error('--terminals must be 1 to 200.');
  const people = Number(args.people);
  if (!Number.isInteger(people) || people < 0 || people > 50_000) throw new Error('--people must be 0 to 50000.');

  const site = await startSite({
    terminals,
    kind,
    seed: args.seed,
    peoplePerTerminal: people,
    configure: fieldVariety,
    ...(args.loopback ? { mode: 'loopback' as const } : {}),
    light: args.light,
  });
  session.onStop(() => site.stop());
  if (args['no-clouds']) return { site };
  const clouds = await startClouds(site, args.seed);
  session.onStop(() => clouds.stop());
  return { site, clouds };
}
