// The "Aggregate balances" button (§4.4 autoCollection) and its "Uses left today", read from the server at logon
// (autoCollection.usage) and after every use.

import { ApiError, ConnState } from './connection.js';
import { WALLET_LABELS, amount } from './format.js';
import { h, hide, showError, showText } from './views.js';

/** Shows `{usedToday, limitPerDay}` as "Uses left today: 7 of 10". */
export function renderUses(el, { usedToday, limitPerDay }) {
  el.dataset.used = usedToday;
  el.dataset.limit = limitPerDay;
  el.textContent = `Uses left today: ${Math.max(0, limitPerDay - usedToday)} of ${limitPerDay}`;
}

/** @param ui {collect, collectUses, collectResult, collectMoved, collectError} */
export function initCollect(ui, conn, sync, feed) {
  ui.collect.addEventListener('click', async () => {
    hide(ui.collectResult, ui.collectError);
    ui.collect.disabled = true;
    try {
      const r = await conn.request('autoCollection');
      renderUses(ui.collectUses, r);
      const moved = r.collected || [];
      ui.collectMoved.replaceChildren(...moved.map((c) => h('li', { 'data-asset': c.asset, 'data-from': c.from,
        'data-value': c.amount, text: `${amount(c.amount)} ${c.asset} from ${WALLET_LABELS[c.from] || c.from}` })));
      showText(ui.collectResult, moved.length ? `Moved ${moved.length} balance${moved.length > 1 ? 's' : ''} `
        + `into cross margin (tranId ${r.tranId}).` : 'Nothing to move: no positive UM or CM balance.');
      feed.add('collect', moved.length ? moved.map((c) => `${amount(c.amount)} ${c.asset} from ${c.from}`).join(', ')
        : 'nothing to move');
      sync.requestRefresh('balances', 'status');
    } catch (e) {
      if (e.code === -5003) {
        const retry = e.data && e.data.retryAfter ? ` Next use after ${new Date(e.data.retryAfter).toLocaleString()}.`
          : '';
        showError(ui.collectError, new ApiError(e.code, e.message + retry));
        sync.requestRefresh('collectionUsage');
      } else {
        showError(ui.collectError, e);
      }
      sync.onRequestError(e);
    } finally {
      ui.collect.disabled = conn.state !== ConnState.LIVE;
    }
  });
}
