import { describe, expect, it } from 'vitest';
import { CHART, chartModel, niceScale } from './fairness-chart.js';

describe('niceScale', () => {
  it.each([
    { max: 80, top: 80, step: 20 },
    { max: 81, top: 100, step: 20 },
    { max: 437, top: 500, step: 100 },
    { max: 10, top: 10, step: 2 },
    { max: 0, top: 1, step: 0.2 },
  ])('$max → 0 to $top in steps of $step', ({ max, top, step }) => {
    expect(niceScale(max)).toEqual({ top, step });
  });
});

describe('chartModel', () => {
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  // 0–40 points across (steps of 10: max(10, 40) → 40); up to £400 → 0–£400 in steps of £100.
  const data = [
    { points: 10, agreedPence: 10_000 },
    { points: 20, agreedPence: 20_000 },
    { points: 20, agreedPence: 20_000 },
    { points: 40, agreedPence: 40_000 },
  ];

  it('places each dot by points and pounds, and people on the same spot share one', () => {
    const chart = chartModel(data, null, 20);
    const expectedX = (points: number) => Math.round((CHART.left + (points / 40) * plotWidth) / 2) * 2;
    const expectedY = (pounds: number) => Math.round((CHART.top + plotHeight - (pounds / 400) * plotHeight) / 2) * 2;
    expect(chart.dots).toEqual([
      { x: expectedX(10), y: expectedY(100), people: 1 },
      { x: expectedX(20), y: expectedY(200), people: 2 },
      { x: expectedX(40), y: expectedY(400), people: 1 },
    ]);
    expect(chart.xTicks.map((t) => t.label)).toEqual(['0', '10', '20', '30', '40']);
    expect(chart.yTicks.map((t) => t.label)).toEqual(['£0', '£100', '£200', '£300', '£400']);
    expect(chart.line).toBeNull();
    expect(chart.band).toBeNull();
  });

  it('draws the fit line across the plot and a band either side of it', () => {
    // £10 a point from nothing: £0 to £400 at 40 points; with ±10 % the top of the scale is £440 → £500.
    const chart = chartModel(data, { slope: 1000, intercept: 0 }, 10);
    const y = (pounds: number) => Math.round((CHART.top + plotHeight - (pounds / 500) * plotHeight) * 10) / 10;
    expect(chart.yTicks.at(-1)!.label).toBe('£500');
    expect(chart.line).toEqual({ x1: CHART.left, y1: y(0), x2: CHART.left + plotWidth, y2: y(400) });
    const right = CHART.left + plotWidth;
    expect(chart.band).toBe(`${CHART.left},${y(0)} ${right},${y(440)} ${right},${y(360)} ${CHART.left},${y(0)}`);
  });
});
