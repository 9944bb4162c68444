import { describe, expect, it } from 'vitest';
import { CONTRACT_PARTS, channels, events } from './contract.ts';

/** How often each name is declared across the domain parts. */
function declarations(pick: (part: (typeof CONTRACT_PARTS)[number]) => object): Map<string, number> {
  const counts = new Map<string, number>();
  for (const part of CONTRACT_PARTS) {
    for (const name of Object.keys(pick(part))) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

describe('the contract, split per domain', () => {
  it('declares every channel in exactly one domain part, and merges them all', () => {
    const counts = declarations((part) => part.channels);
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
    expect(Object.keys(channels).sort()).toEqual([...counts.keys()].sort());
  });

  it('declares every event in exactly one domain part, and merges them all', () => {
    const counts = declarations((part) => part.events);
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
    expect(Object.keys(events).sort()).toEqual([...counts.keys()].sort());
  });

  it('names every channel and event `domain:verb` in lower-case words, so each maps to one api function', () => {
    for (const name of [...Object.keys(channels), ...Object.keys(events)]) {
      expect(name).toMatch(/^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*$/);
    }
  });
});
