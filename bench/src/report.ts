/** One target of issue 7 (or of issue 8's soak), judged on this run's figures. */
export interface Target {
  /** What is compared, e.g. `sign ≥ 0.7× raw node:crypto`. */
  name: string;
  /** This run's figure, e.g. `0.82×`. */
  measured: string;
  met: boolean;
  /** Why the figure falls short; printed only when the target is missed. */
  whyMissed: string;
}

/** A part of RESULTS.md: its heading, the Markdown under it, and its targets. */
export interface Section {
  title: string;
  body: string[];
  targets: Target[];
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

export const ratio = (value: number, digits = 2) => `${value.toFixed(digits)}×`;

export const thousands = (value: number) => Math.round(value).toLocaleString('en-US');

export function targetRows(targets: readonly Target[]): string[] {
  return table(
    ['target', 'measured', ''],
    targets.map((target) => [
      target.name,
      target.measured,
      target.met ? '✅' : `❌ ${target.whyMissed}`,
    ]),
  );
}
