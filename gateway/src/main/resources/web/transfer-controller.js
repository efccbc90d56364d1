// The transfer form (§4.5): route, asset and amount as typed; the server's answer or error as it is.

import { ConnState } from './connection.js';
import { WALLET_LABELS, amount } from './format.js';
import { hide, showError, showText } from './views.js';

/** @param ui {transferForm, transferRoute, transferAsset, transferAmount, transferSubmit, transferResult, transferError} */
export function initTransfer(ui, conn, sync) {
  ui.transferForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    hide(ui.transferResult, ui.transferError);
    const [from, to] = ui.transferRoute.value.split(':');
    const asset = ui.transferAsset.value.trim().toUpperCase();
    const amt = ui.transferAmount.value.trim();
    ui.transferSubmit.disabled = true;
    try {
      const r = await conn.request('transfer', { asset, amount: amt, from, to });
      showText(ui.transferResult, `Moved ${amount(r.amount)} ${r.asset}: ${WALLET_LABELS[r.from] || r.from} → `
        + `${WALLET_LABELS[r.to] || r.to} (tranId ${r.tranId}, ${r.status}).`);
      ui.transferAmount.value = '';
      sync.requestRefresh('balances', 'status');
    } catch (e) {
      showError(ui.transferError, e);
      sync.onRequestError(e);
    } finally {
      ui.transferSubmit.disabled = conn.state !== ConnState.LIVE;
    }
  });
}
