// Count criteria (the count-search syntax: Type?params joined by AND / OR / NOT and brackets) in
// words, for researchers building a query and approvers deciding on one (issue 23 finding 1 and 7:
// "diagnosed 2015–2020, age 40–59 at diagnosis" instead of raw FHIR strings). Served by every app
// from the security jar at /ccp/criteria-words.js, in the page's language (ccp/i18n.js; codes of
// the terminology in its German or English wording). Unknown parameters are shown as they are.
window.criteriaWords = (() => {
  const t = (key, params) => ccpI18n.t(key, params);
  const STAGE = { '21908-9': 'clinical', '21902-2': 'pathological' };
  const HISTOLOGY = '59847-4';
  const VITAL_STATUS = '75186-7';
  // the stage wordings made in this page, to merge "clinical" and "pathological" of one stage
  const stages = new Map();

  // ge/gt/le/lt/eq values of one parameter as [from, to] (inclusive, null = open); for dates an
  // exclusive bound is kept as { after } / { before }
  function bounds(values, step) {
    let from = null, to = null;
    for (const v of values) {
      const m = /^(eq|ge|gt|le|lt)?(.+)$/.exec(v);
      const prefix = m[1] || 'eq', raw = m[2];
      const n = step ? Number(raw) : raw;
      if (prefix === 'eq') { from = n; to = n; }
      if (prefix === 'ge') from = n;
      if (prefix === 'gt') from = step ? n + 1 : { after: n };
      if (prefix === 'le') to = n;
      if (prefix === 'lt') to = step ? n - 1 : { before: n };
    }
    return [from, to];
  }

  const day = d => ccpI18n.date(d);
  function side(bound, inclusive, exclusive) {
    if (bound && typeof bound === 'object') {
      return bound.after !== undefined ? t('cw.after', { date: day(bound.after) })
        : t('cw.before', { date: day(bound.before) });
    }
    return t(inclusive, { date: day(bound) });
  }

  function period([from, to]) {
    if (from == null && to == null) return '';
    if (from == null) return side(to, 'cw.until');
    if (to == null) return side(from, 'cw.fromOn');
    if (typeof from === 'object' || typeof to === 'object') {
      return side(from, 'cw.fromOn') + ' ' + side(to, 'cw.until');
    }
    return from === to ? t('cw.in', { date: day(from) })
      : t('cw.range', { from: day(from), to: day(to) });
  }

  function ages([from, to]) {
    if (from == null) return t('cw.ageUnder', { n: to + 1 });
    if (to == null) return t('cw.ageOrOlder', { n: from });
    return from === to ? t('cw.age', { n: from }) : t('cw.ageRange', { from, to });
  }

  const codes = v => v.split(',').map(c => c.slice(c.lastIndexOf('|') + 1));
  // codes in words where the terminology has them (sample types, therapies, vital status, sex)
  const worded = (group, values) => codes(values.join(',')).map(c => ccpI18n.code(group, c));
  const or = list => list.join(t('cw.or'));

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
      if (below) words.push(t('cw.diagnosisBelow', { codes: or(codes(below.join(','))) }));
      if (exact) words.push(t('cw.diagnosis', { codes: or(codes(exact.join(','))) }));
      if (site) words.push(t('cw.localisation', { codes: or(codes(site.join(','))) }));
      if (onset) words.push(t('cw.diagnosed', { period: period(bounds(onset, false)) }));
      if (!words.length && !Object.keys(params).length) words.push(t('cw.anyDiagnosis'));
    } else if (type === 'Patient') {
      const gender = take('gender'), age = take('age-at-diagnosis'), deceased = take('deceased');
      const site = take('site'), birth = take('birthdate');
      if (gender) words.push(or(codes(gender.join(',')).map(g => ccpI18n.code('people', g) === g
        ? t('cw.sex', { sex: ccpI18n.code('sex', g) }) : ccpI18n.code('people', g))));
      if (age) words.push(t('cw.atDiagnosis', { age: ages(bounds(age, true)) }));
      if (deceased) words.push(t(deceased.join() === 'true' ? 'cw.deceased' : 'cw.notDeceased'));
      if (birth) words.push(t('cw.born', { period: period(bounds(birth, false)) }));
      if (site) words.push(t('cw.atSite', { site: or(site) }));
      if (!words.length && !Object.keys(params).length) words.push(t('cw.allPatients'));
    } else if (type === 'Specimen') {
      const sampleType = take('type'), collected = take('collected');
      const when = collected && period(bounds(collected, false));
      if (sampleType) {
        words.push(t('cw.sampleOfType', { types: or(worded('sampleType', sampleType)) }));
        if (collected) words.push(t('cw.collected', { period: when }));
      } else {
        words.push(collected ? t('cw.sampleCollected', { period: when }) : t('cw.anySample'));
      }
    } else if (type === 'Observation') {
      const code = (take('code') || []).join(','), value = take('value-concept');
      if (STAGE[code] && value) {
        const stage = or(codes(value.join(',')));
        const phrase = t('cw.stage', { stage, kind: t('cw.' + STAGE[code]) });
        stages.set(phrase, stage);
        words.push(phrase);
      } else if (code === HISTOLOGY && value) {
        words.push(t('cw.morphology', { codes: or(codes(value.join(','))) }));
      } else if (code === VITAL_STATUS && value) {
        words.push(t('cw.vitalStatus', { status: or(worded('vitalStatus', value)) }));
      } else {
        words.push(t('cw.finding', { code })
          + (value ? ' = ' + or(codes(value.join(','))) : ''));
      }
    } else if (type === 'Procedure' || type === 'MedicationStatement') {
      const category = take('category'), code = take('code:below') || take('code');
      if (category) words.push(or(codes(category.join(',')).map(c => ccpI18n.code('therapy', c) === c
        ? t('cw.therapy', { code: c }) : ccpI18n.code('therapy', c))));
      if (code) words.push(t('cw.procedure', { codes: or(codes(code.join(','))) }));
      if (!words.length) words.push(t(type === 'Procedure' ? 'cw.anyProcedure' : 'cw.anySystemic'));
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
      return merged.length > 1 ? '(' + merged.join(t('cw.or')) + ')' : merged[0];
    }
    function and() {
      const parts = [unary()];
      while (list[i] === 'AND') { i++; parts.push(unary()); }
      return parts.join(', ');
    }
    function unary() {
      if (list[i] === 'NOT') { i++; return t('cw.not', { what: unary() }); }
      if (list[i] === '(') { i++; const inner = or(); i++; return inner; }
      return search(list[i++] || '');
    }
    const text = or();
    return text.startsWith('(') && text.endsWith(')') && i === list.length && !text.slice(1, -1).includes('(') ? text.slice(1, -1) : text;
  }

  function mergeStages(parts) {
    if (parts.length === 2 && parts.every(p => stages.has(p))) {
      const [a, b] = parts.map(p => stages.get(p));
      if (a === b && parts[0] !== parts[1]) {
        return [t('cw.stage', { stage: a, kind: t('cw.clinicalOrPathological') })];
      }
    }
    return parts;
  }

  return { describe, search };
})();
