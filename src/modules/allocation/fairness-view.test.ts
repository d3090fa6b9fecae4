import { describe, expect, it } from 'vitest';
import { groupCells, SMALLEST_GROUP_SHOWN } from './fairness-view.js';

const group = (count: number) => ({
  group: 'Fenland North',
  count,
  meanAgreedPence: 16_000,
  meanPoints: 15,
  meanResidualPence: 600,
  above: 1,
  below: 1,
});

describe('groupCells', () => {
  it('shows a group of the smallest size shown with its figures', () => {
    expect(groupCells(group(SMALLEST_GROUP_SHOWN))).toEqual({
      group: 'Fenland North',
      count: 5,
      meanAgreed: '£160.00',
      meanPoints: 15,
      meanResidual: '£6.00',
      above: 1,
      below: 1,
    });
  });

  it('shows only the name of a group too small to show, so no average is one person’s budget', () => {
    expect(groupCells(group(SMALLEST_GROUP_SHOWN - 1))).toEqual({
      group: 'Fenland North',
      count: 'Fewer than 5',
      meanAgreed: '–',
      meanPoints: '–',
      meanResidual: '–',
      above: '–',
      below: '–',
    });
  });
});
