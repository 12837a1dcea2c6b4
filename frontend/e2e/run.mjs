#!/usr/bin/env node
// Runs the browser tests with node:test and prints "N passed, N failed".
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const dir = import.meta.dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.e2e.mjs'))
  // E2E_ONLY=portfolio,renewals runs just those files (development; CI runs all).
  .filter(
    (f) =>
      !process.env.E2E_ONLY || process.env.E2E_ONLY.split(',').some((n) => f.startsWith(n.trim())),
  )
  // In name order: app (asserts the seeded counts) before collections, portfolio and renewals (which change data).
  .sort()
  .map((f) => join(dir, f));

let passed = 0;
let failed = 0;
const started = Date.now();
// Per file: collections presses Scan Now (~40 s on SQLite) and runs the agent again "days later".
const stream = run({ files, concurrency: 1, timeout: 240_000 });
stream.on('test:pass', (e) => {
  if (e.details?.type !== 'suite') passed++;
});
stream.on('test:fail', (e) => {
  if (e.details?.type !== 'suite') failed++;
});
stream.compose(spec).pipe(process.stdout);
stream.on('end', () => {
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\nE2E: ${passed} passed, ${failed} failed (${secs}s)`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
});
