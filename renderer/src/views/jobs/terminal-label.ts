import { displayNameOf, type Terminal } from '../../../../shared/domain/terminal.ts';
import { endpointOf } from '../../store/devices/terminal-table.ts';

/**
 * How the Jobs view names a terminal: its name and address ("Lobby (192.168.1.20:80)"), since panels of one
 * model often share a name; `unnamed` stands in for a missing name; the serial when it left the inventory.
 */
export function terminalLabel(terminal: Terminal | undefined, serial: string, unnamed: string): string {
  if (!terminal) return serial;
  return `${displayNameOf(terminal) || unnamed} (${endpointOf(terminal)})`;
}
