// The order form (§4.6, §12: MARKET or LIMIT with its price and time in force) and the Cancel buttons of the
// open-orders table; the server's answer or error as it is (a cancel shows in the feed by its CANCELED event).

import { ConnState } from './connection.js';
import { amount, price } from './format.js';
import { hide, showError, showText } from './views.js';

/** Shows the LIMIT fields only for a LIMIT order. */
export function showTypeFields(ui) {
  const limit = ui.orderType.value === 'LIMIT';
  ui.orderLimitFields.hidden = !limit;
  ui.orderPrice.required = limit;
}

/**
 * @param ui {orderForm, orderSymbol, orderSide, orderType, orderQuantity, orderPrice, orderTif, orderLimitFields,
 *            orderSubmit, orderResult, orderError, ordersBody, ordersError}
 */
export function initOrder(ui, conn, sync) {
  ui.orderType.addEventListener('change', () => showTypeFields(ui));
  showTypeFields(ui);
  ui.orderForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    hide(ui.orderResult, ui.orderError);
    const params = { symbol: ui.orderSymbol.value, side: ui.orderSide.value, type: ui.orderType.value,
      quantity: ui.orderQuantity.value.trim() };
    if (params.type === 'LIMIT') {
      params.price = ui.orderPrice.value.trim();
      params.timeInForce = ui.orderTif.value;
    }
    ui.orderSubmit.disabled = true;
    try {
      const r = await conn.request('order.place', params);
      const filled = r.status === 'FILLED' ? ` filled ${amount(r.executedQty)} @ ${price(r.avgPrice)}` : '';
      showText(ui.orderResult, `Order ${r.orderId} (${r.clientOrderId}): ${r.side} ${amount(r.origQty)} ${r.symbol} `
        + `${r.type}${r.type === 'LIMIT' ? ` @ ${price(r.price)} ${r.timeInForce}` : ''} — ${r.status}${filled}.`);
      sync.requestRefresh('openOrders', 'positions', 'balances', 'status');
    } catch (e) {
      showError(ui.orderError, e);
      sync.onRequestError(e);
    } finally {
      ui.orderSubmit.disabled = conn.state !== ConnState.LIVE;
    }
  });
  ui.ordersBody.addEventListener('click', async (ev) => {
    const button = ev.target.closest('button[data-order-id]');
    if (!button) return;
    hide(ui.ordersError);
    button.disabled = true;
    try {
      await conn.request('order.cancel', { symbol: button.dataset.symbol, orderId: Number(button.dataset.orderId) });
    } catch (e) {
      button.disabled = false;
      showError(ui.ordersError, e);
      sync.onRequestError(e);
    } finally {
      sync.requestRefresh('openOrders', 'status');
    }
  });
}
