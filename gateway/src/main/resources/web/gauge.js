// The uniMMR gauge: a half-circle SVG dial with the status bands of PROTOCOL.md §5.4 and a needle.
//   liquidation  uniMMR ≤ liquidation (1.0)
//   reduce-only  liquidation < uniMMR ≤ reduceOnly (1.2)
//   margin call  reduceOnly < uniMMR ≤ marginCall (1.5)
//   normal       uniMMR > marginCall
// Values above the dial's end pin the needle there; the exact value is shown as text beside the dial.

const NS = 'http://www.w3.org/2000/svg';
const CX = 110;
const CY = 116;
const R = 80;
const WIDTH = 18;

/** Default thresholds of §5.4, replaced by the server's when exchangeInfo carries them. */
export const DEFAULT_THRESHOLDS = Object.freeze({ liquidation: 1.0, reduceOnly: 1.2, marginCall: 1.5 });

/** The band a uniMMR value falls in; null (no margin in use) counts as normal. */
export function bandOf(value, t = DEFAULT_THRESHOLDS) {
  if (value === null || value === undefined || Number.isNaN(value)) return 'normal';
  if (value <= t.liquidation) return 'liquidation';
  if (value <= t.reduceOnly) return 'reduce-only';
  if (value <= t.marginCall) return 'margin-call';
  return 'normal';
}

function el(name, attrs) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

export class Gauge {
  /** @param {SVGSVGElement} svg an empty <svg> to draw into */
  constructor(svg, { max = 3, thresholds = DEFAULT_THRESHOLDS } = {}) {
    this.svg = svg;
    this.max = max;
    this.thresholds = thresholds;
    svg.setAttribute('viewBox', '0 0 220 128');
    this.#draw();
  }

  setThresholds(thresholds) {
    this.thresholds = thresholds;
    this.#draw();
    this.set(this.value);
  }

  #angle(v) {
    const clamped = Math.max(0, Math.min(this.max, v));
    return Math.PI * (1 - clamped / this.max);
  }

  #point(v, r) {
    const a = this.#angle(v);
    return [CX + r * Math.cos(a), CY - r * Math.sin(a)];
  }

  #arc(from, to, cls) {
    const [x0, y0] = this.#point(from, R);
    const [x1, y1] = this.#point(to, R);
    return el('path', {
      d: `M ${x0.toFixed(2)} ${y0.toFixed(2)} A ${R} ${R} 0 0 1 ${x1.toFixed(2)} ${y1.toFixed(2)}`,
      class: `gauge-band band-${cls}`,
      'stroke-width': WIDTH,
      fill: 'none',
    });
  }

  #draw() {
    const t = this.thresholds;
    this.svg.replaceChildren();
    this.svg.append(
      this.#arc(0, t.liquidation, 'liquidation'),
      this.#arc(t.liquidation, t.reduceOnly, 'reduce-only'),
      this.#arc(t.reduceOnly, t.marginCall, 'margin-call'),
      this.#arc(t.marginCall, this.max, 'normal'),
    );
    const ticks = [0, t.liquidation, t.reduceOnly, t.marginCall, 2, this.max];
    ticks.forEach((v, i) => {
      const [x0, y0] = this.#point(v, R - WIDTH / 2 - 2);
      const [x1, y1] = this.#point(v, R + WIDTH / 2 + 2);
      this.svg.append(el('line', { x1: x0, y1: y0, x2: x1, y2: y1, class: 'gauge-tick' }));
      // Labels alternate radius where thresholds sit close together (1.0 / 1.2 / 1.5).
      const [lx, ly] = this.#point(v, R + WIDTH / 2 + (i === 2 ? 18 : 8));
      const label = el('text', { x: lx, y: ly, class: 'gauge-label', 'text-anchor': 'middle',
        'dominant-baseline': 'middle' });
      label.textContent = i === ticks.length - 1 ? `${v}+`
        : i >= 1 && i <= 3 && Number.isInteger(Math.round(v * 1e6) / 1e5) ? v.toFixed(1) : String(v);
      this.svg.append(label);
    });
    this.needle = el('line', { x1: CX, y1: CY, x2: CX, y2: CY - R + 6, class: 'gauge-needle' });
    this.hub = el('circle', { cx: CX, cy: CY, r: 6, class: 'gauge-hub' });
    this.svg.append(this.needle, this.hub);
  }

  /** Points the needle at `value` (a number, or null when no margin is in use: needle hidden). */
  set(value) {
    this.value = value;
    const known = value !== null && value !== undefined && !Number.isNaN(value);
    this.needle.style.visibility = known ? 'visible' : 'hidden';
    if (known) {
      const [x, y] = this.#point(value, R - 4);
      this.needle.setAttribute('x2', x.toFixed(2));
      this.needle.setAttribute('y2', y.toFixed(2));
    }
    this.svg.dataset.band = bandOf(known ? value : null, this.thresholds);
  }
}
