import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOST_NODE_FLAGS } from './node-flags.ts';

const packageJson = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

describe('the browser host launch flags', () => {
  it('npm run web starts the host with every flag of HOST_NODE_FLAGS, before the script', () => {
    const web = packageJson.scripts.web ?? '';
    const launch = web.slice(web.indexOf('node '));
    expect(launch.startsWith('node ')).toBe(true);
    const beforeScript = launch.slice(0, launch.indexOf('electron/host/main.ts'));
    for (const flag of HOST_NODE_FLAGS) expect(beforeScript.split(' ')).toContain(flag);
  });
});
