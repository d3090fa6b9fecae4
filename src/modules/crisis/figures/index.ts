// The door to the figures part: how quickly crises are resolved, as the board shows them.
export { crisisFigures, type FiguresRange } from './figures-repository.js';
export { figuresCsv, figuresLine, monthLabel, monthRange, rangeFor } from './figures-view.js';
