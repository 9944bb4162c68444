import { describe, expect, it } from 'vitest';
import { API_V0_REASON, canRemove, capabilitiesOf, isApiV0, removalWords } from './capabilities.ts';

describe('capabilitiesOf', () => {
  it('gives Sophon v2 removal by identity_id, single faces and listing', () => {
    const caps = capabilitiesOf({ kind: 'sophon', apiVersion: 'v2' });
    expect(caps).toEqual({
      api: 'v2',
      removeByIdentityId: true,
      removeByLinkId: false,
      removeByUid: false,
      removeSingleFaces: true,
      listPeople: true,
    });
    expect(removalWords(caps)).toEqual(['id', 'faces']);
    expect(canRemove(caps)).toBe(true);
  });

  it('gives BAS-IP v1 removal by link_id and uid and listing, not single faces', () => {
    const caps = capabilitiesOf({ kind: 'basip', apiVersion: 'v1' });
    expect(caps).toEqual({
      api: 'v1',
      removeByIdentityId: false,
      removeByLinkId: true,
      removeByUid: true,
      removeSingleFaces: false,
      listPeople: true,
    });
    expect(removalWords(caps)).toEqual(['link', 'uid']);
    expect(isApiV0({ kind: 'basip', apiVersion: 'v1' })).toBe(false);
  });

  it('gives a BAS-IP panel on API v0 nothing, whatever the case of its version', () => {
    for (const apiVersion of ['v0', 'V0', ' v0 ']) {
      const caps = capabilitiesOf({ kind: 'basip', apiVersion });
      expect(caps.api).toBe('v0');
      expect(canRemove(caps)).toBe(false);
      expect(caps.listPeople).toBe(false);
      expect(removalWords(caps)).toEqual([]);
      expect(isApiV0({ kind: 'basip', apiVersion })).toBe(true);
    }
    expect(API_V0_REASON).toMatch(/API v0.*3\.9 or later/);
  });

  it('gives an unknown kind nothing, even with a version', () => {
    const caps = capabilitiesOf({ kind: 'unknown', apiVersion: 'v1' });
    expect(canRemove(caps)).toBe(false);
    expect(caps.listPeople).toBe(false);
    expect(isApiV0({ kind: 'unknown', apiVersion: 'v0' })).toBe(false);
  });

  it('assumes the level the driver speaks while the version is not yet known', () => {
    expect(capabilitiesOf({ kind: 'basip', apiVersion: null }).api).toBe('v1');
    expect(canRemove(capabilitiesOf({ kind: 'basip', apiVersion: null }))).toBe(true);
    expect(capabilitiesOf({ kind: 'sophon', apiVersion: null }).api).toBe('v2');
  });
});
