// 互动交流 in Debian's chromium (demo data set), what a person does:
//   * axe-core finds no serious or critical violation on the section, a kind's list, a Q&A,
//     the search, 我要写信 and 在线查询 (the form also in 长者模式);
//   * with JavaScript off: write a message (answering the arithmetic question), get the
//     number and the query code once, look the message up with them on 在线查询; a wrong
//     answer brings the form back with the error beside the field and what was typed kept;
//     a wrong code says the same as an unknown number.
// Last line: "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { BROWSER_DIR, Suite, watch } from './lib/harness.mjs';

const t = new Suite('messages', { timeoutS: 200 });
const AXE = path.join(BROWSER_DIR, 'node_modules/axe-core/axe.min.js');

const DIGITS = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** "十二" → 12, "七" → 7. */
function cnNumber(s) {
  if (s === '十') return 10;
  const i = s.indexOf('十');
  if (i < 0) return DIGITS[s];
  const tens = i === 0 ? 1 : DIGITS[s[0]];
  return tens * 10 + (s.length > i + 1 ? DIGITS[s[i + 1]] : 0);
}
/** The answer of the form's question ("验证问题 *：五减二等于几？"). */
function solve(label) {
  const m = label.match(/：(.+?)([加减])(.+?)等于几/);
  if (!m) return null;
  const a = cnNumber(m[1]), b = cnNumber(m[3]);
  return m[2] === '加' ? a + b : a - b;
}

async function axe(page) {
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, count: v.nodes.length }));
  });
}

async function fillForm(page, { subject, answer }) {
  await page.selectOption('#f-kind', 'question');
  await page.selectOption('#f-agency', 'gn-mzj');
  await page.fill('#f-subject', subject);
  await page.fill('#f-body', '请问城乡居民医疗保险每年什么时候缴费？');
  await page.fill('#f-name', '测试人');
  await page.fill('#f-phone', '13800009999');
  await page.fill('#f-answer', String(answer));
  await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 15000 }),
    page.click('form.form button[type="submit"]')]);
}

t.main(async () => {
  if (!t.ok(fs.existsSync(AXE), 'axe-core is installed (tools/browser-setup.sh)', AXE)) return;
  const srv = await t.server();
  const browser = await t.browser();

  await t.section('axe-core on the 互动交流 pages', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await ctx.addInitScript({ path: AXE });
    const page = await ctx.newPage();
    const w = watch(page);
    const pages = ['/hdjl', '/hdjl/zx', '/hdjl/qa/LY2024-000001', '/hdjl/search?q=%E4%BD%8E%E4%BF%9D',
      '/hdjl/write', '/zxcx'];
    for (const p of pages) {
      w.clear();
      const r = await page.goto(srv.url(p), { waitUntil: 'load', timeout: 15000 });
      t.eq(r && r.status(), 200, `${p}: 200`);
      const bad = (await axe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
      t.ok(bad.length === 0, `${p}: axe finds no serious or critical violation`, bad);
      const problems = [...w.consoleErrors(), ...w.errors, ...w.failed, ...w.httpErrors];
      t.ok(problems.length === 0, `${p}: no console error, every resource loads`, problems);
    }
    await ctx.addCookies([{ name: 'gk_mode', value: 'elder', url: srv.base }]);
    await page.goto(srv.url('/hdjl/write'), { waitUntil: 'load', timeout: 15000 });
    const bad = (await axe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    t.ok(bad.length === 0, '/hdjl/write in 长者模式: no serious or critical violation', bad);
    await ctx.close();
  });

  await t.section('write, get the number and code, look it up (JavaScript off)', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.goto(srv.url('/hdjl/write'), { waitUntil: 'load', timeout: 15000 });
    const label = await page.textContent('label[for="f-answer"]');
    const answer = solve(label);
    t.ok(answer !== null, `the question can be read: ${label}`);

    // A wrong answer: the form comes back with the error beside the field, the subject kept.
    await fillForm(page, { subject: '医保缴费时间', answer: answer + 1 });
    t.ok((await page.textContent('#e-answer') || '').includes('答案不正确'), 'a wrong answer: the error beside the field');
    t.eq(await page.inputValue('#f-subject'), '医保缴费时间', 'what was typed is kept');
    t.ok(await page.isVisible('.form-errors a[href="#f-answer"]'), 'the summary links to the field');

    const answer2 = solve(await page.textContent('label[for="f-answer"]'));
    await fillForm(page, { subject: '医保缴费时间', answer: answer2 });
    t.ok(new URL(page.url()).pathname === '/hdjl/write/done', 'after submitting: the result page', page.url());
    const cells = await page.$$eval('.done td strong', (els) => els.map((e) => e.textContent));
    const [number, code] = cells;
    t.ok(/^LY\d{4}-\d{6}$/.test(number || ''), `a number: ${number}`);
    t.ok(/^[23456789ABCDEFGHJKMNPQRTUVWXYZ]{10}$/.test(code || ''), 'a query code of 10 characters');
    t.ok(!page.url().includes(code), 'the code is not in the address');
    await page.reload({ waitUntil: 'load' });
    t.ok(!(await page.content()).includes(code), 'shown once: not after a reload');

    await page.goto(srv.url('/zxcx'), { waitUntil: 'load', timeout: 15000 });
    await page.fill('#number', number);
    await page.fill('#code', code.toLowerCase());
    await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 15000 }), page.click('form.form button')]);
    const result = await page.textContent('main');
    t.ok(result.includes('已受理') && result.includes('医保缴费时间'), 'the lookup shows the status and the subject');
    t.ok(!result.includes('13800009999'), 'and not the phone number');

    await page.fill('#number', number);
    await page.fill('#code', 'AAAAAAAAAA');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 15000 }), page.click('form.form button')]);
    const wrong = await page.textContent('main');
    await page.fill('#number', 'LY2024-999999');
    await page.fill('#code', 'AAAAAAAAAA');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 15000 }), page.click('form.form button')]);
    const unknown = await page.textContent('main');
    t.ok(wrong.includes('编号或查询码不正确'), 'a wrong code: 编号或查询码不正确');
    t.eq(wrong.replace(number, 'N'), unknown.replace('LY2024-999999', 'N'), 'an unknown number: the same words');
    await ctx.close();
  });
});
