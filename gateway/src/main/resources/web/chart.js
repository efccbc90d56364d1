// A self-drawn SVG line chart of uniMMR over the last few minutes (the samples held: at least 1, at most 5), with
// the §5.4 band thresholds as dashed lines and the bands as tinted backgrounds. Points come from marginRatio events;
// null uniMMR breaks the line. The title names the span the axis shows.

import { DEFAULT_THRESHOLDS } from './gauge.js';

const NS = 'http://www.w3.org/2000/svg';
const PAD = { left: 56, right: 10, top: 10, bottom: 22 };
const thresholdText = (v) => (Number.isInteger(Math.round(v * 1e6) / 1e5) ? v.toFixed(1) : v.toFixed(2));

function el(name, attrs, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export class RatioChart {
  /**
   * @param {SVGSVGElement} svg
   * @param title an element whose text names the span shown ("uniMMR, last 3 min"), kept equal to the axis
   */
  constructor(svg, { windowMs = 5 * 60 * 1000, thresholds = DEFAULT_THRESHOLDS, maxPoints = 2400, title = null } = {}) {
    this.svg = svg;
    this.title = title;
    this.windowMs = windowMs;
    this.thresholds = thresholds;
    this.maxPoints = maxPoints;
    this.points = [];
    this.frame = 0;
    if (typeof ResizeObserver === 'function') new ResizeObserver(() => this.render()).observe(svg);
  }

  setThresholds(thresholds) {
    this.thresholds = thresholds;
    this.schedule();
  }

  /** Adds a sample: `t` epoch ms, `value` a number or null. */
  add(t, value) {
    const last = this.points[this.points.length - 1];
    if (last && t < last.t) return;
    this.points.push({ t, v: value });
    const cutoff = t - this.windowMs;
    while (this.points.length > this.maxPoints || (this.points.length > 1 && this.points[1].t < cutoff)) {
      this.points.shift();
    }
    this.schedule();
  }

  clear() {
    this.points = [];
    this.schedule();
  }

  schedule() {
    if (this.frame) return;
    const run = () => {
      this.frame = 0;
      this.render();
    };
    this.frame = typeof requestAnimationFrame === 'function' ? requestAnimationFrame(run) : setTimeout(run, 16);
  }

  render() {
    const svg = this.svg;
    const width = Math.max(200, Math.round(svg.clientWidth || 600));
    const height = Math.max(120, Math.round(svg.clientHeight || 200));
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.replaceChildren();
    const plotW = width - PAD.left - PAD.right;
    const plotH = height - PAD.top - PAD.bottom;
    const now = this.points.length ? Math.max(Date.now(), this.points[this.points.length - 1].t) : Date.now();
    // The x axis spans the samples held, at least a minute and at most the window.
    const span = this.points.length
      ? Math.min(this.windowMs, Math.max(60_000, now - this.points[0].t)) : this.windowMs;
    const t0 = now - span;
    // The last sample before the window still holds at its left edge.
    let first = 0;
    while (first + 1 < this.points.length && this.points[first + 1].t <= t0) first++;
    const visible = this.points.slice(first);
    const values = visible.filter((p) => p.v !== null).map((p) => p.v);
    const th = this.thresholds;
    const vmin = Math.min(...values);
    const vmax = Math.max(...values);
    let lo;
    let hi;
    if (values.length && vmin > th.marginCall * 1.5) {
      // Far above every band: zoom on the samples so that their movement shows.
      const spread = Math.max(vmax - vmin, vmax * 0.002);
      lo = vmin - spread * 0.15;
      hi = vmax + spread * 0.15;
    } else {
      lo = Math.min(th.liquidation - 0.1, ...values);
      hi = Math.max(th.marginCall + 0.2, ...values);
      const pad = (hi - lo) * 0.08;
      lo = Math.max(0, lo - pad);
      hi += pad;
    }
    const digits = hi - lo < 0.1 ? 4 : 2;
    const x = (t) => PAD.left + ((t - t0) / span) * plotW;
    const y = (v) => PAD.top + (1 - (v - lo) / (hi - lo)) * plotH;
    const clampY = (v) => Math.min(PAD.top + plotH, Math.max(PAD.top, y(v)));

    const bands = [
      ['liquidation', lo, th.liquidation],
      ['reduce-only', th.liquidation, th.reduceOnly],
      ['margin-call', th.reduceOnly, th.marginCall],
      ['normal', th.marginCall, hi],
    ];
    for (const [name, from, to] of bands) {
      const top = clampY(to);
      const bottom = clampY(from);
      if (bottom - top > 0.5) {
        svg.append(el('rect', { x: PAD.left, y: top, width: plotW, height: bottom - top, class: `chart-band band-${name}` }));
      }
    }
    let lastLabelY = Infinity;
    let bottomLabelY = -Infinity;
    for (const v of [th.liquidation, th.reduceOnly, th.marginCall]) {
      if (v > lo && v < hi) {
        svg.append(el('line', { x1: PAD.left, x2: PAD.left + plotW, y1: y(v), y2: y(v), class: 'chart-threshold' }));
        // Labels of thresholds squeezed together by a wide range would overlap: keep the lowest of a cluster.
        if (lastLabelY - y(v) >= 12) {
          svg.append(el('text', { x: PAD.left - 6, y: y(v), class: 'chart-label', 'text-anchor': 'end',
            'dominant-baseline': 'middle' }, thresholdText(v)));
          if (lastLabelY === Infinity) bottomLabelY = y(v);
          lastLabelY = y(v);
        }
      }
    }
    if (lastLabelY - PAD.top >= 16) {
      svg.append(el('text', { x: PAD.left - 6, y: PAD.top, class: 'chart-label', 'text-anchor': 'end',
        'dominant-baseline': 'hanging' }, hi.toFixed(digits)));
    }
    if (PAD.top + plotH - bottomLabelY >= 14) {
      svg.append(el('text', { x: PAD.left - 6, y: PAD.top + plotH, class: 'chart-label', 'text-anchor': 'end' },
        lo.toFixed(digits)));
    }
    svg.append(el('rect', { x: PAD.left, y: PAD.top, width: plotW, height: plotH, class: 'chart-frame' }));
    const minutes = Math.round(span / 60000);
    svg.append(el('text', { x: PAD.left, y: height - 6, class: 'chart-label', 'data-testid': 'chart-axis-start' },
      `${minutes} min ago`));
    svg.dataset.minutes = String(minutes);
    if (this.title) this.title.textContent = `uniMMR, last ${minutes} min`;
    svg.append(el('text', { x: PAD.left + plotW, y: height - 6, class: 'chart-label', 'text-anchor': 'end' }, 'now'));

    let segment = [];
    const flush = () => {
      if (segment.length === 1) {
        const [px, py] = segment[0];
        svg.append(el('circle', { cx: px, cy: py, r: 2.5, class: 'chart-dot' }));
      } else if (segment.length > 1) {
        svg.append(el('polyline', { points: segment.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' '),
          class: 'chart-line' }));
      }
      segment = [];
    };
    for (const p of visible) {
      if (p.v === null) {
        if (segment.length) segment.push([x(Math.max(t0, p.t)), segment[segment.length - 1][1]]);
        flush();
      } else {
        // Step-hold: a value stays until the next sample arrives (the stream is conflated).
        const px = x(Math.max(t0, p.t));
        if (segment.length) segment.push([px, segment[segment.length - 1][1]]);
        segment.push([px, y(p.v)]);
      }
    }
    if (segment.length) segment.push([x(now), segment[segment.length - 1][1]]);
    flush();
    if (!values.length) {
      svg.append(el('text', { x: PAD.left + plotW / 2, y: PAD.top + plotH / 2, class: 'chart-empty',
        'text-anchor': 'middle' }, 'waiting for uniMMR samples'));
    }
    svg.dataset.points = String(this.points.length);
  }
}
