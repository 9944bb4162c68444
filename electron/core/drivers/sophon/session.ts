import type { Credentials } from '../../secrets/secret-store.ts';
import { DriverError, type ItemResult, type TerminalPerson, type TerminalSession } from '../driver.ts';
import type { SophonApi } from './api.ts';
import { IdentitiesPageSchema, LoginSchema, readAnswer, toTerminalPerson } from './answers.ts';
import type { RemoveFace } from '../capabilities.ts';
import { removeFace } from './remove-face.ts';
import { removeIdentities } from './remove.ts';

/** A session with a Sophon terminal: the common session, with the face-removal capability always present. */
export interface SophonSession extends TerminalSession {
  /**
   * Removes one face of a person (`deleteface`) without deleting the person. `registerImageId` wins when
   * both ids are given. Answers the item result (id = the face or photo id; already-absent when the device
   * answers ID_NOT_FOUND) with its evidence, and the faces the person has left.
   */
  readonly removeFace: RemoveFace;
}

/**
 * Opens a Sophon session. The API is unauthenticated on the LAN (PROTOCOLS.md §1): credentials are only
 * checked by `verifyCredentials` (a `login` call) and no token is kept.
 */
export function createSophonSession(api: SophonApi, credentials: Credentials | undefined): SophonSession {
  return {
    async verifyCredentials(signal) {
      if (!credentials) {
        signal?.throwIfAborted();
        return;
      }
      const json = await api.call('login', { username: credentials.username, password: credentials.password }, signal);
      const answer = readAnswer(LoginSchema, json, 'login');
      if (!answer.result) throw new DriverError('auth', 'The terminal refused the user name or password.', 'login');
    },

    async countPeople(signal) {
      const page = await readPage(api, 0, 1, signal);
      return { count: page.total, capacity: null };
    },

    listPeople(pageIndex, pageSize, signal) {
      if (!Number.isSafeInteger(pageIndex) || pageIndex < 0 || !Number.isSafeInteger(pageSize) || pageSize < 1) {
        return Promise.reject(new DriverError('invalid', `Invalid page ${pageIndex} of size ${pageSize}.`));
      }
      return readPage(api, pageIndex, pageSize, signal);
    },

    removePeople(ids, idKind, signal): Promise<ItemResult[]> {
      if (idKind !== 'identity_id') {
        return Promise.reject(
          new DriverError('invalid', `Sophon terminals remove people by identity_id, not ${idKind}.`, idKind),
        );
      }
      return removeIdentities(api, ids, signal);
    },

    answersPerItem(idKind) {
      // deleteidentities answers success_identity_ids / failed_identity_ids; other id kinds are refused.
      return idKind === 'identity_id';
    },

    removeFace(identityId, selector, signal) {
      return removeFace(api, identityId, selector, signal);
    },
  };
}

/**
 * One `getidentities` page (Sophon pages from 0, like the engine) and the total the terminal states. The
 * page may be shorter than asked without being the last (firmware caps pages silently): only the total tells
 * the end. A terminal that ignores page_limit never makes a page longer than asked.
 */
async function readPage(
  api: SophonApi,
  pageIndex: number,
  pageSize: number,
  signal: AbortSignal | undefined,
): Promise<{ items: TerminalPerson[]; total: number }> {
  const json = await api.call('getidentities', { page_limit: pageSize, page_index: pageIndex }, signal);
  const page = readAnswer(IdentitiesPageSchema, json, 'getidentities');
  return { items: page.identities.slice(0, pageSize).map(toTerminalPerson), total: page.pagination.total_count };
}
