import { GapBucket, PricingHistoryPoint } from '../../core/models';

/** "High" (0.75+), "Medium" (0.5+), "Low": how sure the engine is of a market rent. */
export function confidenceLabel(score: number): 'High' | 'Medium' | 'Low' {
  if (score >= 0.75) return 'High';
  if (score >= 0.5) return 'Medium';
  return 'Low';
}

/** A gap bucket's label: "< −10 %", "−10 to −5 %", "±1 % (at market)", "> +10 %". */
export function bucketLabel(b: GapBucket, band = 1): string {
  const f = (n: number) => `${n < 0 ? '−' : n > 0 ? '+' : ''}${Math.abs(n)}`;
  if (b.from_pct === null && b.to_pct !== null) return `< ${f(b.to_pct)} %`;
  if (b.to_pct === null && b.from_pct !== null) return `> ${f(b.from_pct)} %`;
  if (b.from_pct === -band && b.to_pct === band) return `±${band} % (at market)`;
  return `${f(b.from_pct ?? 0)} to ${f(b.to_pct ?? 0)} %`;
}

/** below | at | above for a bucket (its colour). */
export function bucketTone(b: GapBucket, band = 1): 'below' | 'at' | 'above' {
  if (b.to_pct !== null && b.to_pct <= -band) return 'below';
  if (b.from_pct !== null && b.from_pct >= band) return 'above';
  return 'at';
}

export interface ChartSeries {
  key: 'current' | 'market' | 'recommended';
  label: string;
  path: string;
  last: number | null;
  /** The last point (a dot, so a one-day history still shows). */
  end: { x: number; y: number } | null;
}

export interface ChartGeometry {
  width: number;
  height: number;
  series: ChartSeries[];
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
  min: number;
  max: number;
}

const SERIES: {
  key: ChartSeries['key'];
  label: string;
  pick: (p: PricingHistoryPoint) => string | null;
}[] = [
  { key: 'current', label: 'Current', pick: (p) => p.current_rent },
  { key: 'market', label: 'Market', pick: (p) => p.market_rent },
  { key: 'recommended', label: 'Recommended', pick: (p) => p.recommended_rent },
];

/**
 * The 90-day chart's SVG paths: x by day index, y scaled between the lowest and highest value (with a $25
 * margin), three to five dollar ticks on the left and a tick on the first of each month.
 */
export function chartGeometry(
  points: readonly PricingHistoryPoint[],
  width = 720,
  height = 240,
  pad = { left: 56, right: 12, top: 10, bottom: 24 },
): ChartGeometry | null {
  if (points.length === 0) return null;
  const values = points.flatMap((p) =>
    SERIES.map((s) => Number(s.pick(p))).filter((v) => Number.isFinite(v) && v > 0),
  );
  if (values.length === 0) return null;
  let min = Math.min(...values) - 25;
  let max = Math.max(...values) + 25;
  min = Math.max(0, Math.floor(min / 25) * 25);
  max = Math.ceil(max / 25) * 25;
  const w = width - pad.left - pad.right;
  const h = height - pad.top - pad.bottom;
  const x = (i: number) => pad.left + (points.length === 1 ? w / 2 : (i / (points.length - 1)) * w);
  const y = (v: number) => pad.top + h - ((v - min) / (max - min || 1)) * h;
  const series = SERIES.map((s) => {
    let d = '';
    let last: number | null = null;
    let end: { x: number; y: number } | null = null;
    points.forEach((p, i) => {
      const v = Number(s.pick(p));
      if (!Number.isFinite(v) || v <= 0) return;
      d += `${d ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      last = v;
      end = { x: Number(x(i).toFixed(1)), y: Number(y(v).toFixed(1)) };
    });
    return { key: s.key, label: s.label, path: d, last, end };
  });
  const step = niceStep((max - min) / 4);
  const yTicks = [];
  for (let v = Math.ceil(min / step) * step; v <= max; v += step) {
    yTicks.push({ y: y(v), label: `$${v.toLocaleString('en-US')}` });
  }
  const xTicks = points
    .map((p, i) => ({ p, i }))
    .filter(({ p, i }) => i === 0 || p.snapshot_date.endsWith('-01'))
    .map(({ p, i }) => ({ x: x(i), label: monthDay(p.snapshot_date) }));
  return { width, height, series, yTicks, xTicks, min, max };
}

function niceStep(raw: number): number {
  for (const s of [25, 50, 100, 200, 250, 500, 1000, 2000, 5000]) if (raw <= s) return s;
  return 10000;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthDay(iso: string): string {
  const [, m, d] = iso.split('-').map(Number);
  return `${MONTHS[m - 1]} ${d}`;
}

/** "3 comps · 95 % similar" style line for a comp's similarity. */
export function similarityPct(score: number): string {
  return `${Math.round(score * 100)} %`;
}
