import type { Benchmark } from '../framework/types.ts';
import { discoveryBenchmark } from './discovery.ts';
import { peopleIndexBenchmark } from './people-index.ts';
import { removalBenchmark } from './removal.ts';
import { syncBenchmark } from './sync.ts';
import { tuyaBenchmark } from './tuya.ts';
import { uiBenchmark } from './ui.ts';

/**
 * Every benchmark `npm run bench` knows, in the order they run and appear in BENCHMARKS.md. To add one,
 * write `bench/benchmarks/NAME.ts` exporting a {@link Benchmark} and list it here (see bench/README.md).
 */
export const BENCHMARKS: readonly Benchmark[] = [
  discoveryBenchmark,
  uiBenchmark,
  removalBenchmark,
  syncBenchmark,
  tuyaBenchmark,
  peopleIndexBenchmark,
];
