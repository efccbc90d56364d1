import { formatDecimal } from './format.js';

// The risk-settings form (PROTOCOL.md §5.5): maps the settings object to text fields and back. Only the shape is
// checked here (ASSET=VALUE pairs, lists); values go to the server as typed, and the server's validation
// (-1130 naming the parameter, -2019 for a change that would liquidate) is what the user sees.

export const RISK_FIELDS = Object.freeze({
  riskMultiplier: 'risk-multiplier',
  volatilityFloors: 'risk-vol-floors',
  correlationOverrides: 'risk-correlations',
  excludedSymbols: 'risk-excluded',
  alertThresholds: 'risk-alerts',
});

/** A form value that does not have the expected shape; `field` is the settings key. */
export class FormError extends Error {
  constructor(field, message) {
    super(message);
    this.field = field;
    this.code = null;
  }
}

function splitList(text) {
  return text.split(/[,;\s]+/).map((s) => s.trim()).filter(Boolean);
}

function parsePairs(text, field, label, example) {
  const out = {};
  for (const entry of text.split(/[,;\n]+/).map((s) => s.trim()).filter(Boolean)) {
    const m = /^([^=:\s]+)\s*[=:]\s*(\S+)$/.exec(entry);
    if (!m) throw new FormError(field, `${label}: write "${entry}" as ${example}.`);
    out[m[1].toUpperCase()] = m[2];
  }
  return out;
}

// The server prints decimals with 8 places ("1.10000000"); the form shows them as a person would type them.
const plain = (v) => formatDecimal(v, { maxDp: 8, minDp: 0, group: false }).replace('−', '-');
const pairsText = (obj) => Object.entries(obj || {}).map(([k, v]) => `${k}=${plain(v)}`).join(', ');

/** Puts a riskSettings result into the form. */
export function fillRiskForm(form, settings) {
  const field = (key) => form.querySelector(`#${RISK_FIELDS[key]}`);
  field('riskMultiplier').value = settings.riskMultiplier == null ? '' : plain(settings.riskMultiplier);
  field('volatilityFloors').value = pairsText(settings.volatilityFloors);
  field('correlationOverrides').value = pairsText(settings.correlationOverrides);
  field('excludedSymbols').value = (settings.excludedSymbols || []).join(', ');
  field('alertThresholds').value = (settings.alertThresholds || []).map(plain).join(', ');
}

/** Reads the form into account.riskSettings.update params; throws FormError for a malformed field. */
export function readRiskForm(form) {
  const value = (key) => form.querySelector(`#${RISK_FIELDS[key]}`).value.trim();
  const params = {};
  const multiplier = value('riskMultiplier');
  if (multiplier !== '') params.riskMultiplier = multiplier;
  params.volatilityFloors = parsePairs(value('volatilityFloors'), 'volatilityFloors', 'Volatility floors',
    'ASSET=VALUE, e.g. BTC=0.25');
  params.correlationOverrides = parsePairs(value('correlationOverrides'), 'correlationOverrides',
    'Correlation overrides', 'A/B=VALUE, e.g. BTC/ETH=0.6');
  params.excludedSymbols = splitList(value('excludedSymbols')).map((s) => s.toUpperCase());
  params.alertThresholds = splitList(value('alertThresholds'));
  return params;
}

/** The settings key an error message names, if any (the server's -1130 names the parameter). */
export function fieldNamedIn(message) {
  if (!message) return null;
  return Object.keys(RISK_FIELDS).find((key) => message.includes(key)) || null;
}
