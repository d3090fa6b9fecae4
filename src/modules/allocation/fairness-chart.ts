import { fitted, type FairnessPoint, type Fit } from './fairness-stats.js';

/**
 * The scatter chart's geometry, worked out here so the template only draws: agreed weekly budget
 * (up) against points (across), the fit line, and the band around it. Drawn on the server as SVG;
 * no script. People whose dots would land on the same spot (to 2 pixels) share one dot, so a county
 * of 20,000 is a few thousand shapes, not 20,000.
 */

export const CHART = { width: 640, height: 400, left: 76, right: 16, top: 16, bottom: 56 } as const;
const plotWidth = CHART.width - CHART.left - CHART.right;
const plotHeight = CHART.height - CHART.top - CHART.bottom;
const GRID = 2;

export interface Tick {
  at: number;
  label: string;
}

export interface ChartModel {
  width: number;
  height: number;
  plot: { x: number; y: number; width: number; height: number };
  dots: { x: number; y: number; people: number }[];
  line: { x1: number; y1: number; x2: number; y2: number } | null;
  /** The band as an SVG polygon's points attribute. */
  band: string | null;
  xTicks: Tick[];
  yTicks: Tick[];
  peopleShown: number;
}

/** A round number at or above `max` with a step of 1, 2 or 5 × 10ⁿ giving about five ticks. */
export function niceScale(max: number): { top: number; step: number } {
  const rough = Math.max(max, 1) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  return { top: Math.ceil(Math.max(max, 1) / step) * step, step };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The points along the band's edges: both ends, and where the fit crosses nothing (the band pinches there). */
function bandPolygon(fit: Fit, xTop: number, band: number, px: (x: number) => number, py: (y: number) => number) {
  const xs = [0, xTop];
  if (fit.slope !== 0) {
    const zero = -fit.intercept / fit.slope;
    if (zero > 0 && zero < xTop) xs.splice(1, 0, zero);
  }
  const edge = (sign: 1 | -1) =>
    xs.map((x) => {
      const f = fitted(fit, x);
      return `${round1(px(x))},${round1(py(f + sign * Math.abs(f) * band))}`;
    });
  return [...edge(1), ...edge(-1).reverse()].join(' ');
}

export function chartModel(data: readonly FairnessPoint[], fit: Fit | null, bandPercent: number): ChartModel {
  const band = bandPercent / 100;
  const maxPoints = Math.max(10, ...data.map((d) => d.points));
  const xScale = niceScale(maxPoints);
  const highestFit = fit ? Math.max(fitted(fit, 0), fitted(fit, xScale.top)) * (1 + band) : 0;
  const maxPounds = Math.max(highestFit, ...data.map((d) => d.agreedPence)) / 100;
  const yScale = niceScale(maxPounds);
  const px = (points: number) => CHART.left + (points / xScale.top) * plotWidth;
  const py = (pence: number) => CHART.top + plotHeight - (pence / 100 / yScale.top) * plotHeight;

  const dots = new Map<string, { x: number; y: number; people: number }>();
  for (const d of data) {
    const x = Math.round(px(d.points) / GRID) * GRID;
    const y = Math.round(py(d.agreedPence) / GRID) * GRID;
    const key = `${x},${y}`;
    const dot = dots.get(key);
    if (dot) dot.people += 1;
    else dots.set(key, { x, y, people: 1 });
  }
  const ticks = (scale: { top: number; step: number }, label: (v: number) => string) =>
    Array.from({ length: Math.round(scale.top / scale.step) + 1 }, (_, i) => i * scale.step).map((v) => ({
      at: v,
      label: label(v),
    }));
  return {
    width: CHART.width,
    height: CHART.height,
    plot: { x: CHART.left, y: CHART.top, width: plotWidth, height: plotHeight },
    dots: [...dots.values()],
    line: fit
      ? { x1: px(0), y1: round1(py(fitted(fit, 0))), x2: px(xScale.top), y2: round1(py(fitted(fit, xScale.top))) }
      : null,
    band: fit ? bandPolygon(fit, xScale.top, band, px, py) : null,
    xTicks: ticks(xScale, String).map((t) => ({ at: round1(px(t.at)), label: t.label })),
    yTicks: ticks(yScale, (v) => `£${v.toLocaleString('en-GB')}`).map((t) => ({
      at: round1(py(t.at * 100)),
      label: t.label,
    })),
    peopleShown: data.length,
  };
}
