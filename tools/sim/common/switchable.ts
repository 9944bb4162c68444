import { serve, type SimHandler, type SimServer } from './http.ts';

/** A simulated cloud endpoint that can be taken off the network and brought back on the same port. */
export interface SwitchableServer {
  readonly host: string;
  readonly port: number;
  readonly origin: string;
  /** Whether it is listening now. */
  readonly online: boolean;
  /**
   * Offline closes the listening socket and every connection, so clients get "connection refused",
   * not an error answer. Online listens again on the same host and port.
   */
  setOnline(online: boolean): Promise<void>;
  close(): Promise<void>;
}

/** Serves `handler` like {@link serve}, with an on/off switch for the whole endpoint. */
export async function serveSwitchable(
  handler: SimHandler,
  options: { host?: string; port?: number } = {},
): Promise<SwitchableServer> {
  let current: SimServer | undefined = await serve(handler, options);
  const host = current.host;
  const port = current.port;
  return {
    host,
    port,
    origin: current.origin,
    get online() {
      return current !== undefined;
    },
    async setOnline(online) {
      if (online && !current) current = await serve(handler, { host, port });
      if (!online && current) {
        const closing = current;
        current = undefined;
        await closing.close();
      }
    },
    async close() {
      await current?.close();
      current = undefined;
    },
  };
}
