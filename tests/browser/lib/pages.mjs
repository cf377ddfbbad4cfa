// The portal's page types, with a real example of each from the demo data set. Item and
// agency addresses are found on the pages themselves (the first link of a list), so that the
// tests follow the demo data rather than hard-coding its identifiers.

/** GET PATH on SRV; returns {status, text}. */
export async function get(srv, path) {
  const r = await fetch(srv.url(path), { signal: AbortSignal.timeout(15000), redirect: 'manual' });
  return { status: r.status, text: await r.text(), headers: r.headers };
}

/** The first href on PATH's page that starts with PREFIX (HTML entities of & undone). */
export async function firstLink(srv, path, prefix) {
  const { text } = await get(srv, path);
  const esc = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = text.match(new RegExp(`<main[\\s\\S]*?href="(${esc}[^"#]*)"`));
  return m ? m[1].replace(/&amp;/g, '&') : null;
}

/** [{name, path, main}]: every page type of the portal. MAIN is a CSS selector of content
 * that must be in <main> (also with JavaScript off). Items: a current document (from
 * 文件法规) and a repealed one (信息公开目录, 有效性 = 废止). */
export async function pageTypes(srv) {
  const item = await firstLink(srv, '/column/gkml/wjfg', '/item/');
  const repealed = await firstLink(srv, '/gkml?validity=repealed', '/item/');
  const gzdtItem = await firstLink(srv, '/column/gzdt', '/item/');
  const agency = await firstLink(srv, '/agency', '/agency/');
  const pages = [
    { name: 'home', path: '/', main: 'main ul.items a[href^="/item/"]' },
    { name: 'zwgk', path: '/zwgk', main: 'main h1' },
    { name: 'column-parent', path: '/column/gkml', main: 'main a[href^="/column/gkml/"]' },
    { name: 'column-list', path: '/column/gkml/wjfg', main: 'main ul.items a[href^="/item/"]' },
    { name: 'column-gzdt-page2', path: '/column/gzdt?page=2', main: 'main ul.items a[href^="/item/"]' },
    { name: 'item', path: item, main: 'main h1' },
    { name: 'item-gzdt', path: gzdtItem, main: 'main h1' },
    { name: 'item-repealed', path: repealed, main: 'main .badge-repealed' },
    { name: 'gkml', path: '/gkml', main: 'main table a[href^="/item/"]' },
    { name: 'gkml-filtered', path: '/gkml?year=2018&validity=valid', main: 'main table a[href^="/item/"]' },
    { name: 'zfxxgk', path: '/zfxxgk', main: 'main h1' },
    { name: 'zfxxgk-zn', path: '/zfxxgk/zn', main: 'main h1' },
    { name: 'zfxxgk-fdzdgknr', path: '/zfxxgk/fdzdgknr', main: 'main h1' },
    { name: 'zfxxgk-nb', path: '/zfxxgk/nb', main: 'main a[href^="/zfxxgk/nb/"]' },
    { name: 'zfxxgk-nb-2018', path: '/zfxxgk/nb/2018', main: 'main table' },
    { name: 'zfxxgk-nb-2023', path: '/zfxxgk/nb/2023', main: 'main table' },
    { name: 'agencies', path: '/agency', main: 'main a[href^="/agency/"]' },
    { name: 'agency', path: agency, main: 'main h1' },
    { name: 'search', path: '/search?q=%E9%80%9A%E7%9F%A5', main: 'main a[href^="/item/"]' },
    { name: 'search-empty', path: '/search', main: 'main form input[name="q"]' },
    { name: 'wza', path: '/wza', main: 'main h1' },
    { name: 'wzdt', path: '/wzdt', main: 'main a' },
    { name: 'lxwm', path: '/lxwm', main: 'main h1' },
    { name: 'not-found', path: '/no-such-page', main: 'main h1', status: 404 },
  ];
  // A page whose example could not be found has path null: the tests report it as a failure.
  return pages;
}
