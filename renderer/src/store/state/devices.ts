import type { Terminal } from '../../../../shared/domain/terminal.ts';
import type { RequestOf, ResponseOf } from '../../../../shared/ipc/types.ts';
import type { TerminalColumn, TerminalQuery } from '../devices/terminal-table.ts';

/** One person as a terminal lists them. */
export type TerminalPerson = ResponseOf<'devices:people'>['items'][number];

/** The page of people the detail panel shows. */
export interface PeopleView {
  serial: string;
  pageIndex: number;
  /** Null until the first page has arrived. */
  total: number | null;
  items: TerminalPerson[];
  loading: boolean;
}

/** A username and password typed by the technician. */
export type CredentialsInput = NonNullable<RequestOf<'devices:add'>['credentials']>;

/** What "Add by address" sends. */
export type AddTerminalInput = RequestOf<'devices:add'>;

/** The site inventory as the UI shows it: terminals by serial, the table's query, the selection. */
export interface DevicesSlice {
  terminals: Record<string, Terminal>;
  terminalQuery: TerminalQuery;
  selectedSerial: string | null;
  /** The terminals ticked in the table for a bulk action, by serial. */
  checkedSerials: Readonly<Record<string, true>>;
  people: PeopleView | null;
  /** True while an "Add by address" request runs. */
  adding: boolean;
  /** The running "Add by address": its request id (to cancel it), the address and when it started (ms). */
  addRequest: { id: string; address: string; startedAt: number } | null;
  /** Cancels the running "Add by address": the core stops probing and saves nothing. */
  cancelAdd(): Promise<void>;
  /** Replaces the inventory with a full list (events heard while it loaded win). */
  receiveTerminals(terminals: Terminal[]): void;
  receiveTerminal(terminal: Terminal): void;
  removeTerminal(serial: string): void;
  setTerminalFilter(filter: string): void;
  /** Sorts by a column; the same column again flips the direction. */
  sortTerminalsBy(column: TerminalColumn): void;
  /** Opens a terminal's details (and its first page of people when it can be read); null closes them. */
  selectTerminal(serial: string | null): void;
  /** Ticks or unticks one terminal for a bulk action. */
  toggleChecked(serial: string): void;
  /** Ticks (or unticks) every given terminal, e.g. the rows the filter shows. */
  setChecked(serials: readonly string[], checked: boolean): void;
  /**
   * Trusts the ticked terminals that are only discovered (one click for a selection); terminals in an identity
   * conflict are left out (each is resolved in its details). Answers how many were trusted and left out, or
   * null after showing the error.
   */
  trustChecked(): Promise<{ trusted: number; leftOut: number } | null>;
  /** Adds a terminal by address; answers it, or null after showing the error beside the form (`devices.add`). */
  addTerminal(input: AddTerminalInput): Promise<Terminal | null>;
  forgetTerminal(serial: string): Promise<boolean>;
  /**
   * Trusts terminals (`devices:trust`): pins each where it is, or, with `address`, moves one terminal in
   * conflict to its claimant's address. Answers whether it worked (errors go to the banner).
   */
  trustTerminals(serials: string[], address?: string): Promise<boolean>;
  /**
   * Saves a terminal's credentials, then, for a trusted terminal, probes it again so its credential state is
   * fresh (an untrusted one is sent nothing until it is trusted).
   */
  setTerminalCredentials(serial: string, credentials: CredentialsInput): Promise<boolean>;
  /** Loads one page (from 0) of a terminal's people into {@link DevicesSlice.people}. */
  loadPeople(serial: string, pageIndex: number): Promise<void>;
}
