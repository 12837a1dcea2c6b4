// `ng test --watch=false` for CI: the Vitest runner of @angular/build 21 can hang after printing its
// results (angular/angular-cli#32832: the executor calls vitest.close(), which has no teardown timeout,
// and a large spec program keeps the event loop alive). This wrapper forwards the output, reads Vitest's
// final "Test Files …" summary, and once it has seen it gives the process GRACE_MS to exit on its own;
// then it stops it and exits with the summary's verdict. Without a summary, a crash still fails, and a
// run that never finishes is stopped after HARD_MS and fails.
//
//   node tools/ng-test-ci.mjs [extra ng test args…]
import { spawn } from 'node:child_process';

const GRACE_MS = Number(process.env.NG_TEST_GRACE_MS ?? 15000);
const HARD_MS = Number(process.env.NG_TEST_HARD_MS ?? 15 * 60 * 1000);
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

const child = spawn(
  'npx',
  ['ng', 'test', '--watch=false', '--progress=false', ...process.argv.slice(2)],
  {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so esbuild and the workers stop with it
    env: { ...process.env, CI: '1', NG_CLI_ANALYTICS: 'false' },
  },
);

let tail = '';
let verdict = null; // 'passed' | 'failed' once the summary is seen
let graceTimer = null;

function stopGroup() {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
  setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }, 3000).unref();
}

function watch(chunk, out) {
  out.write(chunk);
  tail = (tail + chunk.toString()).slice(-4000);
  const plain = tail.replace(ANSI, '');
  const files = plain.match(/Test Files\s+([^\n]+)/);
  const tests = plain.match(/\n\s*Tests\s+([^\n]+)/);
  if (verdict === null && files && tests && /Duration/.test(plain)) {
    verdict = /failed/.test(files[1]) || /failed/.test(tests[1]) ? 'failed' : 'passed';
    graceTimer = setTimeout(() => {
      console.log(
        `(ng test printed its results but did not exit within ${GRACE_MS / 1000}s: stopped; angular-cli#32832)`,
      );
      stopGroup();
      process.exit(verdict === 'passed' ? 0 : 1);
    }, GRACE_MS);
  }
}

child.stdout.on('data', (c) => watch(c, process.stdout));
child.stderr.on('data', (c) => watch(c, process.stderr));

const hard = setTimeout(() => {
  console.error(`!! ng test did not finish within ${HARD_MS / 1000}s: stopped`);
  stopGroup();
  process.exit(1);
}, HARD_MS);

child.on('exit', (code) => {
  clearTimeout(hard);
  if (graceTimer) clearTimeout(graceTimer);
  if (verdict === 'failed') process.exit(code || 1);
  process.exit(code ?? 1);
});

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    stopGroup();
    process.exit(130);
  });
}
