// Display formatting of the protocol's decimal strings (§2: amounts are plain decimal strings). Rounding is done
// on the digits, never through floating point, so what is shown is the server's value rounded half-up.

function parseDecimal(text) {
  if (text === null || text === undefined) return null;
  let s = String(text).trim();
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s[0] === '-';
    s = s.slice(1);
  }
  const match = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!match || (match[1] === '' && (match[2] === undefined || match[2] === ''))) return null;
  return { negative, int: match[1].replace(/^0+(?=\d)/, '') || '0', frac: match[2] || '' };
}

function incrementDigits(digits) {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] === '9') {
      out[i] = '0';
    } else {
      out[i] = String.fromCharCode(out[i].charCodeAt(0) + 1);
      return out.join('');
    }
  }
  return '1' + out.join('');
}

/**
 * Rounds a decimal string half-up to `maxDp` places, drops trailing zeros down to `minDp` places, groups thousands
 * with a thin separator when `group`, and prefixes `+` for positive values when `signed`. Returns '—' for null.
 */
export function formatDecimal(text, { maxDp = 8, minDp = 0, group = true, signed = false } = {}) {
  const d = parseDecimal(text);
  if (!d) return text === null || text === undefined ? '—' : String(text);
  const frac = d.frac.padEnd(maxDp + 1, '0');
  let digits = d.int + frac.slice(0, maxDp);
  if (frac.charCodeAt(maxDp) - 48 >= 5) digits = incrementDigits(digits);
  let intPart = digits.slice(0, digits.length - maxDp).replace(/^0+(?=\d)/, '') || '0';
  let fracPart = digits.slice(digits.length - maxDp);
  while (fracPart.length > minDp && fracPart.endsWith('0')) fracPart = fracPart.slice(0, -1);
  const zero = /^0*$/.test(intPart + fracPart);
  if (group) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const sign = zero ? '' : d.negative ? '−' : signed ? '+' : '';
  return sign + intPart + (fracPart ? '.' + fracPart : '');
}

/** A USD value: two decimals, grouped. */
export const usd = (text) => formatDecimal(text, { maxDp: 2, minDp: 2 });
/** An asset amount: up to 8 decimals, trailing zeros dropped. */
export const amount = (text) => formatDecimal(text, { maxDp: 8, minDp: 0 });
/** A price: at least two decimals, up to six. */
export const price = (text) => formatDecimal(text, { maxDp: 6, minDp: 2 });
/** uniMMR: four decimals; null means no maintenance margin in use. */
export const ratio = (text) => (text === null || text === undefined ? '—' : formatDecimal(text, { maxDp: 4, minDp: 4, group: false }));

/** An annualized volatility as a percentage with one decimal: "0.61234500" → "61.2 %"; '—' for null. */
export function percent(text) {
  const d = parseDecimal(text);
  if (!d) return '—';
  const frac = d.frac.padEnd(2, '0');
  const shifted = `${d.negative ? '-' : ''}${d.int}${frac.slice(0, 2)}.${frac.slice(2) || '0'}`;
  return `${formatDecimal(shifted, { maxDp: 1, minDp: 1 })} %`;
}

/**
 * What an option row of account.positions is (PROTOCOL.md §5.3a: optionSide, strikePrice, expiryDate):
 * `{kind: 'Call · 60,000', expiry: '2026-12-25'}` (the expiry's UTC date; it settles at 08:00 UTC); null for a
 * futures row.
 */
export function optionLabel(p) {
  if (!p || !p.optionSide) return null;
  const type = p.optionSide === 'CALL' ? 'Call' : 'Put';
  return { kind: `${type} · ${formatDecimal(p.strikePrice, { maxDp: 8 })}`,
    expiry: new Date(p.expiryDate).toISOString().slice(0, 10) };
}

/** The decimals a decimal string needs: its fraction digits without trailing zeros (0 for unparsable input). */
export function decimalsOf(text) {
  const d = parseDecimal(text);
  return d ? d.frac.replace(/0+$/, '').length : 0;
}

/**
 * The one rule of a table column: every value with the same number of decimals, as many as the most precise
 * value of the column needs, at least `minDp` and at most `maxDp` (rounded half-up beyond). Returns the formatter.
 */
export function columnFormat(values, { minDp = 0, maxDp = 8 } = {}) {
  const dp = Math.min(maxDp, Math.max(minDp, ...values.map(decimalsOf)));
  const format = (text, opts = {}) => formatDecimal(text, { maxDp: dp, minDp: dp, ...opts });
  format.decimals = dp;
  return format;
}

/** -1, 0 or 1 for a decimal string (0 for unparsable input). */
export function signOf(text) {
  const d = parseDecimal(text);
  if (!d || /^0*$/.test(d.int + d.frac)) return 0;
  return d.negative ? -1 : 1;
}

/** True when the string is a plain decimal the protocol accepts (no exponent, at most 8 decimals). */
export function isPlainDecimal(text) {
  return /^[+-]?(\d+(\.\d{0,8})?|\.\d{1,8})$/.test(String(text).trim());
}

/** Local clock time of an epoch-millisecond instant, HH:MM:SS. */
export function clock(ms) {
  const t = new Date(ms);
  return [t.getHours(), t.getMinutes(), t.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** Human labels of the wallets of §4.5. */
export const WALLET_LABELS = Object.freeze({
  SPOT: 'Spot',
  CROSS_MARGIN: 'Cross margin',
  UM: 'USD-M futures (UM)',
  CM: 'Coin-M futures (CM)',
});

/** Human labels of the account statuses of §5.4. */
export const STATUS_LABELS = Object.freeze({
  NORMAL: 'Normal',
  MARGIN_CALL: 'Margin call',
  REDUCE_ONLY: 'Reduce-only',
  FORCE_LIQUIDATION: 'Liquidation',
  BANKRUPTED: 'Bankrupted',
});
