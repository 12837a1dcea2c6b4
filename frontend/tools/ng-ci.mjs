// `ng test --watch=false` and `ng build` that always end. With @angular/build 21 on this project both can
// hang after their work is done: the Vitest runner after printing its results (angular/angular-cli#32832:
// the executor calls vitest.close(), which has no teardown timeout, and a large spec program keeps the
// event loop alive), and the build after "Output location" (a lingering esbuild service). This wrapper
// forwards the output, recognises the final verdict (Vitest's "Test Files …" summary; the build's
// "Output location" or "Application bundle generation failed"), and once it has seen it gives the
// process GRACE_MS to exit on its own; then it stops the process group and exits with that verdict.
// Without a verdict, a crash still fails, and a run that never finishes is stopped after HARD_MS.
//
//   node tools/ng-ci.mjs test [extra ng test args…]
//   node tools/ng-ci.mjs build [extra ng build args…]
import { spawn } from 'node:child_process';

const GRACE_MS = Number(process.env.NG_CI_GRACE_MS ?? 15000);
const HARD_MS = Number(process.env.NG_CI_HARD_MS ?? 15 * 60 * 1000);
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

const [command, ...extra] = process.argv.slice(2);
if (command !== 'test' && command !== 'build') {
  console.error('usage: node tools/ng-ci.mjs test|build [args…]');
  process.exit(2);
}
const args = command === 'test' ? ['--watch=false', '--progress=false'] : [];
const child = spawn('npx', ['ng', command, ...args, ...extra], {
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true, // its own process group, so esbuild and the workers stop with it
  env: { ...process.env, CI: '1', NG_CLI_ANALYTICS: 'false' },
});

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

function readVerdict(plain) {
  if (command === 'test') {
    const files = plain.match(/Test Files\s+([^\n]+)/);
    const tests = plain.match(/\n\s*Tests\s+([^\n]+)/);
    if (!files || !tests || !/Duration/.test(plain)) return null;
    return /failed/.test(files[1]) || /failed/.test(tests[1]) ? 'failed' : 'passed';
  }
  if (/Application bundle generation failed/.test(plain)) return 'failed';
  if (/Output location:/.test(plain)) return 'passed';
  return null;
}

function watch(chunk, out) {
  out.write(chunk);
  tail = (tail + chunk.toString()).slice(-4000);
  if (verdict === null) verdict = readVerdict(tail.replace(ANSI, ''));
  if (verdict !== null && graceTimer === null) {
    graceTimer = setTimeout(() => {
      console.log(
        `(ng ${command} finished (${verdict}) but did not exit within ${GRACE_MS / 1000}s: stopped; angular-cli#32832)`,
      );
      stopGroup();
      process.exit(verdict === 'passed' ? 0 : 1);
    }, GRACE_MS);
  }
}

child.stdout.on('data', (c) => watch(c, process.stdout));
child.stderr.on('data', (c) => watch(c, process.stderr));

const hard = setTimeout(() => {
  console.error(`!! ng ${command} did not finish within ${HARD_MS / 1000}s: stopped`);
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
