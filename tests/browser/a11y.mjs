// Every page type of the portal (demo data set) in Debian's chromium:
//   * axe-core finds no violation of impact "serious" or "critical" (standard mode, and the
//     长者模式 on a few pages); lesser ones are listed, not counted;
//   * the page is clean: no console error (a Content-Security-Policy refusal is one), no
//     JavaScript error, every stylesheet and image it loads answers;
//   * screenshots at desktop (1280×800) and phone (390×844) widths, full page, written to
//     artifacts/screenshots/<page>-desktop.png and <page>-phone.png (CI keeps the folder);
//   * at phone width nothing makes the page scroll sideways (WCAG 1.4.10 reflow).
// Last line: "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, BROWSER_DIR, ensureDir, Suite, watch } from './lib/harness.mjs';
import { pageTypes } from './lib/pages.mjs';

const t = new Suite('a11y', { timeoutS: 270 });
const SHOTS = ensureDir(path.join(ARTIFACTS, 'screenshots'));
const AXE = path.join(BROWSER_DIR, 'node_modules/axe-core/axe.min.js');

/** axe-core over the whole document: violations as {id, impact, help, nodes: [{target, html}]}. */
async function axe(page) {
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' '), html: n.html.slice(0, 200), why: n.failureSummary })),
      count: v.nodes.length,
    }));
  });
}

function report(name, violations) {
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = violations.filter((v) => !bad.includes(v));
  for (const v of minor) t.log(`       (${name}: ${v.impact} ${v.id} ×${v.count}: ${v.help})`);
  t.ok(bad.length === 0, `${name}: axe finds no serious or critical violation`, bad);
}

t.main(async () => {
  if (!t.ok(fs.existsSync(AXE), 'axe-core is installed (tools/browser-setup.sh)', AXE)) return;
  const srv = await t.server();
  const browser = await t.browser();
  const pages = await pageTypes(srv);

  await t.section('axe-core on every page type; the pages are clean', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // The pages' Content-Security-Policy allows only scripts that carry the request's nonce,
    // so axe cannot come in as a <script> tag. An init script goes in through the DevTools
    // protocol before the page's own scripts and is not subject to the CSP: the pages are
    // tested with their real CSP in force (no bypassCSP).
    await ctx.addInitScript({ path: AXE });
    const page = await ctx.newPage();
    const w = watch(page);
    for (const p of pages) {
      if (!t.ok(p.path, `${p.name}: an example address was found`)) continue;
      w.clear();
      const r = await page.goto(srv.url(p.path), { waitUntil: 'load', timeout: 15000 });
      t.eq(r && r.status(), p.status || 200, `${p.name} ${p.path}: status ${p.status || 200}`);
      report(p.name, await axe(page));
      const errors = w.consoleErrors();
      t.ok(errors.length === 0 && w.errors.length === 0, `${p.name}: no console or JavaScript error`,
        errors.concat(w.errors));
      t.ok(w.httpErrors.length === 0 && w.failed.length === 0, `${p.name}: every resource it loads answers`,
        w.httpErrors.concat(w.failed));
    }
    await ctx.close();
  }, { timeoutS: 150 });

  await t.section('axe-core in 长者模式', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await ctx.addInitScript({ path: AXE });
    await ctx.addCookies([{ name: 'gk_mode', value: 'elder', url: srv.base }]);
    const page = await ctx.newPage();
    for (const p of pages.filter((x) => ['home', 'column-list', 'item', 'gkml', 'search', 'zfxxgk-nb-2018'].includes(x.name))) {
      if (!p.path) continue;
      await page.goto(srv.url(p.path), { waitUntil: 'load', timeout: 15000 });
      t.ok(await page.evaluate(() => document.documentElement.classList.contains('elder')),
        `${p.name} (长者模式): <html class="elder">`);
      report(`${p.name} (长者模式)`, await axe(page));
      await page.screenshot({ path: path.join(SHOTS, `${p.name}-elder-desktop.png`), fullPage: true });
    }
    await ctx.close();
  }, { timeoutS: 60 });

  const sizes = [
    { tag: 'desktop', viewport: { width: 1280, height: 800 } },
    { tag: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  ];
  for (const s of sizes) {
    await t.section(`screenshots at ${s.tag} width (${s.viewport.width}×${s.viewport.height})`, async () => {
      const ctx = await browser.newContext({ viewport: s.viewport, isMobile: !!s.isMobile, hasTouch: !!s.hasTouch });
      const page = await ctx.newPage();
      for (const p of pages) {
        if (!p.path) continue;
        await page.goto(srv.url(p.path), { waitUntil: 'load', timeout: 15000 });
        const file = path.join(SHOTS, `${p.name}-${s.tag}.png`);
        await page.screenshot({ path: file, fullPage: true });
        t.ok(fs.statSync(file).size > 1000, `${p.name}: ${path.relative(process.cwd(), file)}`);
        if (s.tag === 'phone') {
          const wide = await page.evaluate(() => {
            const vw = document.documentElement.clientWidth;
            const over = [];
            for (const e of document.querySelectorAll('body *')) {
              const r = e.getBoundingClientRect();
              if (r.width > 0 && r.right > vw + 1 && getComputedStyle(e).position !== 'fixed') {
                // Only the outermost offender inside a horizontally scrollable box matters.
                let sc = e.parentElement; let inScroller = false;
                while (sc && sc !== document.body) {
                  const ov = getComputedStyle(sc).overflowX;
                  if (ov === 'auto' || ov === 'scroll' || ov === 'hidden') { inScroller = true; break; }
                  sc = sc.parentElement;
                }
                if (!inScroller) over.push(`${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ').join('.')}` : ''} right=${Math.round(r.right)}`);
              }
            }
            return { scrollWidth: document.documentElement.scrollWidth, vw, over: over.slice(0, 8) };
          });
          t.ok(wide.scrollWidth <= wide.vw + 1, `${p.name}: no sideways scrolling at ${s.viewport.width}px`
            + ` (page ${wide.scrollWidth}px)`, wide.over);
        }
      }
      await ctx.close();
    }, { timeoutS: 120 });
  }
});
