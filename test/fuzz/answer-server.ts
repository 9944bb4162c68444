import { gzipSync } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serve, type SimServer } from '../../tools/sim/common/http.ts';
import type { Endpoint } from '../../electron/core/drivers/driver.ts';

/**
 * A fake terminal on 127.0.0.1 that answers each request with whatever the current plan says: any
 * status, content type and body, delivered whole, chunked, cut short (the connection dropped mid-body),
 * gzip-encoded, or claiming gzip without being it.
 */

/** How an answer's body travels. */
export type Delivery = 'whole' | 'chunked' | 'short' | 'gzip' | 'bad-gzip';

/** One planned answer. */
export interface Answer {
  status: number;
  /** Null sends no Content-Type at all. */
  contentType: string | null;
  body: Uint8Array;
  delivery: Delivery;
  /** Extra response headers (a cloud gateway's error message, a request id). */
  headers?: Record<string, string>;
}

/** Picks the answer to a request from its method and path (query string removed). */
export type Plan = (method: string, path: string) => Answer;

/** A running fake terminal whose plan each fuzz case replaces. */
export interface AnswerServer {
  endpoint: Endpoint;
  /** Requests received since the last {@link AnswerServer.use}, as "METHOD /path". */
  requests: string[];
  use(plan: Plan): void;
  close(): Promise<void>;
}

function send(response: ServerResponse, answer: Answer): void {
  const headers: Record<string, string | number> = { ...answer.headers };
  if (answer.contentType !== null) headers['Content-Type'] = answer.contentType;
  const body = Buffer.from(answer.body);
  switch (answer.delivery) {
    case 'whole':
      response.writeHead(answer.status, { ...headers, 'Content-Length': body.length });
      response.end(body);
      return;
    case 'chunked': {
      response.writeHead(answer.status, headers);
      const middle = Math.floor(body.length / 2);
      response.write(body.subarray(0, middle));
      response.end(body.subarray(middle));
      return;
    }
    case 'short':
      // Promises more than it sends, then drops the connection.
      response.writeHead(answer.status, { ...headers, 'Content-Length': body.length + 10 });
      response.write(body, () => response.destroy());
      return;
    case 'gzip': {
      const packed = gzipSync(body);
      response.writeHead(answer.status, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': packed.length });
      response.end(packed);
      return;
    }
    case 'bad-gzip':
      response.writeHead(answer.status, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': body.length });
      response.end(body);
      return;
  }
}

/** Starts a fake terminal on a free 127.0.0.1 port; it answers 404 until a plan is set. */
export async function startAnswerServer(): Promise<AnswerServer> {
  let plan: Plan = () => ({ status: 404, contentType: 'text/plain', body: Buffer.from('no plan'), delivery: 'whole' });
  const requests: string[] = [];
  const server: SimServer = await serve((request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    requests.push(`${request.method ?? 'GET'} ${path}`);
    request.resume();
    request.on('end', () => send(response, plan(request.method ?? 'GET', path)));
  });
  return {
    endpoint: { address: server.host, port: server.port, scheme: 'http' },
    requests,
    use(next) {
      plan = next;
      requests.length = 0;
    },
    close: () => server.close(),
  };
}

/** A short description of planned answers for assertion messages: status, delivery, type, body start. */
export function describeAnswers(answers: Record<string, Answer>): string {
  return Object.entries(answers)
    .map(([route, a]) => {
      const body = Buffer.from(a.body).toString('utf8');
      const shown = body.length > 160 ? `${body.slice(0, 160)}… (${body.length} chars)` : body;
      return `${route}: ${a.status} ${a.delivery} ${a.contentType ?? '(no type)'} ${JSON.stringify(shown)}`;
    })
    .join('\n');
}
