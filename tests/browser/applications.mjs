// Disclosure on application end to end in Debian's chromium (issue 9), on the demo database:
// a person finds the online form from the 政府信息公开 column, applies and gets the 受理编号
// and the query code; the handler logs in and requests a correction (补正); the applicant sees
// it on the status page; the handler records the correction and replies; the status page
// shows the outcome; a wrong code reveals nothing.
// Last line: "N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { BROWSER_DIR, Suite, watch } from './lib/harness.mjs';

const AXE = path.join(BROWSER_DIR, 'node_modules/axe-core/axe.min.js');

/** axe-core's serious and critical violations on PAGE. */
async function axeSerious(page) {
  const v = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
    .violations.map((x) => ({ id: x.id, impact: x.impact, help: x.help })));
  return v.filter((x) => x.impact === 'serious' || x.impact === 'critical');
}

const t = new Suite('applications', { timeoutS: 200 });

t.main(async () => {
  const srv = await t.server();
  const browser = await t.browser();
  const pctx = await browser.newContext();
  const haveAxe = fs.existsSync(AXE);
  if (haveAxe) await pctx.addInitScript({ path: AXE });
  const person = await pctx.newPage();
  const staff = await (await browser.newContext()).newPage();
  const w = watch(person);
  let number = '';
  let code = '';

  await t.section('a person applies online and gets the codes', async () => {
    await person.goto(srv.url('/zfxxgk'), { waitUntil: 'load' });
    await person.click('a[href="/ysqgk"]');
    t.eq(new URL(person.url()).pathname, '/ysqgk', 'the column links the form');
    await person.selectOption('#f-agency', 'gongnong');
    await person.selectOption('#f-applicant_type', 'natural_person');
    await person.fill('#f-name', '刘测试');
    await person.fill('#f-id_no', '230403199003071231'); // a wrong check digit first
    await person.fill('#f-phone', '13900000000');
    await person.fill('#f-subject', '2026年本区供暖补贴发放情况');
    await Promise.all([person.waitForNavigation(), person.click('form.apply-form button[type=submit]')]);
    t.ok((await person.textContent('.error-summary') || '').includes('校验'), 'a wrong identity number is refused beside its field');
    t.eq(await person.inputValue('#f-subject'), '2026年本区供暖补贴发放情况', 'what was typed is kept');
    if (haveAxe) {
      const bad = await axeSerious(person);
      t.ok(bad.length === 0, 'the form with its errors: axe finds no serious or critical violation', bad);
    }
    await person.fill('#f-id_no', '23040319900307123X');
    await Promise.all([person.waitForNavigation(), person.click('form.apply-form button[type=submit]')]);
    number = (await person.textContent('#apply-number') || '').trim();
    code = (await person.textContent('#apply-code') || '').trim();
    t.ok(/^gongnong-\d{4}-\d{4}$/.test(number), `a 受理编号 (${number})`);
    t.ok(/^[2-9A-Z]{10}$/.test(code), 'a query code');
  });

  const status = async (num, c) => {
    await person.goto(srv.url('/ysqgk/cx'), { waitUntil: 'load' });
    await person.fill('#f-number', num);
    await person.fill('#f-code', c);
    await Promise.all([person.waitForNavigation(), person.click('form.apply-form button[type=submit]')]);
  };

  await t.section('the handler requests a correction; the applicant sees it', async () => {
    await staff.goto(srv.url('/admin/login'), { waitUntil: 'load' });
    await staff.fill('input[name=login]', 'handler');
    await staff.fill('input[name=password]', 'Gongkai-demo-2026');
    await Promise.all([staff.waitForNavigation(), staff.click('button[type=submit]')]);
    await staff.goto(srv.url(`/admin/applications/${number}`), { waitUntil: 'load' });
    t.ok((await staff.textContent('#app-applicant') || '').includes('23040319900307123X'), 'the handler sees the identity number');
    await staff.fill('#f-correction_requested-items', '请写明所需补贴的年度和发放对象。');
    await Promise.all([staff.waitForNavigation(), staff.click('#form-correction_requested button[type=submit]')]);
    t.eq(await staff.getAttribute('#app-status', 'data-status'), 'awaiting_correction', 'the page shows 待补正');
    await status(number, code);
    t.eq(await person.getAttribute('#status-label', 'data-status'), 'awaiting_correction', 'the status page shows 待补正');
    t.ok((await person.textContent('.apply-steps') || '').includes('请写明所需补贴的年度'), 'with what to correct');
  });

  // 表三 of the agency's report for the year of receipt, natural-person column, 予以公开 row (the API
  // gives what `gongkai report --output json` does).
  const disclosedCell = async () => {
    const year = number.split('-')[1];
    const r = await fetch(srv.url(`/api/v1/reports/${year}?agency=gongnong&scope=self`));
    const j = await r.json();
    const t3 = j.table3 || {};
    const col = (t3.columns || []).indexOf('natural_person');
    return col >= 0 && t3.rows && t3.rows.disclosed ? t3.rows.disclosed[col] : NaN;
  };
  let before = NaN;

  await t.section('the handler replies; the status page shows the outcome', async () => {
    before = await disclosedCell();
    t.ok(Number.isInteger(before), `the report's 予以公开 cell before the reply (${before})`);
    await staff.selectOption('#f-correction_answer-answer', 'received');
    await Promise.all([staff.waitForNavigation(), staff.click('#form-correction_answer button[type=submit]')]);
    await staff.selectOption('#f-replied-outcome', 'disclosed');
    await Promise.all([staff.waitForNavigation(), staff.click('#form-replied button[type=submit]')]);
    t.eq(await staff.getAttribute('#app-status', 'data-status'), 'closed', 'the page shows 已办结');
    await status(number, code);
    t.eq(await person.getAttribute('#status-label', 'data-status'), 'closed', 'the status page shows 已办结');
    t.ok((await person.textContent('#status-outcome') || '').includes('予以公开'), 'and the outcome');
    t.eq(await disclosedCell(), before + 1, "counted in 表三's 予以公开 row, natural-person column, of that year's report");
    if (haveAxe) {
      const bad = await axeSerious(person);
      t.ok(bad.length === 0, 'the status page: axe finds no serious or critical violation', bad);
    }
    await status(number, 'AAAAAAAAAA');
    t.eq(await person.$('#status-label'), null, 'a wrong code shows nothing of the application');
    t.ok(!(await person.content()).includes('23040319900307123X'), 'no identity number on the public pages');
  });
  // the refused form (422) and the wrong code (404) are answers the test asked for
  const errs = [...w.errors, ...w.consoleErrors().filter((m) => !/status of (422|404) .*\/ysqgk/.test(m))];
  t.ok(errs.length === 0, 'no console or page error', errs);
});
