import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Endpoint } from '../../../electron/core/drivers/driver.ts';
import { generatePeople } from '../../../tools/sim/common/people.ts';
import { serve, type SimServer } from '../../../tools/sim/common/http.ts';
import type { Knobs } from '../../../tools/sim/common/knobs.ts';
import { createSophonDevice } from '../../../tools/sim/sophon/index.ts';

/** Test-only helpers: a simulated Sophon terminal or a hand-written fake server, on 127.0.0.1. */

/** A simulated Sophon terminal listening on 127.0.0.1. */
export interface RunningSophon {
  device: ReturnType<typeof createSophonDevice>;
  server: SimServer;
  endpoint: Endpoint;
  /** identity_ids of the generated people, in list order. */
  ids: string[];
}

/** Starts a Sophon simulator with `people` generated people (seeded) on a free 127.0.0.1 port. */
export async function startSophon(
  people: number,
  knobs: Partial<Knobs> = {},
  seed = 'sophon-driver',
): Promise<RunningSophon> {
  const population = generatePeople(seed, people);
  const device = createSophonDevice({ seed, people: population, knobs });
  const server = await serve(device.handle);
  return { device, server, endpoint: endpointOf(server), ids: population.map((person) => person.identityId) };
}

/** Starts a fake HTTP server on a free 127.0.0.1 port. */
export function startFake(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<SimServer> {
  return serve(handler);
}

/** A fake that answers every request with `status`, `body` and `contentType`. */
export function startConstant(status: number, body: string, contentType = 'application/json'): Promise<SimServer> {
  return startFake((_request, response) => {
    response.writeHead(status, { 'Content-Type': contentType });
    response.end(body);
  });
}

/** The driver endpoint of a test server. */
export function endpointOf(server: SimServer): Endpoint {
  return { address: server.host, port: server.port, scheme: 'http' };
}

/** A 127.0.0.1 port that nothing listens on (a server is opened on it and closed again). */
export async function closedPort(): Promise<Endpoint> {
  const server = await serve(() => undefined);
  const endpoint = endpointOf(server);
  await server.close();
  return endpoint;
}
