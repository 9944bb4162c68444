import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

// electron-builder.yml checked the way electron-builder 26 itself checks it, without building anything (that needs
// the Electron download, which CI does not have): app-builder-lib's own loader (`getConfig`: js-yaml, defaults,
// `extends`) and its own `validateConfiguration` (its ajv 8, its options, its scheme.json). Neither loads Electron
// nor touches the network. Then what this app needs of the config: the targets, identity, asar, icons, fuses.

const ROOT = resolve(import.meta.dirname, '../..');
const CONFIG_FILE = join(ROOT, 'electron-builder.yml');

/** Modules resolved from app-builder-lib's own folder: the versions electron-builder uses, not whatever is hoisted. */
const fromBuilder = createRequire(join(ROOT, 'node_modules/app-builder-lib/package.json'));

type Config = Record<string, unknown>;

/** The parts of app-builder-lib's `out/util/config/config.js` this test calls. */
interface BuilderConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: Config | null): Promise<Config>;
  validateConfiguration(config: Config, debugLogger: unknown): Promise<void>;
}

const builder = fromBuilder('app-builder-lib/out/util/config/config.js') as BuilderConfigModule;
const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (enabled?: boolean) => unknown };
const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };
const builderVersion = (fromBuilder('app-builder-lib/package.json') as { version: string }).version;

/** electron-builder's validation of a config; resolves to the error message, or undefined when valid. */
async function validationError(config: Config): Promise<string | undefined> {
  try {
    // ajv runs with coerceTypes, which rewrites the data it checks: give it a copy.
    await builder.validateConfiguration(structuredClone(config), new DebugLogger(false));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  expect(bytes.subarray(0, 8).toString('hex'), `${path} is not a PNG`).toBe('89504e470d0a1a0a');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function targets(config: Config, platform: string): { target: string; arch: string[] }[] {
  const section = config[platform] as { target?: unknown } | undefined;
  const list = Array.isArray(section?.target) ? (section.target as unknown[]) : [];
  return list.map((entry) => {
    const { target, arch } = entry as { target: string; arch?: string | string[] };
    return { target, arch: arch === undefined ? [] : Array.isArray(arch) ? arch : [arch] };
  });
}

let raw: Config;
let loaded: Config;
beforeAll(async () => {
  raw = yaml.load(readFileSync(CONFIG_FILE, 'utf8')) as Config;
  loaded = await builder.getConfig(ROOT, null, null);
});

describe('electron-builder.yml against the schema electron-builder ships', () => {
  it('uses the installed electron-builder 26', () => {
    expect(builderVersion).toMatch(/^26\./);
    expect(existsSync(join(ROOT, 'node_modules/app-builder-lib/scheme.json'))).toBe(true);
  });

  it('is valid as electron-builder loads it, and as written', async () => {
    expect(loaded.appId).toBe(raw.appId);
    expect(await validationError(loaded)).toBeUndefined();
    expect(await validationError(raw)).toBeUndefined();
  });

  it('fails on an unknown key, at the top and inside a section', async () => {
    const top = await validationError({ ...loaded, asarr: true });
    expect(top).toContain(`electron-builder ${builderVersion}`);
    expect(top).toContain("unknown property 'asarr'");
    const nested = await validationError({ ...loaded, nsis: { ...(loaded.nsis as Config), oneclick: false } });
    // Inside an anyOf (`nsis` may also be null) electron-builder reports the section, not the key.
    expect(nested).toMatch(/configuration\.nsis should be/);
  });

  it('fails on a wrong type or value', async () => {
    expect(await validationError({ ...loaded, asar: 'maybe' })).toMatch(/configuration\.asar should be/);
    expect(await validationError({ ...loaded, directories: 'dist' })).toMatch(/configuration\.directories/);
    const sparc = { ...(loaded.mac as Config), target: [{ target: 'dmg', arch: 'sparc' }] };
    expect(await validationError({ ...loaded, mac: sparc })).toMatch(/configuration\.mac/);
    expect(await validationError({ ...loaded, electronFuses: { runAsNode: 'no' } })).toMatch(/electronFuses/);
  });

  it('fails on options electron-builder refuses before the schema', async () => {
    expect(await validationError({ ...loaded, extraMetadata: { main: 'x.js', build: {} } })).toMatch(/deprecated/);
  });
});

describe('what the app needs of electron-builder.yml', () => {
  it('names the app like package.json does', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { productName: string; main: string };
    expect(raw.appId).toMatch(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*){2,}$/);
    expect(raw.productName).toBe(pkg.productName);
    expect((raw.extraMetadata as Config | undefined)?.main).toBe(pkg.main);
  });

  it('packs the bundles into an asar, never publishes, never rebuilds native modules', () => {
    expect(raw.asar).toBe(true);
    expect(raw.files).toContain('out/**');
    expect(raw.publish).toBeNull();
    expect(raw.npmRebuild).toBe(false);
  });

  it('builds NSIS for Windows, a universal dmg for macOS, AppImage and deb for Linux', () => {
    expect(targets(raw, 'win')).toContainEqual({ target: 'nsis', arch: ['x64'] });
    expect(targets(raw, 'mac')).toEqual([{ target: 'dmg', arch: ['universal'] }]);
    expect(targets(raw, 'linux').map((t) => t.target)).toEqual(['AppImage', 'deb']);
  });

  it('points every platform at an icon that exists under resources/, big enough for macOS', () => {
    expect((raw.directories as Config).buildResources).toBe('resources');
    for (const platform of ['win', 'mac', 'linux']) {
      const icon = (raw[platform] as { icon?: string }).icon ?? '';
      const path = resolve(ROOT, icon);
      expect(relative(join(ROOT, 'resources'), path), `${platform}.icon ${icon}`).not.toMatch(/^\.\.|^$/);
      expect(existsSync(path), `${platform}.icon ${icon} exists`).toBe(true);
      const { width, height } = pngSize(path);
      expect(width).toBe(height);
      expect(width).toBeGreaterThanOrEqual(512);
    }
  });

  it('flips the Electron fuses the README promises', () => {
    expect(raw.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
