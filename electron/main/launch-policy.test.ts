import { describe, expect, it } from 'vitest';
import { launchPolicy } from './launch-policy.ts';

const none = (): boolean => false;

describe('launchPolicy', () => {
  it('a packaged build ignores ELECTRON_RENDERER_URL, whatever it names', () => {
    for (const url of ['http://localhost:5173', 'https://evil.example', 'file:///tmp/x.html']) {
      const policy = launchPolicy({ isPackaged: true, rendererUrlEnv: url, hasSwitch: none, argv: [] });
      expect(policy.devServerUrl).toBeUndefined();
      expect(policy.ignored).toEqual(['ELECTRON_RENDERER_URL']);
    }
  });

  it('a development build takes a dev server on this computer only', () => {
    const dev = (url: string) => launchPolicy({ isPackaged: false, rendererUrlEnv: url, hasSwitch: none, argv: [] });
    expect(dev('http://localhost:5173').devServerUrl).toBe('http://localhost:5173/');
    expect(dev('http://127.0.0.1:5173/').devServerUrl).toBe('http://127.0.0.1:5173/');
    expect(dev('https://evil.example/').devServerUrl).toBeUndefined();
    expect(dev('file:///etc/passwd').devServerUrl).toBeUndefined();
    expect(dev('http://localhost.evil.example/').devServerUrl).toBeUndefined();
    expect(dev('not a url').ignored).toEqual(['ELECTRON_RENDERER_URL']);
    expect(launchPolicy({ isPackaged: false, rendererUrlEnv: undefined, hasSwitch: none, argv: [] })).toEqual({
      devServerUrl: undefined,
      ignored: [],
      refusedSwitches: [],
    });
  });

  it('a packaged build refuses to start with a debugging switch (Chromium or Node spelling)', () => {
    const packaged = (hasSwitch: (n: string) => boolean, argv: string[]) =>
      launchPolicy({ isPackaged: true, rendererUrlEnv: undefined, hasSwitch, argv }).refusedSwitches;
    expect(packaged((n) => n === 'remote-debugging-port', [])).toEqual(['remote-debugging-port']);
    expect(packaged(none, ['/opt/fcom/fcom', '--remote-debugging-pipe'])).toEqual(['remote-debugging-pipe']);
    expect(packaged(none, ['/opt/fcom/fcom', '--inspect=9229'])).toEqual(['inspect']);
    expect(packaged(none, ['/opt/fcom/fcom', '--user-data-dir=/tmp/x'])).toEqual([]);
    // A development build keeps them (debugging is how it is developed).
    expect(
      launchPolicy({ isPackaged: false, rendererUrlEnv: undefined, hasSwitch: () => true, argv: [] }).refusedSwitches,
    ).toEqual([]);
  });
});
