// The staff workspace (/admin/) in Debian's chromium, over the demo data set and its demo
// accounts (one per role, password printed by `gongkai demo`):
//   * axe-core finds no serious or critical violation on the login page, the dashboard, the
//     audit log, the accounts list and the new-account form (with its errors shown); no
//     console or JavaScript error; nothing scrolls sideways at phone width;
//   * a wrong password shows the one answer for every failed login, the login typed kept and
//     the password field empty; the right one lands on the dashboard with the user's name;
//   * the session cookie is invisible to scripts (HttpOnly);
//   * the new-account form shows each error beside its field and keeps what was typed (never
//     the passwords); a valid one creates the account (Post/Redirect/Get to the list);
//   * logout ends the session: /admin/ goes back to the login form.
// Last line: "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { BROWSER_DIR, Suite, watch } from './lib/harness.mjs';

const t = new Suite('workspace', { timeoutS: 150 });
const AXE = path.join(BROWSER_DIR, 'node_modules/axe-core/axe.min.js');
const PASSWORD = 'Gongkai-demo-2026';

async function axeClean(page, name) {
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, count: v.nodes.length }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  t.ok(bad.length === 0, `${name}: axe finds no serious or critical violation`, bad);
}

function clean(w, name) {
  t.ok(w.errors.length === 0 && w.consoleErrors().length === 0 && w.failed.length === 0 && w.httpErrors.length === 0,
    `${name}: no JavaScript or console error, every resource loads`,
    { errors: w.errors, console: w.consoleErrors(), failed: w.failed, http: w.httpErrors });
}

async function login(page, srv, user, password) {
  await page.goto(srv.url('/admin/login'), { waitUntil: 'load' });
  await page.fill('#f-login', user);
  await page.fill('#f-password', password);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form.login-form button[type=submit]')]);
}

t.main(async () => {
  if (!t.ok(fs.existsSync(AXE), 'axe-core is installed (tools/browser-setup.sh)', AXE)) return;
  const srv = await t.server();
  const browser = await t.browser();

  await t.section('login, the dashboard, the audit log, logout (auditor)', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await ctx.addInitScript({ path: AXE });
    const page = await ctx.newPage();
    const w = watch(page);
    const r = await page.goto(srv.url('/admin/'), { waitUntil: 'load' });
    t.ok(page.url().startsWith(srv.url('/admin/login?next=')), 'without a session /admin/ goes to the login form', page.url());
    t.eq(r && r.status(), 200, 'the login form answers 200');
    await axeClean(page, 'login');
    clean(w, 'login');

    await login(page, srv, 'auditor', 'Wrong-pass1');
    t.eq(await page.textContent('.error-summary'), '登录名或密码不正确。', 'a wrong password: the one answer');
    t.eq(await page.inputValue('#f-login'), 'auditor', 'the login typed is kept');
    t.eq(await page.inputValue('#f-password'), '', 'the password is not');
    await login(page, srv, 'nobody', 'Wrong-pass1');
    t.eq(await page.textContent('.error-summary'), '登录名或密码不正确。', 'an unknown login: the same answer');

    w.clear();
    await login(page, srv, 'auditor', PASSWORD);
    t.eq(new URL(page.url()).pathname, '/admin/', 'logged in: the dashboard');
    t.ok((await page.textContent('.admin-who')).includes('auditor'), 'the dashboard names the user');
    t.eq(await page.evaluate(() => document.cookie.includes('gk_session')), false, 'the session cookie is HttpOnly');
    await axeClean(page, 'dashboard');
    clean(w, 'dashboard');

    w.clear();
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('a[href="/admin/audit"]')]);
    t.ok(await page.isVisible('table.admin-table'), 'the audit log lists rows');
    t.ok((await page.textContent('table.admin-table')).includes('登录失败'), 'the failed logins are in it');
    await axeClean(page, 'audit');
    clean(w, 'audit');
    await page.selectOption('#f-action', 'login.failed');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form.audit-filter button[type=submit]')]);
    const actions = await page.$$eval('table.admin-table tbody tr td:nth-child(5)', (tds) => tds.map((td) => td.textContent));
    t.ok(actions.length >= 2 && actions.every((a) => a === '登录失败'), 'the filter keeps only failed logins', actions);
    t.ok(await page.isVisible('a[href^="/admin/audit.csv?action=login.failed"]'), 'the CSV link keeps the filter');

    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('.admin-who button[type=submit]')]);
    t.ok((await page.textContent('main')).includes('您已退出登录'), 'logout: back at the login form');
    await page.goto(srv.url('/admin/'), { waitUntil: 'load' });
    t.ok(page.url().startsWith(srv.url('/admin/login')), 'after logout /admin/ needs a login again', page.url());
    await ctx.close();
  });

  await t.section('accounts: a form with errors, then a new account (platform administrator)', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await ctx.addInitScript({ path: AXE });
    const page = await ctx.newPage();
    const w = watch(page);
    await login(page, srv, 'platform', PASSWORD);
    await page.goto(srv.url('/admin/users'), { waitUntil: 'load' });
    t.ok((await page.textContent('table.admin-table')).includes('editor'), 'the accounts list shows the demo accounts');
    await axeClean(page, 'users');
    await page.goto(srv.url('/admin/users/new'), { waitUntil: 'load' });
    await axeClean(page, 'user-new');
    await page.fill('#f-login', 'wang wu');
    await page.fill('#f-password', 'short');
    await page.fill('#f-password2', 'short');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form.admin-form button[type=submit]')]);
    t.ok(await page.isVisible('.error-summary'), 'errors: a summary at the top');
    t.ok((await page.textContent('#f-login ~ .field-error')).includes('登录名只能含'), 'the login error beside its field');
    t.ok((await page.textContent('#f-password ~ .field-error')).includes('密码太短'), 'the password error beside its field');
    t.eq(await page.inputValue('#f-login'), 'wang wu', 'what was typed is kept');
    t.eq(await page.inputValue('#f-password'), '', 'the password is not');
    await axeClean(page, 'user-new with errors');
    w.clear(); // chromium logs the 422 of the form with errors as a console error
    await page.fill('#f-login', 'wangwu');
    await page.check('input[name=role][value=editor]');
    await page.fill('#f-password', 'Str0ng-pass!');
    await page.fill('#f-password2', 'Str0ng-pass!');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form.admin-form button[type=submit]')]);
    t.eq(new URL(page.url()).pathname + new URL(page.url()).search, '/admin/users?done=created', 'created: back at the list');
    t.ok((await page.textContent('table.admin-table')).includes('wangwu'), 'the new account is listed');
    clean(w, 'accounts');
    await ctx.close();
  });

  await t.section('phone width: nothing scrolls sideways', async () => {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    for (const p of ['/admin/login']) {
      await page.goto(srv.url(p), { waitUntil: 'load' });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
      t.ok(!wide, `${p} at 390 px: no sideways scrolling`);
    }
    await login(page, srv, 'auditor', PASSWORD);
    await page.goto(srv.url('/admin/'), { waitUntil: 'load' });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    t.ok(!wide, '/admin/ at 390 px: no sideways scrolling');
    await ctx.close();
  });
});
