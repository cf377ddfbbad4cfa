// A tiny harness for the browser tests: a gongkai server of its own (fresh database in a
// temporary folder, free loopback port), Debian's chromium driven by playwright-core, a count
// of assertions, and a last line "N passed, N failed" whatever happens (exception, time-out,
// signal). The server and the browser are always ended before the process exits.
//
//   import { Suite } from './lib/harness.mjs';
//   const t = new Suite('portal', { timeoutS: 150 });
//   t.main(async () => {
//     const srv = await t.server();             // demo data; or t.server({ jsonl: FILE })
//     const browser = await t.browser();
//     await t.section('home page', async () => {
//       const page = await browser.newPage();
//       await page.goto(srv.url('/'));
//       t.ok(await page.title() !== '', 'home has a title');
//     });
//   });
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const BROWSER_DIR = path.resolve(HERE, '..');
export const ROOT = path.resolve(BROWSER_DIR, '../..');
export const ARTIFACTS = path.join(ROOT, 'artifacts');

// What the machine's chromium needs (see docs/testing.md): no sandbox as root, no GPU, and no
// background connections (the network is closed; chromium would otherwise retry for ever).
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** The gongkai binary: $GONGKAI_BIN_REL (release build; set by tools/run-tests.sh), else
 * $GONGKAI_BIN (sanitizer build), else build/rel/gongkai. */
export function gongkaiBin() {
  for (const c of [process.env.GONGKAI_BIN_REL, process.env.GONGKAI_BIN, path.join(ROOT, 'build/rel/gongkai')]) {
    if (c && fs.existsSync(c)) return c;
  }
  throw new Error('no gongkai binary: build it with `make BUILD=build/rel build/rel/gongkai` '
    + 'or set GONGKAI_BIN_REL');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Rejects after MS milliseconds with a message naming WHAT. */
export function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

export class Suite {
  constructor(name, { timeoutS = 150 } = {}) {
    this.name = name;
    this.passed = 0;
    this.failed = 0;
    this.failures = [];
    this.children = new Set(); // running server processes
    this.browsers = new Set();
    this.tmp = fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), `gk-browser-${name}-`));
    this.done = false;
    this.timeoutS = timeoutS;
    // Whatever happens, the servers go with this process.
    process.on('exit', (code) => {
      for (const c of this.children) { try { c.kill('SIGKILL'); } catch { /* gone */ } }
      if (!this.printed) { // an exit nobody planned: still end with the counts
        if (code !== 0 && this.failed === 0) { this.failed = 1; this.failures.push(`${name}: exited with ${code}`); }
        this.summary();
      }
      try { fs.rmSync(this.tmp, { recursive: true, force: true }); } catch { /* ignore */ }
    });
  }

  // Nothing is written after the summary: it stays the last line.
  log(msg) { if (!this.printed) process.stdout.write(`${msg}\n`); }

  /** One assertion. DETAIL (string or object) is printed when it fails. */
  ok(cond, name, detail) {
    if (this.done) return !!cond;
    if (cond) {
      this.passed++;
      this.log(`  ok   ${name}`);
    } else {
      this.failed++;
      this.failures.push(name);
      this.log(`  FAIL ${name}`);
      if (detail !== undefined) {
        const text = typeof detail === 'string' ? detail : JSON.stringify(detail, null, 2);
        this.log(text.split('\n').map((l) => `       | ${l}`).join('\n'));
      }
    }
    return !!cond;
  }

  eq(actual, expected, name) {
    return this.ok(actual === expected, name, `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }

  /** A group of assertions; an exception inside counts as one failure and the suite goes on. */
  async section(name, fn, { timeoutS = 60 } = {}) {
    this.log(`# ${name}`);
    const t0 = Date.now();
    try {
      await withTimeout(Promise.resolve().then(fn), timeoutS * 1000, name);
    } catch (e) {
      this.ok(false, `${name}: no exception`, String(e && e.stack || e));
    }
    this.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }

  /** Runs a gongkai command to completion; throws with its output when it fails. */
  gongkai(args, { input } = {}) {
    const r = spawnSync(gongkaiBin(), args, { input, encoding: 'utf8', timeout: 60000 });
    if (r.status !== 0) {
      throw new Error(`gongkai ${args.join(' ')}: exit ${r.status}${r.signal ? ` (${r.signal})` : ''}\n`
        + `${r.stdout || ''}${r.stderr || ''}`);
    }
    return r.stdout;
  }

  /** A fresh database in the suite's temporary folder: the demo data set, or (with JSONL, a
   * file of records) an initialised database with those records imported. Returns its path. */
  database({ jsonl, name } = {}) {
    const db = path.join(this.tmp, name || (jsonl ? 'import.db' : 'demo.db'));
    if (jsonl) {
      this.gongkai(['--db', db, 'init']);
      this.gongkai(['--db', db, 'import', jsonl]);
    } else {
      this.gongkai(['--db', db, 'demo']);
    }
    return db;
  }

  /** Starts `gongkai serve` on a free loopback port over DB (default: a new demo database)
   * with ARGS added (e.g. ['--theme', DIR]) and waits until it answers.
   * Returns {url(path), base, port, proc, output(), stop()}. */
  async server({ db, jsonl, args = [] } = {}) {
    db = db || this.database({ jsonl });
    let lastErr;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const proc = spawn(gongkaiBin(), ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`, ...args],
        { stdio: ['ignore', 'pipe', 'pipe'] });
      this.children.add(proc);
      let out = '';
      const keep = (d) => { out = (out + d).slice(-8000); };
      proc.stdout.on('data', keep);
      proc.stderr.on('data', keep);
      let exited = null;
      proc.on('exit', (code, sig) => { exited = sig || code; this.children.delete(proc); });
      const base = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 20000;
      while (Date.now() < deadline && exited === null) {
        try {
          const r = await fetch(`${base}/robots.txt`, { signal: AbortSignal.timeout(2000) });
          await r.arrayBuffer();
          const srv = {
            base, port, proc, url: (p) => base + p, output: () => out,
            stop: async () => {
              try { proc.kill('SIGTERM'); } catch { /* gone */ }
              for (let i = 0; i < 60 && exited === null; i++) await sleep(50);
              if (exited === null) try { proc.kill('SIGKILL'); } catch { /* gone */ }
            },
          };
          this.servers = (this.servers || []).concat(srv);
          return srv;
        } catch { await sleep(100); }
      }
      lastErr = new Error(`gongkai serve did not answer on ${base} (exit: ${exited})\n${out}`);
      try { proc.kill('SIGKILL'); } catch { /* gone */ }
    }
    throw lastErr;
  }

  /** Launches Debian's chromium with the flags this machine needs. playwright-core gives it
   * a fresh, empty --user-data-dir of its own (a temporary folder removed at close). */
  async browser() {
    const { chromium } = await import('playwright-core');
    const b = await withTimeout(chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      timeout: 30000,
    }), 40000, 'launching chromium');
    this.browsers.add(b);
    return b;
  }

  /** Ends servers and browsers (bounded), prints the summary line, sets the exit code.
   * Called more than once, it returns the same promise. */
  finish() {
    if (!this.finishing) this.finishing = this.finishOnce();
    return this.finishing;
  }

  async finishOnce() {
    this.done = true; // later assertions (of sections still unwinding) are not counted
    for (const b of this.browsers) {
      try { await withTimeout(b.close(), 10000, 'closing chromium'); } catch { /* killed at exit */ }
    }
    for (const c of this.children) {
      try { c.kill('SIGTERM'); } catch { /* gone */ }
    }
    const deadline = Date.now() + 3000;
    while (this.children.size && Date.now() < deadline) await sleep(50);
    for (const c of this.children) { try { c.kill('SIGKILL'); } catch { /* gone */ } }
    this.summary();
  }

  /** The failures again, then the last line. Printed once. */
  summary() {
    if (this.printed) return;
    if (this.failures.length) {
      this.log(`\n${this.failures.length} failure(s) in ${this.name}:`);
      for (const f of this.failures) this.log(`  - ${f}`);
    }
    this.log(`${this.passed} passed, ${this.failed} failed`);
    this.printed = true;
    process.exitCode = this.failed ? 1 : 0;
  }

  /** Runs the whole test file: FN, then finish(), under an overall time limit. */
  main(fn) {
    const bail = async (why) => {
      if (!this.done) this.ok(false, `${this.name}: ${why}`);
      await this.finish();
      process.exit(1);
    };
    const timer = setTimeout(() => bail(`whole file timed out after ${this.timeoutS} s`), this.timeoutS * 1000);
    process.on('SIGTERM', () => bail('killed (SIGTERM)'));
    process.on('SIGINT', () => bail('interrupted (SIGINT)'));
    process.on('unhandledRejection', (e) => { this.ok(false, 'no unhandled rejection', String(e && e.stack || e)); });
    const t0 = Date.now();
    Promise.resolve()
      .then(fn)
      .catch((e) => this.ok(false, `${this.name}: no exception`, String(e && e.stack || e)))
      .finally(async () => {
        clearTimeout(timer);
        this.log(`(${this.name}: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
        await this.finish();
        // Exit explicitly: nothing must keep the process (and CI) waiting.
        process.exit(this.failed ? 1 : 0);
      });
  }
}

/** Records what a page says on the side: console messages, page errors, dialogs (dismissed),
 * failed requests and HTTP errors of the resources a page loads. */
export function watch(page) {
  const w = { console: [], errors: [], dialogs: [], failed: [], httpErrors: [] };
  page.on('console', (m) => w.console.push({ type: m.type(), text: m.text(), url: (m.location() || {}).url || '' }));
  page.on('pageerror', (e) => w.errors.push(String(e)));
  page.on('dialog', (d) => { w.dialogs.push(`${d.type()}: ${d.message()}`); d.dismiss().catch(() => {}); });
  page.on('requestfailed', (r) => {
    if (r.resourceType() !== 'document') w.failed.push(`${r.url()} ${r.failure() && r.failure().errorText}`);
  });
  // HTTP errors of what the page loads (stylesheets, images …), not of the page itself.
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document') w.httpErrors.push(`${r.status()} ${r.url()}`);
  });
  // Console errors other than the browser's own note of an HTTP error status for the page
  // itself (a 404 page) or for /favicon.ico, which chromium asks for on its own.
  w.consoleErrors = () => w.console.filter((m) => m.type === 'error'
    && !(/^Failed to load resource/.test(m.text) && (m.url === page.url() || /\/favicon\.ico$/.test(m.url))))
    .map((m) => `${m.text}${m.url ? ` (${m.url})` : ''}`);
  w.clear = () => { for (const k of ['console', 'errors', 'dialogs', 'failed', 'httpErrors']) w[k].length = 0; };
  return w;
}

export function ensureDir(dir) {
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
