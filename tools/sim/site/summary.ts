import type { CloudInfo } from './clouds.ts';
import type { Site } from './site.ts';
import { DEFAULT_CREDENTIALS } from './terminal-device.ts';

/** Human-readable lines describing a running site and its clouds (what `sim` and `demo` print). */
export function describeSite(site: Site, clouds: readonly CloudInfo[] | undefined): string[] {
  const lines: string[] = [];
  if (site.mode === 'namespaces') {
    lines.push(
      `Simulated site LAN (private network namespaces): laptop ${site.laptopAddress} in namespace ${site.laptopNamespace}.`,
      `Run a command on the laptop side with: ip netns exec ${site.laptopNamespace} <command>`,
    );
  } else {
    lines.push('Simulated site on 127.0.0.1 (no network namespaces here, so no mDNS: add terminals by address).');
  }
  lines.push('', '  #  kind    serial            model       firmware    address');
  for (const t of site.terminals) {
    lines.push(
      `${String(t.index).padStart(3)}  ${t.kind.padEnd(6)}  ${t.serial.padEnd(16)}  ${t.model.padEnd(10)}  ` +
        `${t.firmware.padEnd(10)}  ${t.address}:${t.port}`,
    );
  }
  const kinds = [...new Set(site.terminals.map((t) => t.kind))];
  lines.push(
    '',
    `Terminal credentials: ${kinds.map((k) => `${k} ${DEFAULT_CREDENTIALS[k].username}/${DEFAULT_CREDENTIALS[k].password}`).join('; ')}.`,
  );
  if (clouds) {
    lines.push('', 'Clouds (on 127.0.0.1 on the laptop side):');
    for (const cloud of clouds) {
      const credentials = Object.entries(cloud.credentials)
        .map(([key, value]) => `${key}=${value}`)
        .join(' ');
      lines.push(`  ${cloud.name.padEnd(6)} ${cloud.origin}  ${credentials}`);
    }
  } else {
    lines.push('', 'Clouds: not started.');
  }
  return lines;
}
