import type { ItemResult } from './driver.ts';

/**
 * Sends a bulk request and, when the terminal rejects it AS A WHOLE (an error about the request, not about
 * each id: Sophon `ID_NOT_FOUND` or `INVALID_ARGUMENTS` for the batch, BAS-IP 400 on a list), splits the ids
 * in halves and sends each half, down to single ids, until every id has an answer of its own. A whole-request
 * error is never taken as an answer about each item (ARCHITECTURE.md, "Evidence"). The cost stays
 * logarithmic in the number of bad ids: about 2·log2(batch) extra requests per bad id.
 *
 * `send` answers one result per id in order, or throws. `isWholeRejection` says whether a thrown error is a
 * rejection of the request as a whole that splitting can resolve; any other error is rethrown at once
 * (nothing is known about the ids then). `single` turns the rejection of a request naming ONE id into that
 * id's own answer (for example ID_NOT_FOUND → already absent).
 */
export async function splitUntilAnswered(
  ids: readonly string[],
  send: (ids: readonly string[]) => Promise<ItemResult[]>,
  isWholeRejection: (error: unknown) => boolean,
  single: (id: string, error: unknown) => ItemResult,
): Promise<ItemResult[]> {
  if (ids.length === 0) return [];
  try {
    return await send(ids);
  } catch (error) {
    if (!isWholeRejection(error)) throw error;
    if (ids.length === 1) return [single(ids[0] as string, error)];
    const half = Math.ceil(ids.length / 2);
    const first = await splitUntilAnswered(ids.slice(0, half), send, isWholeRejection, single);
    const second = await splitUntilAnswered(ids.slice(half), send, isWholeRejection, single);
    return [...first, ...second];
  }
}
