/**
 * TEST-ONLY (encrypted-file-store.test.ts): one process that saves `count` entries named `PREFIX-i` into the
 * credential file at `path` (passphrase "pp", the tests' cheap scrypt cost), as several processes do at once.
 */
import { createEncryptedFileStore } from '../../../electron/core/secrets/encrypted-file-store.ts';

const [path, prefix, count] = process.argv.slice(2);
const store = createEncryptedFileStore(path!, 'pp', { scrypt: { N: 2 ** 10, r: 8, p: 1 } });
for (let i = 0; i < Number(count); i++) await store.set(`${prefix}-${i}`, `value-${prefix}-${i}`);
