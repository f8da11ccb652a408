/** Repeated measurements of one thing: the median is what the report quotes, min and max frame it. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function summarize(values: number[]): Summary {
  if (values.length === 0) throw new Error('no measurements to summarize');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const round = (value: number) => Math.round(value * 10) / 10;
  return { median: round(median), min: round(sorted[0]!), max: round(sorted.at(-1)!), runs: values.map(round) };
}

export async function repeat(times: number, measure: (run: number) => Promise<number>): Promise<Summary> {
  const values: number[] = [];
  for (let run = 0; run < times; run++) values.push(await measure(run));
  return summarize(values);
}
