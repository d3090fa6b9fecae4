/** Individual service funds (S3): lodged with a provider, seen by it (only its own) and by the council. */
export { registerIsfPages } from './routes.js';
export { isfSummariesFor, type IsfSummary } from './repository.js';
