// Session timeout warning (WCAG 2.2.1): five minutes before the idle limit, a modal dialog lets the
// person stay signed in. Without JavaScript the limit still applies; the sign-in page explains why.
import { initAll } from '/javascripts/govuk-frontend.min.js';

initAll();

const meta = document.querySelector('meta[name="tl-idle-seconds"]');
const dialog = document.getElementById('timeout-warning');
if (meta && dialog && typeof dialog.showModal === 'function') {
  const idleSeconds = Number(meta.getAttribute('content'));
  const warnAfter = Math.max(idleSeconds - 300, 1) * 1000;
  setTimeout(() => {
    dialog.showModal();
    dialog.querySelector('button')?.focus();
  }, warnAfter);
  setTimeout(() => { window.location.href = '/sign-in?timedOut=1'; }, idleSeconds * 1000);
}
