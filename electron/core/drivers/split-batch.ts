import { DriverError, type ItemResult } from './driver.ts';

/**
 * Sends a bulk request and, when the terminal rejects it AS A WHOLE (an error about the request, not about
 * each id: Sophon `ID_NOT_FOUND` or `INVALID_ARGUMENTS` for the batch, BAS-IP 400 on a list), splits the ids
 * in halves and sends each half, down to single ids, until every id has an answer of its own. A whole-request
 * error is never taken as an answer about each item (ARCHITECTURE.md, "Evidence"). The cost stays
 * logarithmic in the number of bad ids: about 2·log2(batch) extra requests per bad id.
 *
 * `send` answers one result per id in order, or throws. `isWholeRejection` says whether a thrown error is a
 * rejection of the request as a whole that splitting can resolve; any other error is rethrown when nothing
 * was answered yet (nothing is known about the ids then). `single` turns the rejection of a request naming
 * ONE id into that id's own answer (for example ID_NOT_FOUND → already absent).
 *
 * When a later part fails (a time-out, a 5xx, a dropped connection) after earlier parts were answered, the
 * answers already given are kept and the ids still without one are `unconfirmed`: the engine settles them by
 * reading the terminal, and never sends again what the terminal already confirmed. An abort is rethrown.
 */
export async function splitUntilAnswered(
  ids: readonly string[],
  send: (ids: readonly string[]) => Promise<ItemResult[]>,
  isWholeRejection: (error: unknown) => boolean,
  single: (id: string, error: unknown) => ItemResult,
): Promise<ItemResult[]> {
  const answered: ItemResult[] = [];
  try {
    await splitInto(ids, send, isWholeRejection, single, answered);
    return answered;
  } catch (error) {
    if (answered.length === 0 || !(error instanceof DriverError)) throw error;
    const byId = new Map(answered.map((result) => [result.id, result]));
    const reason = `The terminal answered part of this request, then not for this id (${error.message}).`;
    return ids.map(
      (id) => byId.get(id) ?? { id, outcome: 'unconfirmed', evidence: null, rawCode: error.rawCode, reason },
    );
  }
}

/** Sends `ids`, splitting on whole-request rejections; pushes each answer to `answered` as it comes, in order. */
async function splitInto(
  ids: readonly string[],
  send: (ids: readonly string[]) => Promise<ItemResult[]>,
  isWholeRejection: (error: unknown) => boolean,
  single: (id: string, error: unknown) => ItemResult,
  answered: ItemResult[],
): Promise<void> {
  if (ids.length === 0) return;
  let results: ItemResult[];
  try {
    results = await send(ids);
  } catch (error) {
    if (!isWholeRejection(error)) throw error;
    if (ids.length === 1) {
      answered.push(single(ids[0] as string, error));
      return;
    }
    const half = Math.ceil(ids.length / 2);
    await splitInto(ids.slice(0, half), send, isWholeRejection, single, answered);
    await splitInto(ids.slice(half), send, isWholeRejection, single, answered);
    return;
  }
  answered.push(...results);
}
