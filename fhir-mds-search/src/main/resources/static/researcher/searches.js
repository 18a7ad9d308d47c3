// The researcher's decentralized searches at the broker: each site's state and opened answers.
(() => {
  const { byId, text, fhir, status, t } = ccp;
  const REFRESH_MS = 5000;
  let shown = null;
  const opened = new Map(); // site Task id + version → what its sealed answer says
  const input = (task, code) => (task.input || []).find(i =>
    (i.type.coding || []).some(c => c.code === code));

  async function load() {
    try {
      const bundle = await fhir('Task');
      const requests = (bundle.entry || []).map(e => e.resource);
      const articles = [];
      for (const request of requests) articles.push(await render(request));
      // replaced only when something changed: keeps the keyboard focus and a quiet status line
      const seen = articles.map(a => a.textContent).join('|');
      if (seen === shown) return;
      shown = seen;
      byId('searches').replaceChildren(...articles);
      status(t('searches.count', { n: requests.length, time: ccpI18n.time(new Date()) }));
    } catch (e) {
      status(e.message, true);
    }
  }

  async function render(request) {
    const article = document.createElement('article');
    article.id = 'search-' + request.id;
    article.className = 'search';
    article.setAttribute('aria-labelledby', 'title-' + request.id);
    const title = text('h2', t('searches.title', { id: request.id, status: ccpI18n.code('taskStatus', request.status) }));
    title.id = 'title-' + request.id;
    article.appendChild(title);
    const facts = document.createElement('dl');
    const criteria = input(request, 'criteria'), prose = input(request, 'prose');
    const expression = criteria && (criteria.valueExpression ? criteria.valueExpression.expression
      : criteria.valueString);
    [['search.criteria', expression && criteriaWords.describe(expression)],
     ['search.criteriaFhir', expression],
     ['search.description', prose && prose.valueString],
     ['search.validUntil', request.restriction && ccpI18n.date(request.restriction.period.end)]]
      .forEach(([k, v]) => {
        if (v) facts.append(text('dt', t(k)), text('dd', v));
    });
    article.appendChild(facts);
    const sites = await fhir('Task?part-of=Task/' + request.id);
    const table = document.createElement('table');
    table.appendChild(text('caption', t('searches.answers')));
    const head = document.createElement('tr');
    ['searches.site', 'approval.status', 'approval.released', 'searches.message'].forEach(h => {
      const th = text('th', t(h));
      th.scope = 'col';
      head.appendChild(th);
    });
    table.appendChild(head);
    for (const entry of sites.entry || []) table.appendChild(await siteRow(entry.resource));
    article.appendChild(table);
    return article;
  }

  async function siteRow(task) {
    const site = task.owner.identifier.value;
    const row = document.createElement('tr');
    row.className = 'site-answer';
    row.dataset.site = site;
    const status = ccpI18n.code('taskStatus', task.status);
    const state = task.businessStatus
      ? status + ' (' + ccpI18n.code('businessStatus', task.businessStatus.coding[0].code) + ')' : status;
    // a rejection's reason is sealed like a count (statusReason.text is then only "sealed");
    // reasons the broker writes itself (expiry) are plain
    let count = '', message = (task.statusReason && task.statusReason.text) || '';
    const output = (task.output || []).find(o => o.valueAttachment);
    if (output) {
      const answer = await open(task.id + '/' + task.meta.versionId, output.valueAttachment.data);
      count = task.status === 'rejected' && !answer.failed ? '' : answer.count;
      message = answer.message;
    }
    const cells = [site, state, count, message].map(v => text('td', v));
    cells[1].className = 'site-status';
    cells[2].className = 'site-count';
    cells[3].className = 'site-message';
    row.append(...cells);
    return row;
  }

  async function open(key, data) {
    if (!opened.has(key)) {
      try {
        const result = await researcherKeys.open(data);
        const p = name => (result.payload.parameter || []).find(x => x.name === name);
        const count = p('count') ? ccpI18n.number(p('count').valueInteger)
          : p('count-below') ? '<' + p('count-below').valueInteger : t('searches.notReleased');
        const message = (p('message') ? p('message').valueString : '')
          + (p('reason') ? p('reason').valueString : '')
          + (result.signatureValid ? '' : ' ' + t('searches.signatureInvalid'))
          + ' — ' + t('searches.signedBy', { signer: result.signer });
        opened.set(key, { count, message });
      } catch (e) {
        opened.set(key, { count: t('searches.cannotOpen'), message: e.message, failed: true });
      }
    }
    return opened.get(key);
  }

  ccp.page(() => {
    load();
    setInterval(load, REFRESH_MS);
  });
  byId('refresh').addEventListener('click', () => { shown = null; load(); });

  // the key file: saved here, imported in another browser (issue 23 finding 2)
  byId('key-export').addEventListener('submit', async event => {
    event.preventDefault();
    const passphrase = byId('export-passphrase').value;
    if (passphrase !== byId('export-repeat').value) { status(t('keys.differ'), true); return; }
    try {
      status(t('keys.exporting'));
      const user = ccp.token().user;
      const file = await researcherKeys.exportKeys(user, passphrase);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([file], { type: 'application/json' }));
      link.download = 'ccp-researcher-key-' + user + '.json';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10000);
      byId('export-passphrase').value = '';
      byId('export-repeat').value = '';
      status(t('keys.exported', { file: link.download }));
    } catch (e) {
      status(e.message, true);
    }
  });
  byId('key-import').addEventListener('submit', async event => {
    event.preventDefault();
    try {
      status(t('keys.importing'));
      const file = await byId('key-file').files[0].text();
      const result = await researcherKeys.importKeys(ccp.token().user, file,
        byId('import-passphrase').value);
      byId('import-passphrase').value = '';
      // answers that could not be opened before are opened again
      opened.clear();
      shown = null;
      await load();
      status(t('keys.imported', { n: result.keys }));
    } catch (e) {
      status(e.message, true);
    }
  });
})();
