// Service guides in Debian's chromium (demo data set):
//   * the guide pages of the seed's two 办理流程清单 and the /guide index: axe-core finds no
//     violation at all, standard and 长者模式;
//   * the flowchart is an inline <svg role="img"> named by its <title>, with one box per step
//     plus the end, and the ordered list beside it has every step;
//   * at 375 px (a small phone), standard and 长者模式, nothing scrolls sideways and the chart
//     fits the screen;
//   * searching 外商投资 in 办事指南 finds the 外商投资企业设立 list, whose page links to the guide.
// Screenshots: artifacts/screenshots/guide-*.png. Last line: "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, BROWSER_DIR, ensureDir, Suite, watch } from './lib/harness.mjs';

const t = new Suite('guides', { timeoutS: 200 });
const SHOTS = ensureDir(path.join(ARTIFACTS, 'screenshots'));
const AXE = path.join(BROWSER_DIR, 'node_modules/axe-core/axe.min.js');
const GUIDES = [
  { name: 'guide-wstz', path: '/guide/wstz-sl', steps: 8 },
  { name: 'guide-nzgs', path: '/guide/nzgs-sldj', steps: 10 },
];

async function axe(page) {
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
}

/** Sideways overflow at the current width: the page's scroll width and the chart's box. */
async function reflow(page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const svg = document.querySelector('svg.flowchart');
    const r = svg ? svg.getBoundingClientRect() : null;
    return { vw, scrollWidth: document.documentElement.scrollWidth, svgRight: r ? Math.round(r.right) : null,
      svgWidth: r ? Math.round(r.width) : null };
  });
}

t.main(async () => {
  if (!t.ok(fs.existsSync(AXE), 'axe-core is installed (tools/browser-setup.sh)', AXE)) return;
  const srv = await t.server();
  const browser = await t.browser();

  for (const elder of [false, true]) {
    const mode = elder ? ' (长者模式)' : '';
    await t.section(`guide pages${mode}: axe, the chart and the list`, async () => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await ctx.addInitScript({ path: AXE });
      if (elder) await ctx.addCookies([{ name: 'gk_mode', value: 'elder', url: srv.base }]);
      const page = await ctx.newPage();
      const w = watch(page);
      for (const g of GUIDES.concat([{ name: 'guide-index', path: '/guide' }])) {
        w.clear();
        const r = await page.goto(srv.url(g.path), { waitUntil: 'load', timeout: 15000 });
        t.eq(r && r.status(), 200, `${g.name}${mode} ${g.path}: status 200`);
        const violations = await axe(page);
        t.ok(violations.length === 0, `${g.name}${mode}: axe finds no violation`, violations);
        t.ok(w.consoleErrors().length === 0 && w.errors.length === 0, `${g.name}${mode}: no console or JavaScript error`,
          w.consoleErrors().concat(w.errors));
        if (!g.steps) continue;
        const chart = await page.evaluate(() => {
          const svg = document.querySelector('svg.flowchart');
          if (!svg) return null;
          const ids = (svg.getAttribute('aria-labelledby') || '').split(' ');
          const title = ids[0] ? document.getElementById(ids[0]) : null;
          return {
            role: svg.getAttribute('role'),
            title: title && title.parentElement === svg ? title.textContent : null,
            nodes: svg.querySelectorAll('.flow-node').length,
            decisions: svg.querySelectorAll('.flow-decision').length,
            items: document.querySelectorAll('ol.flow-steps > li').length,
            font: svg.querySelector('.flow-node text').getAttribute('font-size'),
          };
        });
        if (!t.ok(chart, `${g.name}${mode}: the page has the flowchart`)) continue;
        t.eq(chart.role, 'img', `${g.name}${mode}: <svg role="img">`);
        t.ok(chart.title && chart.title.endsWith('办理流程图'), `${g.name}${mode}: named by its <title>`, chart.title);
        t.eq(chart.nodes, g.steps + 1, `${g.name}${mode}: a box per step and the end`);
        t.ok(chart.decisions >= 2, `${g.name}${mode}: decision steps drawn as such`, chart.decisions);
        t.eq(chart.items, g.steps, `${g.name}${mode}: every step in the list beside it`);
        t.eq(chart.font, elder ? '20' : '15', `${g.name}${mode}: box text size`);
        await page.screenshot({ path: path.join(SHOTS, `${g.name}${elder ? '-elder' : ''}-desktop.png`), fullPage: true });
      }
      await ctx.close();
    }, { timeoutS: 60 });

    await t.section(`guide pages${mode} at 375 px: no sideways scrolling`, async () => {
      const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
      if (elder) await ctx.addCookies([{ name: 'gk_mode', value: 'elder', url: srv.base }]);
      const page = await ctx.newPage();
      for (const g of GUIDES) {
        await page.goto(srv.url(g.path), { waitUntil: 'load', timeout: 15000 });
        const f = await reflow(page);
        t.ok(f.scrollWidth <= f.vw + 1, `${g.name}${mode}: no sideways scrolling at 375px (page ${f.scrollWidth}px)`, f);
        t.ok(f.svgRight !== null && f.svgRight <= f.vw, `${g.name}${mode}: the chart fits the screen`, f);
        await page.screenshot({ path: path.join(SHOTS, `${g.name}${elder ? '-elder' : ''}-phone.png`), fullPage: true });
      }
      await ctx.close();
    }, { timeoutS: 40 });
  }

  await t.section('searching 外商投资 in 办事指南 finds the 流程清单', async () => {
    const page = await browser.newPage();
    await page.goto(srv.url(`/search?q=${encodeURIComponent('外商投资')}&column=bmfw/bszn`), { waitUntil: 'load' });
    const hit = page.locator('a', { hasText: '外商投资企业设立办理流程清单' }).first();
    if (!t.ok(await hit.count() === 1, 'the list is among the hits')) return;
    await hit.click();
    await page.waitForLoadState('load');
    const link = page.locator('a[href="/guide/wstz-sl"]').first();
    t.ok(await link.count() === 1, 'its page links to the guide');
    await link.click();
    await page.waitForLoadState('load');
    t.ok(await page.locator('svg.flowchart').count() === 1, 'the guide opens with its flowchart');
    await page.close();
  }, { timeoutS: 30 });
});
