import type { AliyunCatalogue, CloudInfo } from './clouds.ts';
import type { Site } from './site.ts';
import { DEFAULT_CREDENTIALS } from './terminal-device.ts';

/** The Alibaba spaces and devices (the ids an Alibaba removal takes) and a few users with faces on them. */
function catalogueLines(catalogue: AliyunCatalogue): string[] {
  const lines = ['         spaces (SPACE_ID) and their face devices (IOT_ID):'];
  for (const space of catalogue.spaces) lines.push(`           ${space.spaceId}: ${space.iotIds.join(', ')}`);
  if (catalogue.unboundDevices.length > 0) {
    lines.push(`         devices in no space (IOT_ID only): ${catalogue.unboundDevices.join(', ')}`);
  }
  if (catalogue.sampleUsers.length > 0)
    lines.push(`         users with faces, e.g.: ${catalogue.sampleUsers.join(', ')}`);
  return lines;
}

/** What to try first in the demo: a short tour through the app's main work, with this site's own ids. */
export function tryFirst(site: Site, clouds: readonly CloudInfo[] | undefined): string[] {
  const lines = ['What to try first:'];
  lines.push(
    site.mode === 'namespaces'
      ? '  1. Devices: the terminals appear by mDNS; tick them and "Trust selected" (the demo trusts its own).'
      : `  1. Devices: add a terminal by address, e.g. ${site.terminals[0]?.address ?? '127.0.0.1'}:${site.terminals[0]?.port ?? ''}.`,
  );
  lines.push('  2. Remove: paste a few names or ids, review the dry run with presence per terminal, start it.');
  lines.push(
    '  3. Jobs: follow the job; each item says what the terminal confirmed (answer, read back) or "unconfirmed".',
  );
  const aliyun = clouds?.find((c) => c.name === 'aliyun')?.catalogue;
  if (clouds?.some((c) => c.name === 'tuya'))
    lines.push('  4. Permissions: the Tuya channels are configured; push one and open its tasks.');
  if (aliyun) {
    const space = aliyun.spaces[0];
    lines.push(
      `  5. Remove → Alibaba Cloud: user ${aliyun.sampleUsers[0] ?? 'IDENTITY:<id>'} from ${space ? `space ${space.spaceId}` : 'a device above'}.`,
    );
  }
  lines.push(
    '  6. Sync: take a cloud offline (`cloud tuya offline`), push, bring it back, "Sync now"; then the report.',
  );
  return lines;
}

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
      if (cloud.catalogue) lines.push(...catalogueLines(cloud.catalogue));
    }
  } else {
    lines.push('', 'Clouds: not started.');
  }
  return lines;
}
