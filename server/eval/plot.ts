/**
 * One SVG alignment plot per piece: performance time (x) against score time (y), the ground truth
 * as dots and the follower's reported positions as a line, misaligned notes marked in red.
 */
import type { Position } from '../pipeline.js';
import type { PieceMetrics } from './metrics.js';
import { MISALIGN_MS } from './metrics.js';

const W = 900;
const H = 520;
const PAD = 56;

function escapeXml(s: string): string {
  return s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}

export function alignmentSvg(title: string, metrics: PieceMetrics, positions: readonly Position[]): string {
  const xs = [...metrics.pairs.map((p) => p.truthMs / 1000), ...positions.map((p) => p.reportSec)];
  const ys = [...metrics.pairs.map((p) => p.scoreMs / 1000), ...positions.map((p) => p.scoreSec)];
  // Reductions, not Math.max(...spread): a long recording's positions overflow the call stack.
  const xMax = xs.reduce((m, v) => Math.max(m, v), 1);
  const yMin = ys.reduce((m, v) => Math.min(m, v), 0);
  const yMax = ys.reduce((m, v) => Math.max(m, v), yMin + 1);
  const x = (s: number) => PAD + (s / xMax) * (W - 2 * PAD);
  const y = (s: number) => H - PAD - ((s - yMin) / (yMax - yMin)) * (H - 2 * PAD);
  const path = positions.map((p, i) => `${i ? 'L' : 'M'}${x(p.reportSec).toFixed(1)},${y(p.scoreSec).toFixed(1)}`).join('');
  const dots = metrics.pairs
    .map((p) => {
      const bad = !(Math.abs(p.estimateMs - p.truthMs) <= MISALIGN_MS);
      const truth = `<circle cx="${x(p.truthMs / 1000).toFixed(1)}" cy="${y(p.scoreMs / 1000).toFixed(1)}" r="3" fill="none" stroke="#222"/>`;
      const est = Number.isFinite(p.estimateMs)
        ? `<circle cx="${x(p.estimateMs / 1000).toFixed(1)}" cy="${y(p.scoreMs / 1000).toFixed(1)}" r="1.8" fill="${bad ? '#d00' : '#1a7f37'}"/>`
        : '';
      return truth + est;
    })
    .join('');
  const ticks: string[] = [];
  for (let s = 0; s <= xMax; s += xMax > 60 ? 10 : 5) {
    ticks.push(`<text x="${x(s).toFixed(1)}" y="${H - PAD + 16}" font-size="11" text-anchor="middle">${s}</text>`);
  }
  for (let s = Math.ceil(yMin / 5) * 5; s <= yMax; s += yMax - yMin > 60 ? 10 : 5) {
    ticks.push(`<text x="${PAD - 6}" y="${(y(s) + 4).toFixed(1)}" font-size="11" text-anchor="end">${s}</text>`);
  }
  const e300 = (metrics.withinByEstimate['300']! * 100).toFixed(1);
  const d300 = (metrics.withinByDetection['300']! * 100).toFixed(1);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">
<rect width="${W}" height="${H}" fill="#fff"/>
<text x="${W / 2}" y="22" font-size="15" text-anchor="middle">${escapeXml(title)} — ${e300} % within 300 ms (estimate), ${d300} % (detection)</text>
<rect x="${PAD}" y="${PAD}" width="${W - 2 * PAD}" height="${H - 2 * PAD}" fill="none" stroke="#999"/>
${ticks.join('')}
<text x="${W / 2}" y="${H - 14}" font-size="12" text-anchor="middle">performance time (s)</text>
<text x="16" y="${H / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 16 ${H / 2})">score time at notated tempo (s)</text>
<path d="${path}" fill="none" stroke="#2563eb" stroke-width="1.2"/>
${dots}
<g font-size="11"><circle cx="${PAD + 10}" cy="${PAD + 12}" r="3" fill="none" stroke="#222"/><text x="${PAD + 18}" y="${PAD + 16}">ground truth</text>
<circle cx="${PAD + 110}" cy="${PAD + 12}" r="2" fill="#1a7f37"/><text x="${PAD + 118}" y="${PAD + 16}">estimated onset</text>
<circle cx="${PAD + 225}" cy="${PAD + 12}" r="2" fill="#d00"/><text x="${PAD + 233}" y="${PAD + 16}">off by &gt; 300 ms</text>
<line x1="${PAD + 340}" y1="${PAD + 12}" x2="${PAD + 360}" y2="${PAD + 12}" stroke="#2563eb"/><text x="${PAD + 366}" y="${PAD + 16}">reported position</text></g>
</svg>
`;
}
