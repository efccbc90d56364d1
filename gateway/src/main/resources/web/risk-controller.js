// The risk-settings form (§5.5): the form's text ↔ settings mapping is riskform.js; the server judges the values.

import { ConnState } from './connection.js';
import { clock } from './format.js';
import { RISK_FIELDS, fieldNamedIn, fillRiskForm, readRiskForm } from './riskform.js';
import { hide, showError, showText } from './views.js';

/** @param ui {riskForm, riskSubmit, riskReload, riskResult, riskError}; `field(id)` finds an input by id. */
export function initRisk(ui, conn, sync, field) {
  const clearFieldErrors = () => {
    for (const id of Object.values(RISK_FIELDS)) field(id).removeAttribute('aria-invalid');
  };

  ui.riskForm.addEventListener('input', () => {
    sync.riskFormDirty = true;
  });

  ui.riskForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    hide(ui.riskResult, ui.riskError);
    clearFieldErrors();
    let params;
    try {
      params = readRiskForm(ui.riskForm);
    } catch (e) {
      showError(ui.riskError, e);
      if (e.field) {
        field(RISK_FIELDS[e.field]).setAttribute('aria-invalid', 'true');
        field(RISK_FIELDS[e.field]).focus();
      }
      return;
    }
    ui.riskSubmit.disabled = true;
    try {
      const settings = await conn.request('account.riskSettings.update', params);
      fillRiskForm(ui.riskForm, settings);
      sync.riskFormDirty = false;
      showText(ui.riskResult, `Saved at ${clock(Date.now())}.`);
      sync.requestRefresh('status', 'positions');
    } catch (e) {
      showError(ui.riskError, e);
      const named = fieldNamedIn(e.message);
      if (named) field(RISK_FIELDS[named]).setAttribute('aria-invalid', 'true');
      sync.onRequestError(e);
    } finally {
      ui.riskSubmit.disabled = conn.state !== ConnState.LIVE;
    }
  });

  ui.riskReload.addEventListener('click', async () => {
    hide(ui.riskResult, ui.riskError);
    clearFieldErrors();
    sync.riskFormDirty = false;
    try {
      await sync.readers().riskSettings();
      showText(ui.riskResult, 'Loaded the saved settings.');
    } catch (e) {
      showError(ui.riskError, e);
      sync.onRequestError(e);
    }
  });
}
