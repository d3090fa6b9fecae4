// Session timeout warning (WCAG 2.2.1): five minutes before the idle limit, a modal dialog lets the
// person stay signed in. Without JavaScript the limit still applies; the sign-in page explains why.
import { initAll } from '/javascripts/govuk-frontend.min.js';

initAll();

// Conditionally revealed questions: GOV.UK Frontend marks each radio or checkbox that reveals one
// with aria-expanded, which ARIA does not allow on those roles (axe: aria-allowed-attr; a known
// GOV.UK issue, alphagov/govuk-frontend#979). The revealed question sits straight after its option,
// so it is found in reading order without it. Remove the attribute after GOV.UK Frontend sets it
// (on start and on every click, which bubbles to the document after the component's own handler).
const stripExpanded = () => {
  for (const input of document.querySelectorAll('.govuk-radios__input[aria-expanded], .govuk-checkboxes__input[aria-expanded]')) {
    input.removeAttribute('aria-expanded');
  }
};
stripExpanded();
document.addEventListener('click', stripExpanded);
window.addEventListener('pageshow', stripExpanded);

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
