import { describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../../shared/domain/capabilities.ts';
import { ProbeKindSchema } from '../../../shared/domain/terminal.ts';
import type { RemovalIdKind } from './driver.ts';
import { createDriver, createDrivers, DRIVER_KINDS } from './registry.ts';

const options = { timeoutMs: 500 };
/** An address nothing is asked at: opening a session sends no request. */
const endpoint = { address: '127.0.0.1', port: 9, scheme: 'http' } as const;

describe('the driver registry', () => {
  it('has one driver for every kind the shared domain names, each of its own kind', () => {
    expect([...DRIVER_KINDS].sort()).toEqual([...ProbeKindSchema.options].sort());
    for (const kind of DRIVER_KINDS) expect(createDriver(kind, options).kind).toBe(kind);
    expect(createDrivers(options).map((d) => d.kind)).toEqual(DRIVER_KINDS);
  });

  it('declares capabilities that agree with the badges the renderer shows (shared/domain/capabilities.ts)', () => {
    const byId: Record<RemovalIdKind, 'removeByIdentityId' | 'removeByLinkId' | 'removeByUid'> = {
      identity_id: 'removeByIdentityId',
      link_id: 'removeByLinkId',
      uid: 'removeByUid',
    };
    for (const driver of createDrivers(options)) {
      const shown = capabilitiesOf({ kind: driver.kind, apiVersion: null });
      const declared = driver.capabilities;
      for (const idKind of Object.keys(byId) as RemovalIdKind[]) {
        expect(declared.removeBy.includes(idKind), `${driver.kind} ${idKind}`).toBe(shown[byId[idKind]]);
      }
      expect(declared.removeSingleFaces, driver.kind).toBe(shown.removeSingleFaces);
      expect(declared.listPeople, driver.kind).toBe(shown.listPeople);
    }
  });

  it('gives sessions the face capability exactly where the driver declares it', () => {
    const withFaces: string[] = [];
    for (const driver of createDrivers(options)) {
      const session = driver.session(endpoint, { username: 'u', password: 'p' });
      expect(typeof session.removeFace === 'function', driver.kind).toBe(driver.capabilities.removeSingleFaces);
      if (session.removeFace) withFaces.push(driver.kind);
    }
    expect(withFaces).toEqual(['sophon']);
  });

  it('answers per item for the id kinds it removes by, as its sessions say', () => {
    for (const driver of createDrivers(options)) {
      const session = driver.session(endpoint, undefined);
      for (const idKind of ['identity_id', 'link_id', 'uid'] as const) {
        if (!driver.capabilities.removeBy.includes(idKind)) expect(session.answersPerItem(idKind)).toBe(false);
      }
    }
  });

  it('refuses a removal by an id kind the driver does not declare, without a request', async () => {
    for (const driver of createDrivers(options)) {
      const session = driver.session(endpoint, { username: 'u', password: 'p' });
      const undeclared = (['identity_id', 'link_id', 'uid'] as const).filter(
        (k) => !driver.capabilities.removeBy.includes(k),
      );
      for (const idKind of undeclared) {
        await expect(session.removePeople(['1'], idKind), `${driver.kind} ${idKind}`).rejects.toMatchObject({
          name: 'DriverError',
          kind: 'invalid',
        });
      }
    }
  });
});
