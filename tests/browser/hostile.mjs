// Hostile strings in every stored field and in query parameters must come out as text.
//
// A second database is built with `gongkai init` + `gongkai import` from JSON Lines
// (docs/import-format.md) whose agency names and contact fields, item titles, bodies
// (Markdown with javascript: links, raw <script>, <img onerror>), 文号, 主题分类, 体裁分类,
// 索引号, ids, visit points and report narratives hold script payloads. Every page type and
// hostile query parameters are visited in chromium, and for each page:
//   * no script ran: window.__pwned stays undefined, no dialog opens, no console message
//     from injected code;
//   * nothing hostile reached the DOM as markup: no on* attribute, no javascript: URL in
//     href/src/action, no <script> without the page's nonce, no injected <img src=x>,
//     <iframe>, <object>, <base>, <style>;
//   * the hostile text is shown escaped, as text (title, body, metadata, search box …).
//   * the server answers every hostile parameter with a page (< 500), never a crash.
// The browser context uses bypassCSP: true, so that the page's Content-Security-Policy does
// not hide an escaping mistake: it is the escaping alone that must stop the payloads.
// Last line: "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, ensureDir, ROOT, Suite, watch } from './lib/harness.mjs';

const t = new Suite('hostile', { timeoutS: 150 });

// Payloads: each sets window.__pwned, logs "__pwned" or opens a dialog when it runs.
const S = '<script>window.__pwned=1;console.log("__pwned")</script>';
const SVG = '"><svg onload=window.__pwned=2>';
const IMG = '<img src=x onerror=window.__pwned=3>';
const JSURL = 'javascript:window.__pwned=4';
const SQ = "'><script>alert(5)</script>";
const TITLE_BREAK = '</title><script>window.__pwned=6</script>';
const AREA = '</textarea></select></option><script>window.__pwned=7</script>';
const MARKDOWN = [
  '# 标题 <script>window.__pwned=8</script>',
  '',
  '正文：[点这里](javascript:alert(9)) 和 [这里](JaVaScRiPt:window.__pwned=10) 和 [那里](  javascript:alert(11))',
  '',
  '<script>window.__pwned=12;console.log("__pwned")</script>',
  '',
  '<img src=x onerror=window.__pwned=13>',
  '',
  '"><svg onload=window.__pwned=14>',
  '',
  '![图片](javascript:alert(15)) <a href="javascript:alert(16)">raw link</a>',
  '',
  '[data](data:text/html,<script>alert(17)</script>) <iframe src="javascript:alert(18)"></iframe>',
  '',
  '<style>body{display:none}</style> <div onmouseover="window.__pwned=19">div</div>',
  '',
  '| 表头 <img src=x onerror=alert(20)> | b |',
  '|---|---|',
  '| [c](javascript:alert(21)) | `<script>window.__pwned=22</script>` |',
].join('\n');

const ROOT_NAME = `工农区${S}人民政府${SVG}`;
const DEPT_CODE = 'evil"onfocus="window.__pwned=23"autofocus="\'><b>';
const DEPT_NAME = `区${IMG}局${SQ}`;
const TITLE = `关于印发${S}测试${SVG}办法的通知${TITLE_BREAK}`;
const TITLE2 = `工作动态${IMG}${AREA}`;
const ID1 = `x${SVG}`;
const ID2 = `<img src=x onerror=window.__pwned=24>`;
const TOPIC = `综合政务/${SVG}`;
const GENRE = `通知${IMG}`;
const DOC_NO = `工农政规〔2023〕1号${S}`;
const INDEX_NO = `${SQ}/2023-00001`;
const NARRATIVE = `本年度情况${S}。\n第二段${SVG}${JSURL} {{t3.new.total}}件。`;

function records() {
  const r = [];
  r.push({ type: 'agency', code: 'root', name: ROOT_NAME, kind: 'government', short_name: `工农${IMG}`,
    address: `新华路1号${S}`, office_hours: `工作日${SVG}`, phone: `0468${IMG}`, fax: SQ,
    email: `"><svg onload=window.__pwned=25>@x.cn`, website: JSURL, postcode: `154101${IMG}` });
  r.push({ type: 'agency', code: DEPT_CODE, name: DEPT_NAME, parent: 'root', kind: 'department',
    website: 'javascript:alert(26)', address: S });
  r.push({ type: 'item', id: ID1, agency: 'root', title: TITLE, body: MARKDOWN, column: 'gkml/wjfg',
    index_no: INDEX_NO, doc_no: DOC_NO, topic: TOPIC, genre: GENRE, written: '2023-02-01',
    statutory: 'normative_document', publications: [{ channel: 'website', at: '2023-02-03' }] });
  r.push({ type: 'item', id: ID2, agency: DEPT_CODE, title: TITLE2, body: `${S}\n\n${IMG}`, column: 'gzdt',
    topic: `${S}/子类`, genre: SQ, publications: [{ channel: 'wechat', at: '2023-03-01' }] });
  r.push({ type: 'item', id: 'plain-1', agency: DEPT_CODE, title: `制度${SQ}`, body: AREA, column: 'zfxxgk/zd',
    publications: [{ channel: 'website', at: '2023-04-01' }] });
  r.push({ type: 'item', id: 'repealed-1', agency: 'root', title: `废止${SVG}`, column: 'gkml/wjfg',
    doc_no: SVG, written: '2020-01-01', repealed: '2022-01-01', statutory: 'normative_document',
    publications: [{ channel: 'website', at: '2020-01-05' }] });
  r.push({ type: 'application', id: 'a1', agency: 'root', applicant_type: 'natural_person', channel: 'online',
    received: '2023-03-01', closed: '2023-03-10', outcome: 'disclosed', subject: S });
  r.push({ type: 'visit', id: 'v1', agency: 'root', date: '2023-05-01', count: 3, point: `档案馆${S}` });
  r.push({ type: 'tally', agency: 'root', year: 2023, key: 'licensing_decisions', value: 5 });
  for (const section of ['overview', 'problems', 'other']) {
    r.push({ type: 'narrative', agency: 'root', year: 2023, section, text: NARRATIVE });
  }
  return r.map((x) => JSON.stringify(x)).join('\n') + '\n';
}

const enc = encodeURIComponent;

/** What the page's DOM holds that only unescaped markup could have put there. */
function domCheck() {
  const bad = [];
  const all = document.querySelectorAll('*');
  for (const e of all) {
    for (const a of e.attributes) {
      const n = a.name.toLowerCase();
      const v = a.value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
      if (n.startsWith('on')) bad.push(`${e.tagName} has ${a.name}="${a.value}"`);
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'srcdoc'].includes(n)
          && (v.startsWith('javascript:') || v.startsWith('vbscript:') || v.startsWith('data:text'))) {
        bad.push(`${e.tagName} ${a.name}="${a.value}"`);
      }
    }
  }
  for (const s of document.querySelectorAll('script')) {
    if (!s.hasAttribute('nonce')) bad.push(`<script> without nonce: ${s.outerHTML.slice(0, 120)}`);
  }
  for (const s of document.querySelectorAll('body style')) {
    if (!s.hasAttribute('nonce')) bad.push(`<style> in body: ${s.outerHTML.slice(0, 120)}`);
  }
  for (const sel of ['img[src="x"]', 'iframe', 'object', 'embed', 'base', 'main svg[onload]']) {
    for (const e of document.querySelectorAll(sel)) bad.push(`${sel}: ${e.outerHTML.slice(0, 120)}`);
  }
  return { bad, pwned: typeof window.__pwned, text: document.body ? document.body.innerText : '', title: document.title };
}

t.main(async () => {
  const jsonl = path.join(t.tmp, 'hostile.jsonl');
  fs.writeFileSync(jsonl, records());
  let db;
  await t.section('the hostile records import', async () => {
    db = t.database({ jsonl, name: 'hostile.db' });
    t.ok(fs.existsSync(db), 'gongkai init + import of the hostile JSON Lines file');
  });
  if (!db) return;
  const srv = await t.server({ db });
  const browser = await t.browser();
  // bypassCSP: the escaping, not the CSP, must stop the payloads (see the top of this file).
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  const page = await ctx.newPage();
  const w = watch(page);

  /** Visits PATH; asserts that nothing ran or was injected; EXPECT: strings that must appear
   * as text on the page (exactly, escaped). Returns the page's text. */
  async function visit(name, p, expect = [], { status } = {}) {
    w.clear();
    const r = await page.goto(srv.url(p), { waitUntil: 'load', timeout: 15000 });
    await page.waitForTimeout(50); // an onerror of a broken image would have fired by now
    const st = r ? r.status() : 0;
    if (status) t.eq(st, status, `${name}: status ${status}`);
    else t.ok(st > 0 && st < 500, `${name}: answered without a server error (${st})`, p);
    const d = await page.evaluate(domCheck);
    const consoleHits = w.console.filter((m) => /__pwned|alert\(/.test(m.text)).map((m) => m.text);
    t.ok(d.pwned === 'undefined' && w.dialogs.length === 0 && consoleHits.length === 0 && w.errors.length === 0,
      `${name}: no injected script ran`, { pwned: d.pwned, dialogs: w.dialogs, console: consoleHits, errors: w.errors });
    t.ok(d.bad.length === 0, `${name}: no injected markup in the DOM`, d.bad);
    const text = `${d.title}\n${d.text}`;
    for (const s of expect) {
      t.ok(text.includes(s), `${name}: shows ${JSON.stringify(s.slice(0, 40))} as text`);
    }
    return text;
  }

  await t.section('pages showing stored hostile strings', async () => {
    const rootShown = '<script>window.__pwned=1;console.log("__pwned")</script>';
    await visit('home', '/', [rootShown, TITLE2]);
    await visit('zwgk', '/zwgk');
    await visit('column gkml', '/column/gkml');
    await visit('column gkml/wjfg', '/column/gkml/wjfg', [TITLE]);
    await visit('column gzdt', '/column/gzdt', [TITLE2]);
    await visit('column zfxxgk/zd', '/zfxxgk/zd', [`制度${SQ}`]);
    const item1 = await visit('item 1 (Markdown body)', `/item/${enc(ID1)}`, [TITLE, DOC_NO, INDEX_NO, GENRE]);
    t.ok(item1.includes('window.__pwned=12') || item1.includes('<script>window.__pwned=12'),
      'item 1: the raw <script> of the Markdown body is shown as text, not dropped silently or run');
    const links = await page.$$eval('main a', (as) => as.map((a) => a.getAttribute('href')));
    t.ok(links.every((h) => h === null || !/^\s*(javascript|data|vbscript):/i.test(h)),
      'item 1: no link of the body points to javascript:/data:', links);
    t.eq(((await page.textContent('main h1')) || '').trim(), TITLE, 'item 1: <h1> is the title, verbatim');
    await page.screenshot({ path: path.join(ensureDir(path.join(ARTIFACTS, 'screenshots')), 'hostile-item-desktop.png'),
      fullPage: true });
    const metaTitle = await page.getAttribute('meta[name="ArticleTitle"]', 'content');
    t.eq(metaTitle, TITLE, 'item 1: <meta name="ArticleTitle"> holds the title, verbatim');
    await visit('item 2', `/item/${enc(ID2)}`, [TITLE2, DEPT_NAME]);
    await visit('item repealed', '/item/repealed-1', [`废止${SVG}`]);
    await visit('gkml', '/gkml', [TITLE, INDEX_NO]);
    await visit('gkml by hostile agency', `/gkml?agency=${enc(DEPT_CODE)}`, [TITLE2]);
    await visit('gkml by hostile topic', `/gkml?topic=${enc(TOPIC)}`, [TITLE]);
    await visit('gkml by hostile genre', `/gkml?genre=${enc(GENRE)}`, [TITLE]);
    await visit('zfxxgk', '/zfxxgk');
    const zn = await visit('zfxxgk/zn (guide from agency fields)', '/zfxxgk/zn', [`新华路1号${S}`]);
    t.ok(!/href="javascript/i.test(await page.content()), 'zfxxgk/zn: the website javascript: is not a link');
    void zn;
    await visit('zfxxgk/fdzdgknr', '/zfxxgk/fdzdgknr', [TITLE]);
    await visit('zfxxgk/nb', '/zfxxgk/nb');
    await visit('zfxxgk/nb/2023 (narratives)', '/zfxxgk/nb/2023', [`本年度情况${S}`]);
    await visit('agencies', '/agency', [DEPT_NAME]);
    await visit('agency root', '/agency/root', [ROOT_NAME]);
    await visit('agency hostile code', `/agency/${enc(DEPT_CODE)}`, [DEPT_NAME]);
    await visit('search a hostile title', `/search?q=${enc('测试')}`, []);
    const found = await page.locator(`main a[href="/item/${enc(ID1)}"]`).count()
      + await page.locator('main a[href^="/item/"]').count();
    t.ok(found > 0, 'search finds the hostile item (title shown with <mark>, escaped)');
    await visit('wzdt', '/wzdt');
    await visit('lxwm', '/lxwm');
    await visit('wza', '/wza');
  }, { timeoutS: 90 });

  await t.section('hostile query parameters and addresses', async () => {
    const q = '<script>window.__pwned=30</script>';
    await visit('search q=<script>', `/search?q=${enc(q)}`, [q]);
    t.eq(await page.inputValue('main input[name="q"]'), q, 'search: the box keeps the hostile query as its value');
    await visit('search q="><svg>', `/search?q=${enc(SVG)}`, [SVG]);
    await visit('search q=\'><script>', `/search?q=${enc(SQ)}`);
    await visit('search bad page', `/search?q=${enc('通知')}&page=${enc(IMG)}`);
    await visit('search page=-1', '/search?q=a&page=-1');
    await visit('search page huge', '/search?q=a&page=99999999999999999999999');
    await visit('search hostile filters', `/search?q=a&agency=${enc(SVG)}&column=${enc(S)}&year=${enc(IMG)}`
      + `&statutory=${enc(SQ)}&sort=${enc(SVG)}`);
    await visit('gkml topic="><img>', `/gkml?topic=${enc('"><img src=x onerror=window.__pwned=31>')}`);
    await visit('gkml genre=<script>', `/gkml?genre=${enc(S)}`);
    await visit('gkml agency="><svg>', `/gkml?agency=${enc(SVG)}`);
    await visit('gkml year=<script>', `/gkml?year=${enc(S)}`, [], { status: 400 });
    await visit('gkml validity=<svg>', `/gkml?validity=${enc(SVG)}`, [], { status: 400 });
    for (const bad of ['-1', '0', 'abc', '1e3', '99999999999999999999', '2.5', ' 1', SVG]) {
      await visit(`gkml page=${bad}`, `/gkml?page=${enc(bad)}`);
      await visit(`column page=${bad}`, `/column/gzdt?page=${enc(bad)}`);
    }
    await visit('404 with hostile path', `/column/${enc(S)}`, ['<script>'], { status: 404 });
    await visit('404 item', `/item/${enc('<img src=x onerror=window.__pwned=32>')}`, [], { status: 404 });
    await visit('404 agency', `/agency/${enc(SVG)}`, [], { status: 404 });
    await visit('nb hostile year', `/zfxxgk/nb/${enc(S)}`);
    await visit('nb hostile agency', `/zfxxgk/nb/2023?agency=${enc(SVG)}&scope=${enc(S)}`);
    await visit('hostile unknown parameter', `/?x=${enc(S)}&${enc(SVG)}=1`);
  }, { timeoutS: 90 });

  await t.section('the 长者模式 switch does not redirect off the site', async () => {
    for (const back of ['javascript:alert(40)', '//evil.example/', 'https://evil.example/', '/\\evil.example',
      `/x"><script>alert(41)</script>`, '\r\nSet-Cookie: x=1']) {
      // Fetched without following: no request ever leaves the machine.
      const r = await fetch(srv.url(`/mode?to=elder&back=${enc(back)}`), { redirect: 'manual', signal: AbortSignal.timeout(5000) });
      const loc = r.headers.get('location') || '';
      t.ok(r.status < 500 && (loc === '' || (/^\/(?![/\\])/.test(loc) && !/[\r\n]/.test(loc))),
        `/mode?back=${JSON.stringify(back)} → ${r.status} Location ${JSON.stringify(loc)} (local)`);
      await r.arrayBuffer();
    }
    // With the cookie set, the pages still escape everything.
    await visit('home in 长者模式', '/');
  });

  // The checks above must be able to fail. A theme that writes the item title without
  // escaping ({{{item.title}}}: the mistake these tests exist to catch) must be caught.
  await t.section('canary: the checks catch an unescaped title', async () => {
    const src = path.join(ROOT, 'assets/templates/item.mustache');
    const tpl = fs.existsSync(src) ? fs.readFileSync(src, 'utf8') : '';
    if (!tpl.includes('{{item.title}}')) {
      t.log('       (item.mustache has no {{item.title}} to unescape: canary not run)');
      return;
    }
    const theme = path.join(t.tmp, 'bad-theme');
    fs.mkdirSync(path.join(theme, 'templates'), { recursive: true });
    fs.writeFileSync(path.join(theme, 'templates/item.mustache'), tpl.split('{{item.title}}').join('{{{item.title}}}'));
    const bad = await t.server({ db, args: ['--theme', theme] });
    w.clear();
    await page.goto(bad.url(`/item/${enc(ID1)}`), { waitUntil: 'load', timeout: 15000 });
    await page.waitForTimeout(50);
    const d = await page.evaluate(domCheck);
    t.ok(d.pwned !== 'undefined' || d.bad.length > 0 || w.dialogs.length > 0,
      'canary: an unescaped title is detected (script ran or markup injected)', d.bad);
    await bad.stop();
  });

  await ctx.close();
});
