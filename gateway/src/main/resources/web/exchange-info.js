// The parts of `exchangeInfo` the dashboard uses, read in exactly the documented shape (PROTOCOL.md §4,
// protocol.message.ExchangeInfo): `assets: [{asset, collateralRate}]`, `instruments: [{symbol, fs, stepSize, …}]`
// and `risk: {marginCall, reduceOnly, liquidation, …}` as decimal strings. A result of another shape is an error
// naming the field, not a guess.

/** A result that is not in the documented shape; `field` is its path. */
export class ShapeError extends Error {
  constructor(field, message) {
    super(`exchangeInfo.${field}: ${message}`);
    this.field = field;
    this.code = null;
  }
}

function decimal(value, field) {
  if (typeof value !== 'string' || !/^\d+(\.\d+)?$/.test(value)) throw new ShapeError(field, 'expected a decimal string');
  return Number(value);
}

/**
 * `{assets: ['USDT', …], symbols: [{symbol, fs, stepSize}, …], thresholds: {marginCall, reduceOnly, liquidation}}`
 * from an exchangeInfo result.
 */
export function readExchangeInfo(info) {
  if (!info || typeof info !== 'object') throw new ShapeError('', 'expected an object');
  if (!Array.isArray(info.assets)) throw new ShapeError('assets', 'expected an array');
  const assets = info.assets.map((a, i) => {
    if (!a || typeof a.asset !== 'string' || !a.asset) throw new ShapeError(`assets[${i}].asset`, 'expected a name');
    return a.asset;
  });
  if (!Array.isArray(info.instruments)) throw new ShapeError('instruments', 'expected an array');
  const symbols = info.instruments.map((x, i) => {
    if (!x || typeof x.symbol !== 'string' || !x.symbol) throw new ShapeError(`instruments[${i}].symbol`, 'expected a name');
    if (x.fs !== 'UM' && x.fs !== 'CM') throw new ShapeError(`instruments[${i}].fs`, 'expected UM or CM');
    decimal(x.stepSize, `instruments[${i}].stepSize`);
    return { symbol: x.symbol, fs: x.fs, stepSize: x.stepSize };
  });
  const risk = info.risk;
  if (!risk || typeof risk !== 'object') throw new ShapeError('risk', 'expected an object');
  const thresholds = {
    marginCall: decimal(risk.marginCall, 'risk.marginCall'),
    reduceOnly: decimal(risk.reduceOnly, 'risk.reduceOnly'),
    liquidation: decimal(risk.liquidation, 'risk.liquidation'),
  };
  return { assets, symbols, thresholds };
}
