/** Parts of a budget: how each share of it is held, switched, and the person's Money tab. */
export { HOLDING_ROUTES, MIN_TRUSTEES, ROUTE_KEYS, isHoldingRoute, type RouteInfo } from './holding-routes.js';
export { MoneyService } from './money-service.js';
export { registerMoneyPages } from './money-routes.js';
export { budgetDeliveryMechanisms } from './delivery-mechanism.js';
export { budgetHoldingFees } from './holding-fees.js';
export { registerSettingsPage, parseBudgetSettings } from './settings-routes.js';
