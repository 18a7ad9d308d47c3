// Query builder, released counts with plots, and sending the query as a decentralized search.
(() => {
  const { byId, text, fhir, status, t } = ccp;
  const STRATIFIER = 'https://ccp-fhir.org/fhir/CodeSystem/count-stratifier';
  const COUNT_BELOW = 'https://ccp-fhir.org/fhir/StructureDefinition/count-below';
  const SITE_CONTACT = 'https://ccp-fhir.org/fhir/StructureDefinition/site-contact';
  const PARAMETER = 'https://ccp-fhir.org/fhir/CodeSystem/search-task-parameter';
  const groups = [];
  let serial = 0;

  // ---- the criteria: groups of terms
  function addGroup() {
    const n = ++serial;
    const group = { n, terms: [], combine: 'OR', exclude: false };
    groups.push(group);
    const box = document.createElement('fieldset');
    box.className = 'group';
    box.id = 'group-' + n;
    box.appendChild(text('legend', t('query.group', { n })));
    box.insertAdjacentHTML('beforeend',
      `<div class="row">
         <label>${t('query.combine')}
           <select id="combine-${n}"><option value="OR">${t('query.any')}</option>
             <option value="AND">${t('query.all')}</option></select></label>
         <label class="inline"><input type="checkbox" id="exclude-${n}">
           ${t('query.exclude')}</label>
         <button type="button" id="remove-${n}">${t('query.removeGroup')}</button>
       </div>
       <ul class="terms" id="terms-${n}" aria-label="${t('query.terms', { n })}"></ul>
       <label>${t('query.find', { n })}
         <input id="search-${n}" type="search" autocomplete="off" aria-controls="suggestions-${n}"></label>
       <ul class="suggestions" id="suggestions-${n}" aria-label="${t('query.matching')}" aria-live="polite"></ul>`);
    byId('groups').appendChild(box);
    byId('combine-' + n).addEventListener('change', e => { group.combine = e.target.value; changed(); });
    byId('exclude-' + n).addEventListener('change', e => { group.exclude = e.target.checked; changed(); });
    byId('remove-' + n).addEventListener('click', () => {
      groups.splice(groups.indexOf(group), 1);
      box.remove();
      changed();
    });
    let timer = null;
    byId('search-' + n).addEventListener('input', e => {
      clearTimeout(timer);
      timer = setTimeout(() => suggest(group, e.target.value), 250);
    });
    return group;
  }

  async function suggest(group, filter) {
    const list = byId('suggestions-' + group.n);
    if (!filter.trim()) { list.replaceChildren(); return; }
    try {
      const answer = await fhir('$search-terms?filter=' + encodeURIComponent(filter) + '&count=15');
      const terms = (answer.parameter || []).map(p => ({
        kind: ccp.one(p, 'kind'), code: ccp.one(p, 'code'), display: ccp.one(p, 'display'),
        criteria: ccp.one(p, 'criteria') }));
      // terms without a wording of the terminology in the page's language (the server words them
      // in English or both): time, age, typed codes, stages, vital status
      terms.filter(term => RANGES[term.kind] || WORDED.includes(term.kind)).forEach(term => {
        term.display = criteriaWords.describe(term.criteria);
      });
      list.replaceChildren(...terms.map(term => {
        const item = document.createElement('li');
        const add = text('button', '');
        add.type = 'button';
        add.className = 'suggestion';
        add.append(text('span', kind(term.kind)), ' ', term.display);
        add.firstChild.className = 'kind';
        add.addEventListener('click', () => {
          addTerm(group, term);
          list.replaceChildren();
          const search = byId('search-' + group.n);
          search.value = '';
          search.focus();
        });
        item.appendChild(add);
        return item;
      }));
      if (!terms.length) list.appendChild(text('li', t('query.noTerm', { filter })));
    } catch (e) {
      status(e.message, true);
    }
  }

  // terms with bounds the researcher sets: [parameter of the expression, type, unit of the inputs]
  const RANGES = {
    'diagnosis-date': ['Condition', 'onset-date', 'year'],
    'sample-date': ['Specimen', 'collected', 'year'],
    'age-at-diagnosis': ['Patient', 'age-at-diagnosis', 'age']
  };
  let termSerial = 0;
  const WORDED = ['diagnosis', 'morphology', 'stage', 'vital-status'];
  // a term's kind (diagnosis, sample-type, …) in the page's language
  const kind = k => ccpI18n.code('termKind', k);
  // a stratum's label: sex codes in words, age bins and site names as they are
  const stratum = (code, label) => (code === 'sex' ? ccpI18n.code('sex', label) : label);

  function rangeOf(criteria, name) {
    const values = new URLSearchParams(criteria.slice(criteria.indexOf('?') + 1)).getAll(name);
    const pick = prefix => { const v = values.find(x => x.startsWith(prefix)); return v ? v.slice(2) : ''; };
    return [pick('ge'), pick('le')];
  }

  function rangeInputs(term, label, onChange) {
    const [type, name, unit] = RANGES[term.kind];
    const [from, to] = rangeOf(term.criteria, name);
    const id = 'range-' + (++termSerial);
    const box = document.createElement('span');
    box.className = 'range';
    const input = (which, value) => {
      const field = document.createElement('input');
      field.type = 'number';
      field.inputMode = 'numeric';
      field.id = id + '-' + which;
      field.min = unit === 'year' ? 1900 : 0;
      field.max = unit === 'year' ? 2100 : 150;
      field.value = value;
      field.className = unit === 'year' ? 'year' : 'age';
      const caption = text('label', t('query.' + which + '.' + unit));
      caption.htmlFor = field.id;
      caption.className = 'inline';
      field.addEventListener('input', () => {
        const low = byId(id + '-from').value, high = byId(id + '-to').value;
        const bounds = [low && name + '=ge' + low, high && name + '=le' + high].filter(Boolean);
        if (!bounds.length) return;
        term.criteria = type + '?' + bounds.join('&');
        term.display = criteriaWords.search(term.criteria);
        label.textContent = term.display;
        onChange();
      });
      return [caption, field];
    };
    box.append(...input('from', from), ...input('to', to));
    return box;
  }

  function addTerm(group, term) {
    group.terms.push(term);
    const item = document.createElement('li');
    item.className = 'term';
    const label = text('span', term.display);
    item.append(text('span', kind(term.kind)), ' ', label, ' ');
    item.firstChild.className = 'kind';
    if (RANGES[term.kind]) {
      term.display = criteriaWords.search(term.criteria);
      label.textContent = term.display;
      item.appendChild(rangeInputs(term, label, changed));
    }
    const remove = text('button', t('query.remove'));
    remove.type = 'button';
    remove.setAttribute('aria-label', t('query.removeTerm', { term: term.display }));
    remove.addEventListener('click', () => {
      group.terms.splice(group.terms.indexOf(term), 1);
      item.remove();
      changed();
    });
    item.appendChild(remove);
    byId('terms-' + group.n).appendChild(item);
    status(t('query.added', { term: term.display, n: group.n }));
    changed();
  }

  // the chosen criteria in words and as FHIR, side by side, whenever they change
  function changed() {
    const expression = criteria();
    byId('chosen').hidden = !expression;
    byId('criteria-words').textContent = expression ? criteriaWords.describe(expression) : '';
    byId('criteria-fhir').textContent = expression;
  }

  function criteria() {
    const parts = groups.filter(g => g.terms.length).map(g => {
      const inner = g.terms.map(t => t.criteria).join(' ' + g.combine + ' ');
      const grouped = g.terms.length > 1 ? '(' + inner + ')' : inner;
      return g.exclude ? 'NOT ' + (g.terms.length > 1 ? grouped : '(' + inner + ')') : grouped;
    });
    // a query of exclusions only: all patients but those
    if (parts.length && parts.every(p => p.startsWith('NOT '))) parts.unshift('Patient');
    return parts.join(' AND ');
  }

  // ---- counting
  async function run() {
    const expression = criteria();
    if (!expression) { status(t('query.empty'), true); return; }
    const body = { resourceType: 'Parameters',
      parameter: [{ name: 'criteria', valueString: expression }] };
    showFhir(expression, body);
    status(t('query.counting'));
    try {
      const report = await fhir('Measure/$evaluate-measure', body);
      show(report);
      status(t('query.releasedFor', { criteria: criteriaWords.describe(expression) }));
    } catch (e) {
      byId('results').hidden = true;
      status(e.message, true);
    }
  }

  // a released count: { value } or { below } (the floor) when under it
  function released(element, extensions) {
    const below = (extensions || []).find(x => x.url === COUNT_BELOW);
    if (!below) return { value: element ?? 0, below: null };
    return { value: null, below: below.valueUnsignedInt ?? below.valuePositiveInt ?? below.valueInteger };
  }
  const shown = c => c.below ? '<' + c.below : ccpI18n.number(c.value);
  const population = p => released(p.count, p._count && p._count.extension);

  function show(report) {
    const groupOf = code => (report.group || []).find(g =>
      (g.code.coding || []).some(c => c.code === code));
    const patients = groupOf('patients'), specimen = groupOf('specimen');
    const totals = byId('totals');
    totals.replaceChildren(text('dt', t('query.patients')), text('dd', shown(population(patients.population[0]))),
      text('dt', t('query.samples')), text('dd', shown(population(specimen.population[0]))));
    totals.children[1].id = 'total-patients';
    totals.children[3].id = 'total-samples';
    const contained = Object.fromEntries((report.contained || []).map(r => ['#' + r.id, r]));
    const strata = code => {
      const s = (patients.stratifier || []).find(x => (x.code || []).some(c =>
        (c.coding || []).some(k => k.system === STRATIFIER && k.code === code)));
      return s ? s.stratum || [] : [];
    };
    const bars = (code, note) => strata(code).map(s => Object.assign(
      { label: stratum(code, s.value.text), note: note ? note(s.value) : undefined },
      population(s.population[0])));
    const age = bars('age-at-diagnosis').sort((a, b) => a.label.localeCompare(b.label));
    const sex = bars('sex');
    const site = bars('site', value => contact(value, contained));
    byId('plots').replaceChildren(
      researcherPlots.chart('plot-age', t('query.plotAge'), age),
      researcherPlots.chart('plot-sex', t('approval.sex'), sex),
      researcherPlots.chart('plot-site', t('query.plotSite'), site));
    byId('results').hidden = false;
  }

  // the site's name and public contact, from the Organization the stratum references
  function contact(value, contained) {
    const reference = (value.extension || []).find(x => x.url === SITE_CONTACT);
    const site = reference && contained[reference.valueReference.reference];
    if (!site) return '';
    return [site.name].concat((site.telecom || []).map(t => t.value)).join(', ');
  }

  function showFhir(expression, body) {
    const get = 'GET fhir/' + expression.split(' ')[0] + '&_summary=count';
    byId('fhir-query').textContent = 'POST fhir/Measure/$evaluate-measure\n'
      + 'Content-Type: application/fhir+json\n\n' + JSON.stringify(body, null, 2)
      + (expression.includes(' ') ? '' : '\n\n' + get.replace('?&', '?'));
    byId('fhir').hidden = false;
    byId('send').hidden = false;
  }

  // ---- decentralized search: a Task at the broker
  async function send(event) {
    event.preventDefault();
    const expression = criteria();
    if (!expression) { status(t('query.empty'), true); return; }
    const type = code => ({ coding: [{ system: PARAMETER, code }] });
    try {
      status(t('query.preparingKey'));
      const certificate = await researcherKeys.certificate(ccp.token().user);
      const end = new Date(byId('valid-until').value + 'T23:59:59Z').toISOString();
      const task = { resourceType: 'Task', status: 'requested', intent: 'order',
        restriction: { period: { end } },
        input: [
          { type: type('criteria'), valueExpression: { language: 'application/x-fhir-query',
            expression } },
          { type: type('prose'), valueString: byId('prose').value },
          ...[['requester-name', 'requester-name'], ['requester-institution', 'requester-institution'],
            ['project', 'project']]
            .filter(([, id]) => byId(id).value.trim())
            .map(([code, id]) => ({ type: type(code), valueString: byId(id).value.trim() })),
          { type: type('requester-certificate'), valueAttachment: {
            contentType: 'application/pkix-cert', data: certificate } }] };
      const stored = await fhir('Task', task);
      status(t('query.stored', { id: stored.id }));
      const link = text('a', t('query.follow', { id: stored.id }));
      link.href = 'searches.html#' + stored.id;
      link.id = 'follow-link';
      byId('send-form').appendChild(link);
    } catch (e) {
      status(e.message, true);
    }
  }

  ccp.page(() => {
    if (!groups.length) addGroup();
    const until = new Date(Date.now() + 30 * 86400000);
    byId('valid-until').value = until.toISOString().slice(0, 10);
  });
  byId('add-group').addEventListener('click', () => byId('search-' + addGroup().n).focus());
  byId('run').addEventListener('click', run);
  byId('send-form').addEventListener('submit', send);
  byId('copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(byId('fhir-query').textContent);
      status(t('query.copied'));
    } catch (e) {
      status(t('query.copyRefused'), true);
    }
  });
})();
