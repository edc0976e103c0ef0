/** `pbis bench`: every benchmark, one JSON line each (figures are ratios measured in one run). */
export interface BenchOptions {
  quick: boolean;
  databaseUrl?: string | undefined;
  print: (o: object) => void;
}

export async function runBenchmarks(opts: BenchOptions): Promise<void> {
  const { runCoreBench } = await import('./core-bench.js');
  for (const line of await runCoreBench({ n: opts.quick ? 100_000 : 1_000_000 })) opts.print(line);
  const { runIngestBench } = await import('./ingest-bench.js');
  const ingestRows = opts.quick ? 20_000 : 1_000_000;
  for (const line of await runIngestBench({ rows: ingestRows })) opts.print(line);
  if (opts.databaseUrl)
    for (const line of await runIngestBench({ rows: ingestRows, databaseUrl: opts.databaseUrl }))
      opts.print(line);
  const { runPlansTreeBench } = await import('./plans-tree-bench.js');
  for (const databaseUrl of [undefined, ...(opts.databaseUrl ? [opts.databaseUrl] : [])])
    for (const line of await runPlansTreeBench({ databaseUrl, requests: opts.quick ? 50 : 200 }))
      opts.print(line);
  const { runApiBench } = await import('./api-bench.js');
  for (const line of await runApiBench({ seconds: opts.quick ? 3 : 10 })) opts.print(line);
  if (opts.databaseUrl)
    for (const line of await runApiBench({
      seconds: opts.quick ? 3 : 10,
      databaseUrl: opts.databaseUrl,
    }))
      opts.print(line);
}
