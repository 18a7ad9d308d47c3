// ccp-fhir page kit, served by every app at /ccp/ccp.js: log in at the app's own token endpoint,
// call its FHIR API with the token, and a few DOM helpers. Pages hold no data of their own.
window.ccp = (() => {
  // the page's language (ccp/i18n.js, loaded before this file)
  const t = (key, params) => window.ccpI18n.t(key, params);
  // sessionStorage: the login survives moving between the pages of one app (one origin) and
  // ends with the browser tab
  const KEY = 'ccp-token';
  const byId = id => document.getElementById(id);

  function text(tag, content) {
    const e = document.createElement(tag);
    e.textContent = content ?? '';
    return e;
  }

  function token() {
    const saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
    return saved && saved.until > Date.now() ? saved : null;
  }

  async function login(username, password) {
    const response = await fetch('oauth2/token', { method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username, password }) });
    if (!response.ok) throw new Error(t('common.loginFailed'));
    const body = await response.json();
    const until = Date.now() + 1000 * (body.expires_in || 300) - 5000;
    sessionStorage.setItem(KEY, JSON.stringify({ value: body.access_token, user: username, until }));
  }

  function logout() { sessionStorage.removeItem(KEY); location.reload(); }

  // "what and where" of an OperationOutcome, for the status line
  function outcome(json, status) {
    const issues = (json && json.issue) || [];
    if (!issues.length) return 'HTTP ' + status;
    return issues.map(i => (i.diagnostics || i.code)
      + (i.location && i.location.length ? ' (' + t('common.at', { where: i.location.join(', ') }) + ')' : '')
      + (i.expression && i.expression.length ? ' (' + t('common.at', { where: i.expression.join(', ') }) + ')' : ''))
      .join('; ');
  }

  // any JSON endpoint of the app (path relative to the app root, e.g. 'actuator/info') with the token
  async function api(path, body, method) {
    const saved = token();
    if (!saved) throw new Error(t('common.notLoggedIn'));
    // no-cache: a page shows what is stored now, also behind a caching proxy (the bridgehead
    // keeps no search results of its own since issue 16)
    const headers = { 'Accept': 'application/fhir+json, application/json',
      'Authorization': 'Bearer ' + saved.value, 'Cache-Control': 'no-cache' };
    if (body) headers['Content-Type'] = 'application/fhir+json';
    const response = await fetch(path, { method: method || (body ? 'POST' : 'GET'),
      headers, body: body ? JSON.stringify(body) : undefined });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(response.status === 403 && !(json.issue || []).length
        ? t('common.forbidden') : outcome(json, response.status));
      error.status = response.status;
      throw error;
    }
    return json;
  }

  const fhir = (path, body, method) => api('fhir/' + path, body, method);

  // who the app takes the logged-in user to be: { kind, id, site, roles } (from GET ccp/identity)
  async function identity() {
    const p = await api('ccp/identity');
    return { kind: one(p, 'kind'), id: one(p, 'id'), site: one(p, 'site'),
      roles: part(p, 'role').map(value) };
  }

  // Parameters helpers
  const part = (p, name) => ((p && (p.part || p.parameter)) || []).filter(x => x.name === name);
  const value = x => x && (x.valueString ?? x.valueCode ?? x.valueInteger ?? x.valueDecimal
    ?? x.valueBoolean ?? x.valueDateTime ?? x.valueDate ?? x.valueUri ?? x.valueId);
  const one = (p, name) => value(part(p, name)[0]);

  // a Parameters resource from [name, value-key, value] triples; empty values are left out
  function parameters(entries) {
    const parameter = entries.filter(([, , v]) => v !== undefined && v !== null && v !== '')
      .map(([name, key, v]) => ({ name, [key]: v }));
    return parameter.length ? { resourceType: 'Parameters', parameter } : { resourceType: 'Parameters' };
  }

  // an accessible table: caption, column headers, rows of cell texts (or nodes)
  function table(caption, headers, rows) {
    const data = document.createElement('table');
    data.appendChild(text('caption', caption));
    const head = document.createElement('tr');
    headers.forEach(h => { const th = text('th', h); th.scope = 'col'; head.appendChild(th); });
    data.appendChild(head);
    rows.forEach(cells => {
      const row = document.createElement('tr');
      cells.forEach(c => {
        const td = document.createElement('td');
        if (c instanceof Node) td.appendChild(c); else td.textContent = c ?? '';
        row.appendChild(td);
      });
      data.appendChild(row);
    });
    return data;
  }

  // whether the app serves terms of use (GET/POST ccp/terms): declared by the app's pages
  // (header's app.terms), so apps without them are not asked (they refuse the call, and every
  // refusal is audited)
  let offersTerms = false;

  // fills the page's <header class="ccp">: the app's name (link to its start page), the
  // navigation (the current page marked for screen readers) and the login line (#who);
  // app.terms: true where the app serves terms of use
  function header(app, links) {
    offersTerms = !!app.terms;
    const bar = document.querySelector('header.ccp');
    if (!bar) return;
    const home = text('a', app.name);
    home.href = app.href || 'index.html';
    home.className = 'app';
    const nav = document.createElement('nav');
    nav.setAttribute('aria-label', t('common.pages'));
    const here = location.pathname.split('/').pop() || 'index.html';
    (links || []).forEach(l => {
      const a = text('a', l.label);
      a.href = l.href;
      if (l.href === here) a.setAttribute('aria-current', 'page');
      nav.appendChild(a);
    });
    const who = document.createElement('span');
    who.id = 'who';
    who.className = 'who';
    bar.replaceChildren(home, nav, who);
    window.ccpI18n.placeSwitch();
  }

  function status(message, isError) {
    const line = byId('status');
    if (!line) return;
    line.textContent = message;
    line.classList.toggle('error', !!isError);
  }

  // The app's terms of use (GET ccp/terms), where it has any: until the user accepts the version
  // in force, the page shows them with the note that accesses are logged and nothing else (the
  // API refuses the user's calls until then). Terms switched off (ccp.terms.enabled=false) answer
  // required=false, an error answer shows nothing.
  async function terms() {
    if (!offersTerms) return;
    let answer;
    try { answer = await api('ccp/terms'); } catch (e) { return; }
    if (!one(answer, 'required') || one(answer, 'accepted')) return;
    await new Promise(resolve => {
      const box = document.createElement('section');
      box.id = 'terms';
      box.setAttribute('aria-labelledby', 'terms-title');
      const title = text('h2', t('terms.title', { version: one(answer, 'version') }));
      title.id = 'terms-title';
      const note = text('p', one(answer, 'note'));
      note.className = 'note';
      const accept = text('button', t('terms.accept'));
      accept.type = 'button';
      accept.id = 'accept-terms';
      accept.addEventListener('click', async () => {
        try {
          await api('ccp/terms', parameters([['version', 'valueString', one(answer, 'version')]]));
          box.remove();
          status(t('terms.accepted', { version: one(answer, 'version') }));
          resolve();
        } catch (e) {
          status(e.message, true);
        }
      });
      box.append(title, note, text('pre', one(answer, 'text')), accept);
      // after the page's main heading, so the headings stay in order (h1, then this h2)
      const heading = document.querySelector('main h1');
      if (heading) heading.after(box); else (document.querySelector('main') || document.body).prepend(box);
      accept.focus();
    });
  }

  // Wires the page's login form (#login with #username, #password) and calls ready() once a
  // valid token is there; elements with class "after-login" are shown then.
  // the one login form of every page: a page names the place with an empty <form id="login">
  const LOGIN_FORM = () =>
    '<div class="row">'
    + '<label>' + t('common.user') + ' <input id="username" name="username" autocomplete="username" required></label>'
    + '<label>' + t('common.password') + ' <input id="password" name="password" type="password"'
    + ' autocomplete="current-password" required></label>'
    + '<button type="submit">' + t('common.logIn') + '</button></div>';

  function page(ready) {
    const form = byId('login');
    if (form && !form.children.length) {
      form.innerHTML = LOGIN_FORM();
      form.setAttribute('aria-label', t('common.logIn'));
    }
    const show = async () => {
      if (form) form.hidden = true;
      const who = byId('who');
      if (who) {
        who.replaceChildren(text('span', t('common.loggedInAs', { user: token().user }) + ' '));
        const out = text('button', t('common.logOut'));
        out.type = 'button';
        out.addEventListener('click', logout);
        who.appendChild(out);
      }
      await terms();
      document.querySelectorAll('.after-login').forEach(e => { e.hidden = false; });
      ready();
    };
    if (token()) { show(); return; }
    if (!form) return;
    form.addEventListener('submit', async event => {
      event.preventDefault();
      try {
        await login(byId('username').value, byId('password').value);
        byId('password').value = '';
        status('');
        show();
      } catch (e) {
        status(e.message, true);
      }
    });
  }

  return { t, byId, text, token, login, logout, api, fhir, identity, outcome, part, value, one,
    parameters, table, header, status, page };
})();
