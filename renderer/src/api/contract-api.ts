import { CHANNEL_NAMES } from '../../../shared/ipc/names.ts';
import type { Api, Channel, RequestOf, ResponseOf } from '../../../shared/ipc/types.ts';
import type { Result } from '../../../shared/result.ts';

/** `kebab-case` as `camelCase`, at the type level: `retry-failed` → `retryFailed`. */
export type CamelCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** The domain of a channel, as its api property: `cloud-removal:start` → `cloudRemoval`. */
export type DomainOf<C extends Channel> = C extends `${infer Domain}:${string}` ? CamelCase<Domain> : never;

/** The verb of a channel, as its function name: `jobs:retry-failed` → `retryFailed`. */
export type VerbOf<C extends Channel> = C extends `${string}:${infer Verb}` ? CamelCase<Verb> : never;

/** One channel as a function; the request may be left out when `{}` is a valid one (`api.devices.list()`). */
export type ChannelCall<C extends Channel> =
  Record<never, never> extends RequestOf<C>
    ? (request?: RequestOf<C>) => Promise<Result<ResponseOf<C>>>
    : (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;

/** Every channel of one domain, by verb. */
export type DomainApi<D extends string> = {
  readonly [C in Channel as DomainOf<C> extends D ? VerbOf<C> : never]: ChannelCall<C>;
};

/**
 * The contract as named functions, `domain:verb-name` → `api.domain.verbName(request)`, beside the transport's
 * own `invoke`, `on` and `platform`. Every function answers the same `Result` as `invoke`.
 */
export type ContractApi = Api & { readonly [D in DomainOf<Channel>]: DomainApi<D> };

/** `kebab-case` as `camelCase` at run time (the twin of {@link CamelCase}). */
function camelCase(text: string): string {
  return text.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** The names a domain may not take: they are the transport's own. */
const RESERVED = new Set(['invoke', 'on', 'platform']);

/**
 * Builds the named functions of {@link ContractApi} from the contract's channel names (no hand-written list),
 * each a call of `api.invoke` on its channel; `window.api` (preload) or the WebSocket client stays the transport.
 */
export function contractApi(api: Api): ContractApi {
  const domains: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {};
  for (const channel of CHANNEL_NAMES) {
    const [domain = '', verb = ''] = channel.split(':');
    const key = camelCase(domain);
    if (RESERVED.has(key)) throw new Error(`The contract domain "${domain}" clashes with the api's own "${key}".`);
    const calls = (domains[key] ??= {});
    calls[camelCase(verb)] = (request = {}) => api.invoke(channel, request as RequestOf<typeof channel>);
  }
  for (const calls of Object.values(domains)) Object.freeze(calls);
  return Object.freeze({
    ...domains,
    platform: api.platform,
    invoke: (channel, request) => api.invoke(channel, request),
    on: (event, listener) => api.on(event, listener),
  } as ContractApi);
}
