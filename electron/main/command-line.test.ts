import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { userDataDirFromArgv } from './command-line.ts';

const exe = '/opt/Face Commissioner/face-commissioner';

describe('userDataDirFromArgv', () => {
  it('reads --user-data-dir=DIR and --user-data-dir DIR', () => {
    expect(userDataDirFromArgv([exe, '/repo', '--user-data-dir=/tmp/fcom-1'])).toBe('/tmp/fcom-1');
    expect(userDataDirFromArgv([exe, '--user-data-dir', '/tmp/fcom-2', '/repo'])).toBe('/tmp/fcom-2');
  });

  it('resolves a relative directory against the working directory', () => {
    expect(userDataDirFromArgv([exe, '--user-data-dir=site-a'], '/home/tech')).toBe(resolve('/home/tech', 'site-a'));
    expect(userDataDirFromArgv([exe, '--user-data-dir="my site"'], '/home/tech')).toBe(join('/home/tech', 'my site'));
  });

  it('ignores an absent or empty switch, a missing value and anything after --', () => {
    expect(userDataDirFromArgv([exe, '/repo'])).toBeUndefined();
    expect(userDataDirFromArgv([exe, '--user-data-dir='])).toBeUndefined();
    expect(userDataDirFromArgv([exe, '--user-data-dir', '--inspect'])).toBeUndefined();
    expect(userDataDirFromArgv([exe, '--', '--user-data-dir=/tmp/x'])).toBeUndefined();
  });

  it('takes the last one when given twice', () => {
    expect(userDataDirFromArgv([exe, '--user-data-dir=/a', '--user-data-dir=/b'])).toBe('/b');
  });
});
