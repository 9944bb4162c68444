import type { Evidence } from '../../../shared/domain/removal.ts';
import type { OperationState, ReasonCode } from '../../../shared/domain/sync.ts';
import { displayNameOf, type Terminal } from '../../../shared/domain/terminal.ts';
import type { ReportOperation } from './report-operation.ts';

/** Done items of one target with the same outcome and the same evidence ("removed, terminal confirmed: 12"). */
export interface ConfirmedLine {
  outcome: string | null;
  evidence: Evidence | null;
  /** Found already absent when the target was read again before replaying (reason `drift-absent`). */
  driftAbsent: boolean;
  count: number;
}

/** Items of one target not done, grouped by where they are and why ("needs attention, credentials, auth: 3"). */
export interface OpenLine {
  state: OperationState;
  outcome: string | null;
  evidence: Evidence | null;
  reasonCode: ReasonCode | null;
  rawCode: string | null;
  count: number;
}

/** What one terminal, cloud channel or cloud was asked, what it confirmed, and what is open and why. */
export interface TargetSummary {
  /** `terminal` (by serial), `channel` (an entrance channel of a cloud) or `cloud` (cloud items without channel). */
  kind: 'terminal' | 'channel' | 'cloud';
  /** The serial, `<cloud>/<channel>`, or the cloud's name. */
  key: string;
  /** The name the technician knows it by (terminal name, channel name, cloud name). */
  name: string;
  /** What tells it apart: serial, model and address of a terminal; the cloud of a channel. */
  details: string[];
  /** Items asked of it (operations). */
  asked: number;
  /** Items done. */
  confirmed: number;
  /** Items not done: needing attention (failed, unconfirmed), queued, running or discarded. */
  open: number;
  confirmedBy: ConfirmedLine[];
  openBy: OpenLine[];
}

const OPEN_ORDER: Record<OperationState, number> = {
  'needs-attention': 0,
  queued: 1,
  running: 2,
  discarded: 3,
  done: 4,
};

/** Gathers a {@link TargetSummary} per target, one operation at a time (collect.ts's single pass). */
export interface TargetSummaries {
  add(op: ReportOperation): void;
  list(): TargetSummary[];
}

/**
 * Creates the per-target summaries, seeded with every terminal of the inventory (so a terminal found but asked
 * nothing is listed with 0). Terminals first (inventory order, then others), then cloud channels, then clouds.
 */
export function createTargetSummaries(terminals: readonly Terminal[]): TargetSummaries {
  const targets = new Map<string, TargetSummary>();
  const confirmed = new Map<string, ConfirmedLine>();
  const open = new Map<string, OpenLine>();
  const target = (kind: TargetSummary['kind'], key: string, name: string, details: string[]): TargetSummary => {
    const id = `${kind}\u0000${key}`;
    let found = targets.get(id);
    if (!found) {
      found = { kind, key, name, details, asked: 0, confirmed: 0, open: 0, confirmedBy: [], openBy: [] };
      targets.set(id, found);
    }
    return found;
  };
  for (const t of terminals) {
    // The technician's location label first; the advertised name beside the serial when it differs.
    const name = displayNameOf(t) || t.serial;
    const details = [t.serial, name === t.name ? '' : t.name, t.model, `${t.address}:${t.port}`];
    target(
      'terminal',
      t.serial,
      name,
      details.filter((d): d is string => Boolean(d)),
    );
  }

  /** A channel once by its stable id, named by its name as soon as one operation knows it. */
  const channelTarget = (op: ReportOperation, channel: string): TargetSummary => {
    const found = target('channel', `${op.target}/${op.channelId ?? channel}`, channel, [op.targetName]);
    if (op.channelId && channel !== op.channelId) found.name = channel;
    return found;
  };

  return {
    add(op) {
      const into =
        op.targetKind === 'terminal'
          ? target('terminal', op.target, op.targetName || op.target, [op.target])
          : op.channel !== null
            ? channelTarget(op, op.channel)
            : target('cloud', op.target, op.targetName, [op.target]);
      into.asked++;
      const evidence = op.evidence ?? null;
      const where = `${into.kind}\u0000${into.key}\u0000`;
      if (op.state === 'done') {
        into.confirmed++;
        const driftAbsent = op.reasonCode === 'drift-absent';
        const id = `${where}${op.outcome}\u0000${evidence}\u0000${driftAbsent}`;
        let line = confirmed.get(id);
        if (!line) {
          line = { outcome: op.outcome, evidence, driftAbsent, count: 0 };
          confirmed.set(id, line);
          into.confirmedBy.push(line);
        }
        line.count++;
        return;
      }
      into.open++;
      const id = `${where}${op.state}\u0000${op.outcome}\u0000${evidence}\u0000${op.reasonCode}\u0000${op.rawCode}`;
      let line = open.get(id);
      if (!line) {
        line = {
          state: op.state,
          outcome: op.outcome,
          evidence,
          reasonCode: op.reasonCode,
          rawCode: op.rawCode,
          count: 0,
        };
        open.set(id, line);
        into.openBy.push(line);
      }
      line.count++;
    },
    list() {
      const rank = { terminal: 0, channel: 1, cloud: 2 } as const;
      return [...targets.values()]
        .map((t) => ({
          ...t,
          confirmedBy: [...t.confirmedBy].sort((a, b) => b.count - a.count),
          openBy: [...t.openBy].sort((a, b) => OPEN_ORDER[a.state] - OPEN_ORDER[b.state] || b.count - a.count),
        }))
        .sort((a, b) => rank[a.kind] - rank[b.kind]);
    },
  };
}
