/** One request as a simulator saw it, for tests that check what was sent (and how often). */
export interface LoggedRequest {
  seq: number;
  /** When the entry was logged (the answer sent, or the fault applied), in ms since the epoch. */
  at: number;
  /** When the request arrived, in ms since the epoch (simulators that record it: the Alibaba gateway). */
  receivedAt?: number;
  method: string;
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body, or the raw text when it was not JSON, or null when empty. */
  body: unknown;
  status: number;
  /** The injected fault, when one applied. */
  fault?: string;
  /** For bulk deletes: the ids the simulator acknowledged as removed by this request. */
  acknowledged?: string[];
}

/** An append-only request log with a size bound (oldest entries go first). */
export class RequestLog {
  private readonly entries: LoggedRequest[] = [];
  private seq = 0;

  private readonly limit: number;

  constructor(limit = 100_000) {
    this.limit = limit;
  }

  /** Appends an entry and returns it (with its sequence number). */
  add(entry: Omit<LoggedRequest, 'seq' | 'at'>): LoggedRequest {
    const logged = { ...entry, seq: ++this.seq, at: Date.now() };
    this.entries.push(logged);
    if (this.entries.length > this.limit) this.entries.shift();
    return logged;
  }

  /** Every entry, oldest first (a copy). */
  all(): LoggedRequest[] {
    return [...this.entries];
  }

  /** Entries whose path contains `text`. */
  matching(text: string): LoggedRequest[] {
    return this.entries.filter((e) => e.path.includes(text));
  }

  clear(): void {
    this.entries.length = 0;
  }
}
