// Bar charts as inline SVG, each with a table of the same numbers (screen readers, copying).
// A count below the disclosure floor is drawn as a hatched bar up to the floor and labelled
// "<10": the true value is not known here and is never shown as 0 or as a number.
window.researcherPlots = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const svg = (tag, attrs, text) => {
    const e = document.createElementNS(NS, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const label = bar => bar.below ? '<' + bar.below : String(bar.value);

  // bars: [{ label, value, below, note }], value null when below the floor
  function chart(id, title, bars) {
    const figure = document.createElement('figure');
    figure.className = 'plot';
    figure.id = id;
    const caption = document.createElement('figcaption');
    caption.id = id + '-title';
    caption.textContent = title;
    figure.appendChild(caption);
    const width = 520, row = 26, left = 170, right = 60;
    const height = Math.max(1, bars.length) * row + 10;
    const max = Math.max(1, ...bars.map(b => b.below || b.value || 0));
    const scale = v => (width - left - right) * v / max;
    const plot = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
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
      const rect = svg('rect', { x: left, y: y + 3, height: row - 8,
        width: Math.max(2, scale(bar.below || bar.value || 0)),
        fill: bar.below ? `url(#${id}-hatch)` : '#1a5fb4', class: bar.below ? 'below' : 'bar' });
      rect.appendChild(svg('title', {}, bar.label + ': ' + label(bar)));
      plot.appendChild(rect);
      plot.appendChild(svg('text', { x: left + scale(bar.below || bar.value || 0) + 6,
        y: y + 16, 'font-size': 13 }, label(bar)));
    });
    figure.appendChild(plot);
    figure.appendChild(table(title, bars));
    return figure;
  }

  function table(title, bars) {
    const t = document.createElement('table');
    t.className = 'plot-data';
    const head = document.createElement('tr');
    ['', 'patients'].concat(bars.some(b => b.note) ? ['contact'] : []).forEach(h => {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h || title;
      head.appendChild(th);
    });
    t.appendChild(head);
    bars.forEach(bar => {
      const tr = document.createElement('tr');
      [bar.label, label(bar)].concat(bars.some(b => b.note) ? [bar.note || ''] : []).forEach(v => {
        const td = document.createElement('td');
        td.textContent = v;
        tr.appendChild(td);
      });
      t.appendChild(tr);
    });
    return t;
  }

  return { chart };
})();
