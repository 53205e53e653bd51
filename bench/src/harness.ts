/** One thing to time: a call that may return a promise, which is then awaited before the next call. */
export interface OpsCase {
  name: string;
  run(): unknown;
}

export interface OpsOptions {
  /** Rounds of every case. */
  rounds: number;
  /** How long one case runs in one round. */
  sliceMs: number;
}

/**
 * Wall-clock ops/s is what a caller waits for; ops per CPU-second is what the
 * process spends, and does not count time the OS gave other processes, so on
 * a shared machine it is the steadier of the two.
 */
export type Clock = 'wall' | 'cpu';

interface Sample {
  wall: number;
  cpu: number;
}

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function';

/** The value below which a `fraction` of `values` lie, interpolated between neighbours. */
export function quantile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

export const median = (values: readonly number[]) => quantile(values, 0.5);

/** Calls `run` `count` times, one at a time, and returns the ops/s by each clock. */
async function timeCalls(
  run: () => unknown,
  asynchronous: boolean,
  count: number,
): Promise<Sample> {
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  if (asynchronous) {
    for (let i = 0; i < count; i += 1) await run();
  } else {
    for (let i = 0; i < count; i += 1) run();
  }
  const wallNs = Number(process.hrtime.bigint() - start);
  const cpu = process.cpuUsage(cpuStart);
  return { wall: (count * 1e9) / wallNs, cpu: (count * 1e6) / Math.max(1, cpu.user + cpu.system) };
}

/** Ops/s of every case in every round. */
export class OpsResult {
  constructor(private readonly samples: ReadonlyMap<string, readonly Sample[]>) {}

  get names(): string[] {
    return [...this.samples.keys()];
  }

  /** The median round's ops/s. */
  ops(name: string, clock: Clock): number {
    return median(this.of(name).map((sample) => sample[clock]));
  }

  /**
   * `name` against `baseline`, compared within each round (both ran moments
   * apart, under the same load): the median of those ratios, or another
   * quantile of them.
   */
  ratio(name: string, baseline: string, clock: Clock, fraction = 0.5): number {
    const base = this.of(baseline);
    return quantile(
      this.of(name).map((sample, round) => sample[clock] / base[round]![clock]),
      fraction,
    );
  }

  private of(name: string): readonly Sample[] {
    const samples = this.samples.get(name);
    if (!samples) throw new Error(`no case named ${name}`);
    return samples;
  }
}

/**
 * Ops/s of each case: every round runs every case for one slice, in an order
 * rotated each round so no case always runs first or last (JIT, GC, other
 * load on the machine hit all cases alike).
 */
export async function measureOps(
  cases: readonly OpsCase[],
  options: OpsOptions,
): Promise<OpsResult> {
  const timed = [];
  for (const entry of cases) {
    const asynchronous = isThenable(entry.run());
    // Warm up until a slice's worth of calls is known, so JIT tiers settle before timing.
    let count = 64;
    let sample = await timeCalls(entry.run, asynchronous, count);
    while (count / sample.wall < options.sliceMs / 2000) {
      count *= 2;
      sample = await timeCalls(entry.run, asynchronous, count);
    }
    // Once more at full size: the rounds above ran partly before the JIT had optimized the case.
    sample = await timeCalls(entry.run, asynchronous, count);
    const perSlice = Math.max(1, Math.round((sample.wall * options.sliceMs) / 1000));
    timed.push({ entry, asynchronous, perSlice, samples: [] as Sample[] });
  }
  for (let round = 0; round < options.rounds; round += 1) {
    for (let i = 0; i < timed.length; i += 1) {
      const item = timed[(i + round) % timed.length]!;
      item.samples.push(await timeCalls(item.entry.run, item.asynchronous, item.perSlice));
    }
  }
  return new OpsResult(new Map(timed.map((item) => [item.entry.name, item.samples])));
}
