// The Binance-client suite (issue 10): the official PM connector, ccxt and ccxt.pro against a real MarginStream
// gateway (started by BinanceClientsE2ETest on 127.0.0.1:0), each with only its URLs changed. Prints one line per
// step and PASSED at the end; exits non-zero on the first failure. Bounded by E2E_TIMEOUT_MS.
import { runCcxt } from './ccxt.mjs';
import { runOfficial } from './official.mjs';

const env = process.env;
for (const k of ['GATEWAY_URL', 'WS_URL', 'ADMIN_KEY', 'OFFICIAL_KEY', 'CCXT_KEY', 'BTC_PRICE']) {
  if (!env[k]) {
    console.error(`missing environment variable ${k}`);
    process.exit(2);
  }
}
process.env.NO_PROXY = '127.0.0.1,localhost';
const timeout = setTimeout(() => {
  console.error(`FAILED: the suite did not finish within ${env.E2E_TIMEOUT_MS} ms`);
  process.exit(1);
}, Number(env.E2E_TIMEOUT_MS || 240_000));

let passed = 0;
async function step(name, fn) {
  const t0 = Date.now();
  await fn();
  passed++;
  console.log(`ok ${passed} - ${name} (${Date.now() - t0} ms)`);
}

try {
  await runOfficial(env, step);
  await runCcxt(env, step);
  console.log(`PASSED: ${passed} steps`);
  clearTimeout(timeout);
  process.exit(0);
} catch (e) {
  console.error(`FAILED after ${passed} steps: ${e.stack || e}`);
  process.exit(1);
}
