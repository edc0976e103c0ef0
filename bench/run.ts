/** `pbis bench`: every benchmark, one JSON line each. */
export interface BenchOptions {
  quick: boolean;
  print: (o: object) => void;
}

export async function runBenchmarks(opts: BenchOptions): Promise<void> {
  const { runCoreBench } = await import('./core-bench.js');
  for (const line of await runCoreBench()) opts.print(line);
}
