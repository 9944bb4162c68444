import { requiredString } from './args.ts';
import { SophonError } from './errors.ts';
import type { OpTable } from './op-types.ts';

/**
 * `login` `{username, password}` → `{"result": true}`. A wrong user name or password (or the
 * `wrong-credentials` fault) is PASSWORD_ERROR; the device does not tell which of the two was wrong. No
 * token or cookie is documented: the other operations stay unauthenticated, as PROTOCOLS.md §1 says, so
 * the `expired-credentials` fault has nothing to act on here and is never drawn.
 */
export const loginOps: OpTable = {
  login({ body, credentials, takeFault }) {
    const username = requiredString(body, 'username');
    const password = requiredString(body, 'password');
    if (takeFault('wrong-credentials')) throw new SophonError('PASSWORD_ERROR');
    if (username !== credentials.username || password !== credentials.password) throw new SophonError('PASSWORD_ERROR');
    return { body: { result: true } };
  },
};
