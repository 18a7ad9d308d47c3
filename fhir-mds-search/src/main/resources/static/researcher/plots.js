// Bar charts as inline SVG, each with a table of the same numbers (screen readers, copying).
// A count below the disclosure floor is not a bar: it is drawn as a range from 0 to floor - 1 (a
// thin hatched band with a whisker and open end caps) and labelled "<10 (0–9)", so that it never
// looks like the solid bar of a released 10 (issue 23 finding 7); the true value is not known here
// and is never shown as 0 or as a number.
window.researcherPlots = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = (tag, attrs, text) => {
    const e = document.createElementNS(NS, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const t = (key, params) => ccpI18n.t(key, params);
  const label = bar => bar.below ? '<' + bar.below : ccpI18n.number(bar.value);
  const range = bar => '<' + bar.below + ' (0–' + (bar.below - 1) + ')';

  // bars: [{ label, value, below, note }], value null when below the floor
  function chart(id, title, bars) {
    const figure = document.createElement('figure');
    figure.className = 'plot';
    figure.id = id;
    const caption = document.createElement('figcaption');
    caption.id = id + '-title';
    caption.textContent = title;
    figure.appendChild(caption);
    const width = 520, row = 26, left = 170, right = 90;
    const height = Math.max(1, bars.length) * row + 10;
    const max = Math.max(1, ...bars.map(b => b.below || b.value || 0));
    const scale = v => (width - left - right) * v / max;
    const plot = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
      preserveAspectRatio: 'xMinYMin meet',
      'aria-labelledby': id + '-title' });
    const defs = svg('defs');
    const pattern = svg('pattern', { id: id + '-hatch', width: 6, height: 6,
      patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' });
    pattern.appendChild(svg('rect', { width: 6, height: 6, fill: '#dbe6f3' }));
    pattern.appendChild(svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#0f3d6e', 'stroke-width': 2 }));
    defs.appendChild(pattern);
    plot.appendChild(defs);
    bars.forEach((bar, i) => {
      const y = 5 + i * row;
      plot.appendChild(svg('text', { x: left - 6, y: y + 16, 'text-anchor': 'end',
        'font-size': 13 }, bar.label));
      if (bar.below) {
        // the range 0 … floor-1: a low hatched band, a whisker and end caps, no solid bar
        const end = left + scale(bar.below - 1);
        const group = svg('g', { class: 'below' });
        group.appendChild(svg('rect', { x: left, y: y + 8, height: row - 18,
          width: Math.max(2, end - left), fill: `url(#${id}-hatch)` }));
        group.appendChild(svg('line', { x1: left, y1: y + 12, x2: end, y2: y + 12,
          stroke: '#0f3d6e', 'stroke-width': 1.5, 'stroke-dasharray': '4 3' }));
        group.appendChild(svg('line', { x1: left, y1: y + 4, x2: left, y2: y + 20,
          stroke: '#0f3d6e', 'stroke-width': 1.5 }));
        group.appendChild(svg('line', { x1: end, y1: y + 4, x2: end, y2: y + 20,
          stroke: '#0f3d6e', 'stroke-width': 1.5 }));
        group.appendChild(svg('title', {}, bar.label + ': '
          + t('plots.below', { floor: bar.below, max: bar.below - 1 })));
        plot.appendChild(group);
        plot.appendChild(svg('text', { x: end + 6, y: y + 16, 'font-size': 13,
          'font-style': 'italic' }, range(bar)));
        return;
      }
      const rect = svg('rect', { x: left, y: y + 3, height: row - 8,
        width: Math.max(2, scale(bar.value || 0)), fill: '#1a5fb4', class: 'bar' });
      rect.appendChild(svg('title', {}, bar.label + ': ' + label(bar)));
      plot.appendChild(rect);
      plot.appendChild(svg('text', { x: left + scale(bar.value || 0) + 6,
        y: y + 16, 'font-size': 13 }, label(bar)));
    });
    figure.appendChild(plot);
    const floor = (bars.find(b => b.below) || {}).below;
    if (floor) {
      const legend = document.createElement('p');
      legend.className = 'plot-legend';
      legend.textContent = t('plots.legend', { floor, max: floor - 1 });
      figure.appendChild(legend);
    }
    figure.appendChild(table(title, bars));
    return figure;
  }

  function table(title, bars) {
    const data = document.createElement('table');
    data.className = 'plot-data';
    const head = document.createElement('tr');
    ['', t('plots.patients')].concat(bars.some(b => b.note) ? [t('plots.contact')] : []).forEach(h => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h || title;
      head.appendChild(th);
    });
    data.appendChild(head);
    bars.forEach(bar => {
      const tr = document.createElement('tr');
      [bar.label, label(bar)].concat(bars.some(b => b.note) ? [bar.note || ''] : []).forEach(v => {
        const td = document.createElement('td');
        td.textContent = v;
        tr.appendChild(td);
      });
      data.appendChild(tr);
    });
    return data;
  }

  return { chart };
})();
