// The editorial workflow as the staff do it, in Debian's chromium (issue 8 item 3; demo data
// set, two accounts of the root agency made with `gongkai user add`):
//   * an editor writes an item in the workspace and sends it for review;
//   * a reviewer returns it with a comment; the editor sees the comment, fixes the text and
//     sends it again; the reviewer approves and publishes it;
//   * a visitor finds it at once on its page, in search and in the feed;
//   * the reviewer withdraws it with a note: it leaves search and the feed at once and its
//     address shows the note.
// Attachments are not part of this test (another piece of work). Last line: "N passed, N failed".
import { Suite, watch } from './lib/harness.mjs';

const t = new Suite('editorial', { timeoutS: 240 });
const PASSWORD = 'Good-pass1';
const TITLE = '关于做好冬季供暖保障工作的通知';

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

/** A browser context logged in as LOGIN. */
async function staff(browser, srv, login) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  watch(page);
  t.eq(await open(page, srv.url('/admin/login')), 200, `${login}: login page`);
  await page.fill('#f-login', login);
  await page.fill('#f-password', PASSWORD);
  await follow(page, page.locator('form.login-form button[type=submit]'));
  t.ok(new URL(page.url()).pathname.startsWith('/admin'), `${login}: logged in`, page.url());
  return { ctx, page };
}

/** Opens the item titled TITLE from the work list (of STATE: the default list is the work
 * still to do; published items are under their state). */
async function openItem(page, srv, state) {
  await open(page, srv.url('/admin/items' + (state ? `?state=${state}` : '')));
  await follow(page, page.locator('table.list a', { hasText: TITLE }).first());
}

t.main(async () => {
  const db = t.database();
  for (const [login, role] of [['bianji', 'editor'], ['shenhe', 'reviewer']])
    t.gongkai(['--db', db, 'user', 'add', login, '--role', role, '--agency', 'gongnong'], { input: `${PASSWORD}\n` });
  const srv = await t.server({ db });
  const browser = await t.browser();
  t.log(`server ${srv.base}, chromium ${browser.version()}`);
  const ed = await staff(browser, srv, 'bianji');
  const rv = await staff(browser, srv, 'shenhe');
  const visitor = await (await browser.newContext()).newPage();
  let itemPath = null;

  await t.section('the editor writes and submits', async () => {
    const p = ed.page;
    await open(p, srv.url('/admin/items'));
    await follow(p, p.locator('a', { hasText: '新建政府信息' }));
    // an empty title: the error beside the field, the body kept
    await p.fill('#f-body', '一、总体要求\n\n二、工作安排');
    await p.evaluate(() => document.querySelector('#f-title').removeAttribute('required'));
    await follow(p, p.locator('form.item-form button[type=submit]'));
    t.ok(await p.isVisible('#f-title-error'), 'empty title: error beside the field');
    t.eq(await p.inputValue('#f-body'), '一、总体要求\n\n二、工作安排', 'empty title: the body is kept');
    await p.fill('#f-title', TITLE);
    await p.selectOption('#f-column', 'gkml/gsgg');
    await p.fill('#f-written', '2026-11-30');
    await follow(p, p.locator('form.item-form button[type=submit]'));
    t.ok((await p.textContent('main')).includes('已保存'), 'saved', p.url());
    await follow(p, p.locator('button', { hasText: '送审' }));
    t.ok((await p.textContent('main')).includes('待审核'), 'submitted');
  });

  await t.section('the reviewer returns it with a comment', async () => {
    const p = rv.page;
    await openItem(p, srv);
    await p.fill('#f-note-return', '请补充责任单位');
    await follow(p, p.locator('button', { hasText: '退回修改' }));
    t.ok((await p.textContent('main')).includes('已退回'), 'returned');
  });

  await t.section('the editor fixes it and submits again', async () => {
    const p = ed.page;
    await openItem(p, srv);
    t.ok((await p.textContent('.review-note')).includes('请补充责任单位'), 'the comment is shown');
    await follow(p, p.locator('a', { hasText: '修改' }).first());
    await p.fill('#f-body', '一、总体要求\n\n二、工作安排\n\n三、责任单位：区住建局');
    await follow(p, p.locator('form.item-form button[type=submit]'));
    await follow(p, p.locator('button', { hasText: '送审' }));
    t.ok((await p.textContent('main')).includes('待审核'), 'submitted again');
  });

  await t.section('the reviewer approves and publishes', async () => {
    const p = rv.page;
    await openItem(p, srv);
    await follow(p, p.locator('a', { hasText: '与上一版比较' }).first());
    t.ok((await p.textContent('table.diff')).includes('三、责任单位'), 'the diff shows the added line');
    await openItem(p, srv);
    await follow(p, p.locator('button', { hasText: '审核通过' }));
    await follow(p, p.locator('button', { hasText: '发布' }));
    t.ok((await p.textContent('main')).includes('已发布'), 'published');
    itemPath = await p.getAttribute('a:has-text("在门户网站查看")', 'href');
    t.ok(itemPath && itemPath.startsWith('/item/'), 'a link to the public page', itemPath);
  });

  await t.section('it is on the portal, in search and in the feed at once', async () => {
    t.eq(await open(visitor, srv.url(itemPath)), 200, 'item page: 200');
    t.eq((await visitor.textContent('main h1')).trim(), TITLE, 'item page: the title');
    t.ok((await visitor.textContent('main')).includes('三、责任单位'), 'item page: the fixed text');
    await open(visitor, srv.url('/search?q=' + encodeURIComponent('供暖保障')));
    t.ok((await visitor.textContent('main')).includes(TITLE), 'search finds it');
    const feed = await (await fetch(srv.url('/feeds/all.atom'))).text();
    t.ok(feed.includes(TITLE), 'the feed has it');
  });

  await t.section('a withdrawal takes it off and leaves the note', async () => {
    const p = rv.page;
    await openItem(p, srv, 'published');
    await p.fill('#f-note', '该通知内容有误，已撤回，以新通知为准。');
    await follow(p, p.locator('button', { hasText: '撤回' }));
    t.ok((await p.textContent('main')).includes('已撤回'), 'withdrawn');
    t.eq(await open(visitor, srv.url(itemPath)), 410, 'item page: 410');
    t.ok((await visitor.textContent('main')).includes('该通知内容有误'), 'item page: the public note');
    await open(visitor, srv.url('/search?q=' + encodeURIComponent('供暖保障')));
    t.ok(!(await visitor.textContent('main')).includes(TITLE), 'search no longer finds it');
    const feed = await (await fetch(srv.url('/feeds/all.atom'))).text();
    t.ok(!feed.includes(TITLE), 'the feed no longer has it');
  });
});
