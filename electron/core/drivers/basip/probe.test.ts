import { afterEach, describe, expect, it } from 'vitest';
import { createBasipDriver } from './index.ts';
import { apiVersionOfFirmware, readDeviceInfo } from './probe.ts';
import { json, refusedPort, startFake, startPanel } from './test-harness.ts';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

describe('BAS-IP probe', () => {
  it('identifies a v1 panel with serial, model and firmware, without logging in', async () => {
    const panel = await startPanel({ firmware: '3.9.1', serial: 'A1B2C3D4E5F6', model: 'AA-12FB' });
    closers.push(panel.close);
    const result = await panel.driver.probe(panel.endpoint);
    expect(result).toEqual({
      kind: 'basip',
      apiVersion: 'v1',
      serial: 'A1B2C3D4E5F6',
      model: 'AA-12FB',
      firmware: '3.9.1',
      name: 'AA-12FB entrance panel',
      peopleCount: null,
      capacity: null,
    });
    const paths = panel.device.log.all().map((e) => e.path);
    expect(paths).toEqual(['/api/v1/info']);
    expect(paths.some((p) => p.includes('login'))).toBe(false);
  });

  it('identifies a panel with firmware before 3.9 as v0 (its /api/v1 answers 404)', async () => {
    const panel = await startPanel({ firmware: '3.8.4', serial: 'OLDPANEL0001' });
    closers.push(panel.close);
    const result = await panel.driver.probe(panel.endpoint);
    expect(result?.kind).toBe('basip');
    expect(result?.apiVersion).toBe('v0');
    expect(result?.serial).toBe('OLDPANEL0001');
    expect(result?.firmware).toBe('3.8.4');
    expect(panel.device.log.all().map((e) => `${e.path} ${e.status}`)).toEqual(['/api/v1/info 404', '/api/info 200']);
  });

  it('answers null for a Sophon-like JSON server', async () => {
    const fake = await startFake((_request, response) =>
      json(response, 200, {
        error: { code: 'UNSUPPORT_CONTENT_TYPE', message: 'content type not supported', status: 'FAILED' },
      }),
    );
    closers.push(fake.close);
    expect(await createBasipDriver({ timeoutMs: 1000 }).probe(fake.endpoint)).toBeNull();
    expect(fake.requests.length).toBeGreaterThan(0);
  });

  it('answers null for a JSON server whose answers merely mention a version', async () => {
    const fake = await startFake((_request, response) => json(response, 200, { version: '2.1', firmware: 'x' }));
    closers.push(fake.close);
    expect(await createBasipDriver({ timeoutMs: 1000 }).probe(fake.endpoint)).toBeNull();
  });

  it('answers null for an HTML page', async () => {
    const fake = await startFake((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end('<!doctype html><html><body>Router login</body></html>');
    });
    closers.push(fake.close);
    expect(await createBasipDriver({ timeoutMs: 1000 }).probe(fake.endpoint)).toBeNull();
  });

  it('answers null quickly for a refused port, with a single attempt', async () => {
    const port = await refusedPort();
    const started = Date.now();
    const result = await createBasipDriver({ timeoutMs: 5000 }).probe({ address: '127.0.0.1', port, scheme: 'http' });
    expect(result).toBeNull();
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('answers null after one timeout for a device that never answers', async () => {
    const panel = await startPanel({ knobs: { faults: [{ kind: 'timeout' }] }, timeoutMs: 300 });
    closers.push(panel.close);
    const started = Date.now();
    expect(await panel.driver.probe(panel.endpoint)).toBeNull();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1500);
    expect(panel.device.log.all()).toHaveLength(1);
  });

  it('throws the abort reason when aborted, not null', async () => {
    const panel = await startPanel({ knobs: { latencyMs: 2000 } });
    closers.push(panel.close);
    const controller = new AbortController();
    const reason = new Error('technician cancelled');
    setTimeout(() => controller.abort(reason), 50);
    await expect(panel.driver.probe(panel.endpoint, controller.signal)).rejects.toBe(reason);
  });
});

describe('device-info parsing', () => {
  it('accepts the simulator shape, nested shapes, and refuses error bodies and foreign JSON', () => {
    expect(readDeviceInfo({ firmware_version: '3.9.1', api_version: '2.4.0' })).not.toBeNull();
    expect(readDeviceInfo({ data: { firmware_version: '3.9.1', device_model: 'AA-07' } })).not.toBeNull();
    expect(readDeviceInfo({ error: 'Log In', firmware_version: '1', api_version: '2' })).toBeNull();
    expect(readDeviceInfo({ firmware_version: '3.9.1' })).toBeNull();
    expect(readDeviceInfo({ identities: [], pagination: {} })).toBeNull();
    expect(readDeviceInfo('firmware_version')).toBeNull();
    expect(readDeviceInfo([{ firmware_version: '3.9.1', api_version: '2' }])).toBeNull();
  });

  it('applies the vendor firmware rule (API v1 from 3.9.0)', () => {
    expect(apiVersionOfFirmware('3.9.0')).toBe('v1');
    expect(apiVersionOfFirmware('v4.1.2')).toBe('v1');
    expect(apiVersionOfFirmware('3.8.9')).toBe('v0');
    expect(apiVersionOfFirmware('2.12')).toBe('v0');
    expect(apiVersionOfFirmware('unknown')).toBeNull();
    expect(apiVersionOfFirmware(null)).toBeNull();
  });
});
