// Count criteria (the count-search syntax: Type?params joined by AND / OR / NOT and brackets) in
// words, for researchers building a query and approvers deciding on one (issue 23 finding 1 and 7:
// "diagnosed 2015–2020, age 40–59 at diagnosis" instead of raw FHIR strings). Served by every app
// from the security jar at /ccp/criteria-words.js. Unknown parameters are shown as they are.
window.criteriaWords = (() => {
  const STAGE = { '21908-9': 'clinical', '21902-2': 'pathological' };
  const HISTOLOGY = '59847-4';
  const THERAPY = { OP: 'surgery', ST: 'radiotherapy', CH: 'chemotherapy', HO: 'hormone therapy',
    IM: 'immunotherapy', KM: 'bone marrow transplant', WS: 'wait and see', AS: 'active surveillance',
    ZS: 'targeted therapy', SO: 'other therapy' };

  // ge/gt/le/lt/eq values of one parameter as [from, to] (inclusive, null = open)
  function bounds(values, step) {
    let from = null, to = null;
    for (const v of values) {
      const m = /^(eq|ge|gt|le|lt)?(.+)$/.exec(v);
      const prefix = m[1] || 'eq', raw = m[2];
      const n = step ? Number(raw) : raw;
      if (prefix === 'eq') { from = n; to = n; }
      if (prefix === 'ge') from = n;
      if (prefix === 'gt') from = step ? n + 1 : 'after ' + n;
      if (prefix === 'le') to = n;
      if (prefix === 'lt') to = step ? n - 1 : 'before ' + n;
    }
    return [from, to];
  }

  function period([from, to]) {
    const f = String(from ?? ''), t = String(to ?? '');
    if (from == null && to == null) return '';
    if (from == null) return t.startsWith('before') ? t : 'until ' + t;
    if (to == null) return f.startsWith('after') ? f : 'from ' + f + ' on';
    return f === t ? 'in ' + f : f + '–' + t;
  }

  function ages([from, to]) {
    if (from == null) return 'age under ' + (to + 1);
    if (to == null) return 'age ' + from + ' or older';
    return from === to ? 'age ' + from : 'age ' + from + '–' + to;
  }

  const codes = v => v.split(',').map(c => c.slice(c.lastIndexOf('|') + 1));

  // one Type?params expression
  function search(expression) {
    const [type, query] = expression.split('?');
    const params = {};
    (query || '').split('&').filter(Boolean).forEach(pair => {
      const eq = pair.indexOf('=');
      const name = decodeURIComponent(pair.slice(0, eq)), value = decodeURIComponent(pair.slice(eq + 1));
      (params[name] = params[name] || []).push(value);
    });
    const words = [];
    const take = name => { const v = params[name]; delete params[name]; return v; };
    if (type === 'Condition') {
      const below = take('code:below'), exact = take('code'), onset = take('onset-date');
      const site = take('body-site:below') || take('body-site');
      if (below) words.push('diagnosis ICD-10-GM ' + codes(below.join(',')).join(' or ') + ' (with subcodes)');
      if (exact) words.push('diagnosis ICD-10-GM ' + codes(exact.join(',')).join(' or '));
      if (site) words.push('localisation ' + codes(site.join(',')).join(' or '));
      if (onset) words.push('diagnosed ' + period(bounds(onset, false)));
      if (!words.length && !Object.keys(params).length) words.push('any diagnosis');
    } else if (type === 'Patient') {
      const gender = take('gender'), age = take('age-at-diagnosis'), deceased = take('deceased');
      const site = take('site'), birth = take('birthdate');
      if (gender) words.push(codes(gender.join(',')).map(g => ({ female: 'women', male: 'men' })[g] || 'sex ' + g).join(' or '));
      if (age) words.push(ages(bounds(age, true)) + ' at diagnosis');
      if (deceased) words.push(deceased.join() === 'true' ? 'deceased' : 'not deceased (alive or unknown)');
      if (birth) words.push('born ' + period(bounds(birth, false)));
      if (site) words.push('at site ' + site.join(' or '));
      if (!words.length && !Object.keys(params).length) words.push('all patients');
    } else if (type === 'Specimen') {
      const sampleType = take('type'), collected = take('collected');
      words.push(sampleType ? 'sample of type ' + codes(sampleType.join(',')).join(' or ') : 'any sample');
      if (collected) words.push('collected ' + period(bounds(collected, false)));
    } else if (type === 'Observation') {
      const code = (take('code') || []).join(','), value = take('value-concept');
      if (STAGE[code] && value) words.push('UICC stage ' + codes(value.join(',')).join(' or ') + ' (' + STAGE[code] + ')');
      else if (code === HISTOLOGY && value) words.push('morphology ICD-O-3 ' + codes(value.join(',')).join(' or '));
      else if (code === '75186-7' && value) words.push('vital status ' + codes(value.join(',')).join(' or '));
      else words.push('finding LOINC ' + code + (value ? ' = ' + codes(value.join(',')).join(' or ') : ''));
    } else if (type === 'Procedure' || type === 'MedicationStatement') {
      const category = take('category'), code = take('code:below') || take('code');
      if (category) words.push(codes(category.join(',')).map(c => THERAPY[c] || 'therapy ' + c).join(' or '));
      if (code) words.push('procedure OPS ' + codes(code.join(',')).join(' or '));
      if (!words.length) words.push('any ' + (type === 'Procedure' ? 'procedure' : 'systemic therapy'));
    } else {
      words.push(type);
    }
    Object.entries(params).forEach(([name, values]) => words.push(type + ' ' + name + ' = ' + values.join(', ')));
    return words.join(', ');
  }

  // tokens: '(', ')', 'AND', 'OR', 'NOT', expressions
  function tokens(criteria) {
    return criteria.replace(/\(/g, ' ( ').replace(/\)/g, ' ) ').split(/\s+/).filter(Boolean);
  }

  // the whole criteria: AND binds tighter than OR; both UICC stage expressions of one stage term
  // say the same stage twice, so an OR of equal wordings up to the kind is merged
  function describe(criteria) {
    if (!criteria) return '';
    const list = tokens(criteria);
    let i = 0;
    function or() {
      const parts = [and()];
      while (list[i] === 'OR') { i++; parts.push(and()); }
      const merged = mergeStages(parts);
      return merged.length > 1 ? '(' + merged.join(' or ') + ')' : merged[0];
    }
    function and() {
      const parts = [unary()];
      while (list[i] === 'AND') { i++; parts.push(unary()); }
      return parts.join(', ');
    }
    function unary() {
      if (list[i] === 'NOT') { i++; return 'not ' + unary(); }
      if (list[i] === '(') { i++; const inner = or(); i++; return inner; }
      return search(list[i++] || '');
    }
    const text = or();
    return text.startsWith('(') && text.endsWith(')') && i === list.length && !text.slice(1, -1).includes('(') ? text.slice(1, -1) : text;
  }

  function mergeStages(parts) {
    const stage = /^UICC stage (.+) \((clinical|pathological)\)$/;
    if (parts.length === 2 && parts.every(p => stage.test(p))) {
      const [a, b] = parts.map(p => stage.exec(p)[1]);
      if (a === b) return ['UICC stage ' + a + ' (clinical or pathological)'];
    }
    return parts;
  }

  return { describe, search };
})();
