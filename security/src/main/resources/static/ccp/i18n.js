// German and English for every page of every app (issue 23 finding 8), served by every app from
// the security jar at /ccp/i18n.js with one dictionary per language (/ccp/i18n-en.js,
// /ccp/i18n-de.js, loaded before this file). The language is the one chosen with the switch in the
// header (kept in localStorage, so it holds for every page of every app of that origin), else the
// browser's first German or English preference (navigator.languages), else English.
//
// Static text: an element with data-i18n="key" gets the text of key; data-i18n-html="key" gets
// markup (the dictionaries are this project's own files, never user input); data-i18n-attr=
// "aria-label:key;title:key2" sets attributes. Scripts call ccpI18n.t('key', { name: value }) for
// "{name}" placeholders. A key missing from the chosen language falls back to English and is
// recorded in missing() (the browser suite checks that no page has one).
window.ccpI18n = (() => {
  const STORAGE = 'ccp-lang';
  const LANGUAGES = { de: 'Deutsch', en: 'English' };
  const dictionaries = window.ccpMessages || {};
  const absent = new Set();

  function choose() {
    let saved = null;
    try { saved = localStorage.getItem(STORAGE); } catch (e) { /* storage off: browser decides */ }
    if (saved && LANGUAGES[saved]) return saved;
    for (const tag of navigator.languages || [navigator.language || '']) {
      const base = String(tag).toLowerCase().split('-')[0];
      if (LANGUAGES[base]) return base;
    }
    return 'en';
  }

  const lang = choose();
  document.documentElement.lang = lang;

  function t(key, params) {
    let text = (dictionaries[lang] || {})[key];
    if (text === undefined) {
      absent.add(key);
      text = (dictionaries.en || {})[key];
    }
    if (text === undefined) return key;
    return text.replace(/\{(\w+)\}/g, (whole, name) =>
      params && params[name] !== undefined && params[name] !== null ? String(params[name]) : whole);
  }

  // a code's wording (group "sex", "taskStatus", …) where the dictionary has one, else the code:
  // codes are data, an unknown one is shown as it is
  function code(group, value) {
    if (value === undefined || value === null || value === '') return '';
    const key = group + '.' + value;
    const text = (dictionaries[lang] || {})[key] ?? (dictionaries.en || {})[key];
    return text === undefined ? String(value) : text;
  }

  function translate(root) {
    const scope = root || document;
    scope.querySelectorAll('[data-i18n]').forEach(e => { e.textContent = t(e.dataset.i18n); });
    scope.querySelectorAll('[data-i18n-html]').forEach(e => { e.innerHTML = t(e.dataset.i18nHtml); });
    scope.querySelectorAll('[data-i18n-attr]').forEach(e => e.dataset.i18nAttr.split(';')
      .map(pair => pair.split(':')).forEach(([attr, key]) => e.setAttribute(attr.trim(), t(key.trim()))));
  }

  // the visible switch: a button naming the other language in that language
  function switcher() {
    const other = lang === 'de' ? 'en' : 'de';
    const button = document.createElement('button');
    button.type = 'button';
    button.id = 'lang-switch';
    button.className = 'lang-switch';
    button.lang = other;
    button.textContent = LANGUAGES[other];
    button.title = other === 'de' ? 'Seite auf Deutsch' : 'Page in English';
    button.addEventListener('click', () => {
      try { localStorage.setItem(STORAGE, other); } catch (e) { /* the reload then keeps lang */ }
      location.reload();
    });
    return button;
  }

  // into the page's header, once (ccp.header() calls this again after filling the header)
  function placeSwitch() {
    const bar = document.querySelector('header.ccp');
    if (!bar || bar.querySelector('#lang-switch')) return;
    bar.appendChild(switcher());
  }

  const locale = () => (lang === 'de' ? 'de-DE' : 'en-GB');
  const valid = d => d instanceof Date && !isNaN(d);
  // an instant (ISO date-time) in the reader's time zone, in the page's language
  function dateTime(value) {
    if (!value) return '';
    const d = value instanceof Date ? value : new Date(value);
    return valid(d) ? d.toLocaleString(locale()) : String(value);
  }
  // a calendar date (YYYY, YYYY-MM or YYYY-MM-DD, or the date part of a date-time) as written
  function date(value) {
    if (!value) return '';
    const text = String(value);
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(text);
    if (!m) return text;
    if (!m[2]) return m[1];
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3] || 1)));
    const options = m[3] ? { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }
      : { year: 'numeric', month: '2-digit', timeZone: 'UTC' };
    return d.toLocaleDateString(locale(), options);
  }
  const time = value => (valid(value) ? value.toLocaleTimeString(locale()) : '');
  function number(value, digits) {
    if (value === undefined || value === null || value === '') return '';
    const n = Number(value);
    if (isNaN(n)) return String(value);
    return n.toLocaleString(locale(), digits === undefined ? {}
      : { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  translate(document);
  placeSwitch();
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => { translate(document); placeSwitch(); });
  }

  return { lang, t, code, translate, switcher, placeSwitch, dateTime, date, time, number,
    languages: () => Object.keys(LANGUAGES),
    keys: language => Object.keys(dictionaries[language] || {}),
    missing: () => Array.from(absent) };
})();
