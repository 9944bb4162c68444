#!/usr/bin/env node
// Launcher for `fcom`: runs the CLI's TypeScript sources on Node 24 (which strips types natively).
// Under an older Node it re-runs itself with the Node 24 that the project pins in node_modules.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'electron', 'cli', 'main.ts');
const major = Number(process.versions.node.split('.')[0]);

if (major >= 24) {
  await import(entry);
} else {
  const pinned = join(root, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (!existsSync(pinned)) {
    console.error(
      `fcom: Node ${process.versions.node} is too old and the pinned Node 24 is missing; run "npm ci" first.`,
    );
    process.exit(1);
  }
  const child = spawnSync(pinned, [entry, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}
