/// <reference lib="dom" />
/**
 * Measurements taken inside the page: layout shifts (the Layout Instability API, as web-vitals counts
 * CLS) and the contrast of every piece of text against the background it is drawn on (WCAG 2 formula).
 */
import type { Page } from 'playwright-core';

/** Installs a buffered layout-shift observer before any script of the page runs. */
export async function observeLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __shifts: { value: number; at: number }[] };
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) w.__shifts.push({ value: entry.value, at: entry.startTime });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

export interface ShiftSummary {
  readonly total: number;
  /** The worst sum over any 60-s window. */
  readonly worstMinute: number;
  readonly count: number;
}

export async function layoutShifts(page: Page): Promise<ShiftSummary> {
  const shifts = await page.evaluate(() => (window as unknown as { __shifts: { value: number; at: number }[] }).__shifts);
  let worstMinute = 0;
  for (const start of shifts) {
    const sum = shifts.filter((s) => s.at >= start.at && s.at < start.at + 60_000).reduce((n, s) => n + s.value, 0);
    worstMinute = Math.max(worstMinute, sum);
  }
  return { total: shifts.reduce((n, s) => n + s.value, 0), worstMinute, count: shifts.length };
}

export interface ContrastFinding {
  readonly text: string;
  readonly ratio: number;
  readonly color: string;
  readonly background: string;
}

/** Every visible text node's contrast, lowest first. */
export async function textContrasts(page: Page): Promise<ContrastFinding[]> {
  return page.evaluate(() => {
    const rgba = (css: string): number[] => (css.match(/[\d.]+/g) ?? ['0', '0', '0', '0']).map(Number).concat(css.startsWith('rgba') ? [] : [1]).slice(0, 4);
    const lum = ([r, g, b]: number[]) =>
      [r, g, b].map((v) => v / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((n, v, i) => n + v * [0.2126, 0.7152, 0.0722][i], 0);
    const over = (top: number[], bottom: number[]) => top.slice(0, 3).map((v, i) => v * top[3] + bottom[i] * (1 - top[3])).concat(1);
    const backgroundOf = (el: Element | null): number[] => {
      const layers: number[][] = [];
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      return layers.reduceRight((acc, c) => over(c, acc), [0, 0, 0, 1]);
    };
    const out: { text: string; ratio: number; color: string; background: string }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = (n.textContent ?? '').trim();
      if (!el || text === '') continue;
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (style.visibility === 'hidden' || style.display === 'none' || rect.width <= 1 || rect.height <= 1) continue;
      let opacity = 1;
      for (let e: Element | null = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
      const bg = backgroundOf(el);
      const fg = rgba(style.color);
      const shown = over([fg[0], fg[1], fg[2], fg[3] * opacity], bg);
      const [hi, lo] = [lum(shown), lum(bg)].sort((a, b) => b - a);
      out.push({ text: text.slice(0, 40), ratio: (hi + 0.05) / (lo + 0.05), color: style.color, background: `rgb(${bg.slice(0, 3).map(Math.round).join(',')})` });
    }
    return out.sort((a, b) => a.ratio - b.ratio);
  });
}
