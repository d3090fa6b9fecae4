// The door to the board part: the board, its kept rows and the settings.
export { registerCrisisBoardPages } from './routes-board.js';
export { crisisBoardRows } from './board-cache.js';
export { BOARD_PAGE_SIZE } from './board-service.js';
