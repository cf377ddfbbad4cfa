// What a person does on the portal, in Debian's chromium (demo data set):
//   * home → column → item by clicking links;
//   * a search for a two-character word taken from a real item title finds that item;
//   * the 长者模式 (large text) switch: the computed font size grows, the choice persists on
//     the next page (cookie), it switches back; with JavaScript on and with JavaScript off;
//   * with JavaScript off, every page type still renders its main content.
// Last line: "N passed, N failed".
import { Suite, watch } from './lib/harness.mjs';
import { get, pageTypes } from './lib/pages.mjs';

const t = new Suite('portal', { timeoutS: 150 });

/** Loads URL and waits for the document; returns the HTTP status. */
async function open(page, url) {
  const r = await page.goto(url, { waitUntil: 'load', timeout: 15000 });
  return r ? r.status() : 0;
}

/** Clicks LOCATOR and waits for the page it leads to. */
async function follow(page, locator) {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load', timeout: 15000 }),
    locator.click({ timeout: 10000 }),
  ]);
}

const pathOf = (page) => { const u = new URL(page.url()); return u.pathname + u.search; };

/** Computed font size (px) of the first element matching SEL. */
const fontSize = (page, sel) => page.$eval(sel, (e) => parseFloat(getComputedStyle(e).fontSize));

t.main(async () => {
  const srv = await t.server();
  const browser = await t.browser();
  t.log(`server ${srv.base}, chromium ${browser.version()}`);

  let itemPath = null;
  let itemTitle = null;

  await t.section('home → column → item, by clicking links', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    const w = watch(page);
    t.eq(await open(page, srv.url('/')), 200, 'home: 200');
    t.ok((await page.title()).length > 0, 'home: has a <title>', await page.title());

    // The main navigation's 工作动态 entry.
    await follow(page, page.locator('nav.mainnav a', { hasText: '工作动态' }).first());
    t.eq(pathOf(page), '/column/gzdt', 'main navigation 工作动态 → /column/gzdt');
    t.eq((await page.textContent('main h1') || '').trim(), '工作动态', 'column page: <h1> is the column name');

    // Back home, then a home panel's heading link 政策文件 → 文件法规 column.
    await follow(page, page.locator('.site-name a, header a[href="/"]').first());
    t.eq(pathOf(page), '/', 'site name link → home');
    await follow(page, page.locator('main a[href="/column/gkml/wjfg"]').first());
    t.eq(pathOf(page), '/column/gkml/wjfg', 'home panel 政策文件 → /column/gkml/wjfg');
    const h1 = (await page.textContent('main h1') || '').trim();
    t.ok(h1.length > 0, 'column page has a <h1>', h1);

    // The first item of the list.
    const link = page.locator('main ul.items a[href^="/item/"]').first();
    t.ok(await link.count() === 1, 'column page lists items');
    const linkText = ((await link.textContent()) || '').trim();
    const href = await link.getAttribute('href');
    await follow(page, link);
    t.eq(pathOf(page), href, `item link → ${href}`);
    const title = ((await page.textContent('main h1')) || '').trim();
    t.eq(title, linkText, 'item page <h1> is the title the list showed');
    t.ok(await page.locator('main table.meta').count() === 1, 'item page has the metadata table (索引号, 发布机构 …)');
    t.ok((await page.textContent('main table.meta') || '').includes('索引号'), 'metadata table names 索引号');
    // The crumbs lead back to the column.
    const crumb = page.locator('nav.crumbs a[href="/column/gkml/wjfg"]');
    t.ok(await crumb.count() >= 1, 'item page crumbs link back to the column');
    itemPath = href;
    itemTitle = title;

    // An item from a column page via the home page's 工作动态 panel.
    await open(page, srv.url('/'));
    const homeItem = page.locator('main ul.items a[href^="/item/"]').first();
    const homeItemHref = await homeItem.getAttribute('href');
    await follow(page, homeItem);
    t.eq(pathOf(page), homeItemHref, 'home page item link → its item page');
    t.ok(w.errors.length === 0, 'no JavaScript errors while navigating', w.errors);
    t.ok(w.httpErrors.length === 0, 'no failed resource (4xx/5xx) while navigating', w.httpErrors);
    await ctx.close();
  });

  await t.section('search for a two-character word from a real title', async () => {
    if (!t.ok(itemTitle, 'an item title was read from an item page')) return;
    // Two-character words of the title (ICU's Chinese word segmentation; every CJK pair of
    // the title if it finds none), the rarest first, common ones last.
    const common = new Set(['关于', '通知', '工农', '政府', '人民', '工作', '开展', '印发', '公告', '年度', '情况']);
    const cjk = /^[\u4e00-\u9fff]{2}$/;
    let words = [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(itemTitle)]
      .map((x) => x.segment).filter((x) => cjk.test(x));
    if (words.length === 0) {
      for (let i = 0; i + 2 <= itemTitle.length; i++) words.push(itemTitle.slice(i, i + 2));
      words = words.filter((x) => cjk.test(x));
    }
    words = [...new Set(words)];
    // The rarest first (fewest results), so that the item is near the top of its results.
    const totals = new Map();
    for (const wd of words) {
      if (common.has(wd)) { totals.set(wd, Infinity); continue; }
      const r = await get(srv, `/search?q=${encodeURIComponent(wd)}`);
      const m = r.text.replace(/<[^>]*>/g, '').match(/找到\s*(?:超过\s*)?(\d+)\s*条/);
      totals.set(wd, m ? Number(m[1]) : Infinity);
    }
    words.sort((a, b) => totals.get(a) - totals.get(b));
    t.ok(words.length > 0, `the title has two-character words: ${itemTitle}`);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await open(page, srv.url('/'));
    let found = null;
    const tried = [];
    for (const wd of words.slice(0, 8)) {
      // Type into the header's search box and press Enter, as a person would.
      const box = page.locator('header form[role="search"] input[name="q"]').first();
      await box.fill(wd);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 15000 }), box.press('Enter')]);
      const u = new URL(page.url());
      if (tried.length === 0) {
        t.eq(u.pathname, '/search', 'the header search box submits to /search');
        t.eq(u.searchParams.get('q'), wd, 'the word is sent as q');
      }
      // The item on the first three result pages.
      let pageNo = 1;
      for (;;) {
        if (await page.locator(`main a[href="${itemPath}"]`).count() > 0) { found = { wd, pageNo }; break; }
        const next = page.locator('main a[rel="next"]');
        if (pageNo >= 3 || await next.count() === 0) break;
        await follow(page, next.first());
        pageNo++;
      }
      tried.push(wd);
      if (found) break;
    }
    t.ok(found, `a search for a two-character word of “${itemTitle}” lists ${itemPath}`, `tried: ${tried.join(' ')}`);
    if (found) {
      t.log(`       (found with “${found.wd}” (${totals.get(found.wd)} results) on result page ${found.pageNo})`);
      const marks = await page.$$eval('main mark', (ms) => ms.map((m) => m.textContent));
      t.ok(marks.some((m) => m.includes(found.wd)), `results mark the word “${found.wd}”`, marks.slice(0, 10));
      const value = await page.inputValue('main input[name="q"]');
      t.eq(value, found.wd, 'the search page keeps the word in its box');
    }
    // One character works too (a single-character search must not fail).
    const one = itemTitle.match(/[\u4e00-\u9fff]/);
    if (one) {
      const st = await open(page, srv.url(`/search?q=${encodeURIComponent(one[0])}`));
      t.eq(st, 200, `search for one character “${one[0]}”: 200`);
      t.ok(await page.locator('main ol.search-results a[href^="/item/"], main a[href^="/item/"]').count() > 0,
        `search for one character “${one[0]}” has results`);
    }
    await ctx.close();
  });

  for (const js of [true, false]) {
    await t.section(`长者模式 (large text) switch, JavaScript ${js ? 'on' : 'off'}`, async () => {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: js });
      const page = await ctx.newPage();
      const tag = js ? '(js)' : '(no js)';
      await open(page, srv.url('/'));
      const before = await fontSize(page, 'main');
      const beforeLink = await fontSize(page, 'main ul.items a');
      const isElder = () => page.evaluate(() => document.documentElement.classList.contains('elder'));
      t.ok(!(await isElder()), `${tag} the home page starts in the standard mode`);
      const sw = page.locator('header a[href^="/mode"]').first();
      t.eq(((await sw.textContent()) || '').trim(), '长者模式', `${tag} the header offers 长者模式`);
      await follow(page, sw);
      t.eq(pathOf(page), '/', `${tag} the switch brings the visitor back to the same page`);
      t.ok(await isElder(), `${tag} <html class="elder"> after the switch`);
      const after = await fontSize(page, 'main');
      const afterLink = await fontSize(page, 'main ul.items a');
      t.ok(after > before, `${tag} computed font size of <main> grows (${before}px → ${after}px)`);
      t.ok(afterLink > beforeLink, `${tag} computed font size of list links grows (${beforeLink}px → ${afterLink}px)`);
      const cookies = await ctx.cookies(srv.base);
      const c = cookies.find((k) => k.name === 'gk_mode');
      t.ok(c && c.value === 'elder', `${tag} the choice is kept in a cookie`, cookies);

      // The next page, reached by a link, keeps the mode.
      await follow(page, page.locator('nav.mainnav a', { hasText: '工作动态' }).first());
      t.eq(pathOf(page), '/column/gzdt', `${tag} navigated to the next page`);
      t.ok(await isElder(), `${tag} the next page is in 长者模式 too`);
      const next = await fontSize(page, 'main');
      t.ok(next > before, `${tag} the next page's font size is the large one (${next}px > ${before}px)`);
      const item = page.locator('main ul.items a[href^="/item/"]').first();
      await follow(page, item);
      t.ok(await isElder(), `${tag} an item page is in 长者模式 too`);
      t.ok(await fontSize(page, 'main h1') > 0, `${tag} the item page renders in 长者模式`);

      // And back.
      const back = page.locator('header a[href^="/mode"]').first();
      t.eq(((await back.textContent()) || '').trim(), '退出长者模式', `${tag} the header offers 退出长者模式`);
      const itemUrl = pathOf(page);
      await follow(page, back);
      t.eq(pathOf(page), itemUrl, `${tag} switching back returns to the same page`);
      t.ok(!(await isElder()), `${tag} standard mode again`);
      await open(page, srv.url('/'));
      const again = await fontSize(page, 'main');
      t.eq(again, before, `${tag} the font size is the standard one again`);
      await ctx.close();
    });
  }

  await t.section('JavaScript off: every page type renders its main content', async () => {
    const pages = await pageTypes(srv);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
    const page = await ctx.newPage();
    const w = watch(page);
    for (const p of pages) {
      if (!t.ok(p.path, `${p.name}: an example address was found`)) continue;
      w.clear();
      const st = await open(page, srv.url(p.path));
      t.eq(st, p.status || 200, `${p.name} ${p.path}: status ${p.status || 200}`);
      const h1 = ((await page.textContent('main h1').catch(() => '')) || '').trim();
      const text = ((await page.textContent('main').catch(() => '')) || '').trim();
      t.ok(h1.length > 0 && text.length > 20, `${p.name}: <main> has a heading and text with JavaScript off`,
        { h1, text: text.slice(0, 200) });
      const n = await page.locator(p.main).count();
      t.ok(n > 0, `${p.name}: main content present (${p.main})`);
      // The main content is shown, not merely in the markup.
      if (n > 0) t.ok(await page.locator(p.main).first().isVisible(), `${p.name}: main content is visible`);
      t.ok(w.httpErrors.length === 0 && w.failed.length === 0, `${p.name}: its stylesheet and images load`,
        w.httpErrors.concat(w.failed));
    }
    await ctx.close();
  }, { timeoutS: 90 });
});
