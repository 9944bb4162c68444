import type { RemovalPlan, TerminalPlan } from '../../../shared/domain/removal.ts';
import type { Terminal } from '../../../shared/domain/terminal.ts';
import type { PlanChange } from './errors.ts';

/** A target as it was when the plan was reviewed. */
export interface TargetSnapshot {
  serial: string;
  kind: string;
  address: string;
  trust: string | null;
}

/** The targets of a plan with their kind, address and trust (from the inventory) at review time. */
export function snapshotTargets(
  plan: RemovalPlan,
  terminal: (serial: string) => Terminal | undefined,
): TargetSnapshot[] {
  return plan.terminals.map((t) => ({
    serial: t.serial,
    kind: t.kind,
    address: t.address,
    trust: terminal(t.serial)?.trust ?? null,
  }));
}

/** What decides a terminal's items: how many, how many fail at plan time, and the index's presence counts. */
const itemsOf = (t: TerminalPlan): string =>
  JSON.stringify([t.items, t.unplannable, t.presence?.present, t.presence?.absent, t.presence?.unknown]);

const unresolvedOf = (plan: RemovalPlan): string =>
  JSON.stringify((plan.unresolved ?? []).map((u) => [u.line, u.reason, [...u.serials].sort()]));

/**
 * How the site changed between the review and now, per terminal in short English phrases (empty: nothing that changes the
 * items). Compared: the targeted serials, each target's kind, address and trust, its items (count, failed at plan
 * time, presence), the terminals `all` skipped, the unresolved people and the mode. Online state is not compared:
 * an offline terminal's items wait, queued, as the review said they might.
 */
export function planChanges(
  reviewed: RemovalPlan,
  targets: readonly TargetSnapshot[],
  fresh: RemovalPlan,
  terminal: (serial: string) => Terminal | undefined,
): PlanChange[] {
  const changes: PlanChange[] = [];
  const push = (serial: string | null, text: string): void => void changes.push({ serial, text });
  if (reviewed.mode !== fresh.mode) push(null, `mode ${reviewed.mode} is now ${fresh.mode}`);
  const now = new Map(fresh.terminals.map((t) => [t.serial, t]));
  const before = new Set(reviewed.terminals.map((t) => t.serial));
  const gone = reviewed.terminals.filter((t) => !now.has(t.serial)).map((t) => t.serial);
  const added = fresh.terminals.filter((t) => !before.has(t.serial)).map((t) => t.serial);
  for (const serial of gone) push(serial, `${serial} is no longer targeted`);
  for (const serial of added) push(serial, `${serial} is now targeted too`);
  for (const snapshot of targets) {
    const current = now.get(snapshot.serial);
    if (!current) continue;
    const trust = terminal(snapshot.serial)?.trust ?? null;
    const { serial } = snapshot;
    if (current.kind !== snapshot.kind) push(serial, `${serial} is now a ${current.kind} terminal`);
    if (current.address !== snapshot.address) push(serial, `${serial} moved to ${current.address}`);
    if (trust !== snapshot.trust) push(serial, `${serial} is now ${trust ?? 'unknown'}`);
  }
  for (const t of reviewed.terminals) {
    const current = now.get(t.serial);
    if (current && itemsOf(current) !== itemsOf(t)) {
      push(t.serial, `${t.serial} now gets ${current.items} item(s) instead of ${t.items}`);
    }
  }
  if (JSON.stringify([...reviewed.skipped].sort()) !== JSON.stringify([...fresh.skipped].sort())) {
    push(null, 'other terminals are skipped now');
  }
  if (unresolvedOf(reviewed) !== unresolvedOf(fresh)) push(null, 'the people resolved differently');
  return changes;
}
