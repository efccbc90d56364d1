// The logon form and the log-out button: signs in the browser, never keeps the secret.

import { createHmacSigner } from './signing.js';
import { FormError } from './riskform.js';
import { hide, showError } from './views.js';

/**
 * @param ui     {logonForm, apiKey, apiSecret, logonSubmit, logonError, logout}
 * @param conn   the GatewayConnection
 * @param screen {showDashboard(), showLogon(), resetAccountView()}
 */
export function initLogon(ui, conn, screen) {
  ui.logonForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    hide(ui.logonError);
    const apiKey = ui.apiKey.value.trim();
    if (!apiKey || !ui.apiSecret.value) {
      showError(ui.logonError, new FormError(null, 'Enter the API key and its secret.'));
      (apiKey ? ui.apiSecret : ui.apiKey).focus();
      return;
    }
    ui.logonSubmit.disabled = true;
    try {
      const signer = await createHmacSigner(ui.apiSecret.value);
      screen.resetAccountView();
      await conn.logon(apiKey, signer);
      ui.apiSecret.value = '';
      screen.showDashboard();
    } catch (e) {
      showError(ui.logonError, e);
      ui.apiSecret.focus();
    } finally {
      ui.logonSubmit.disabled = false;
    }
  });

  ui.logout.addEventListener('click', () => {
    conn.logout();
    screen.resetAccountView();
    screen.showLogon();
  });
}
