/**
 * Repeats and jumps → performance order: a list of printed measure indices. Handles repeat
 * barlines (with `times`), first/second (n-th) endings, D.C. and D.S. (al Fine, al Coda).
 * By convention, repeats are not taken again after a D.C./D.S. jump, and the last ending is played.
 */
import type { WrittenMeasure } from './written.js';

export interface UnfoldOptions {
  /** Take repeat barlines (default true). D.C./D.S. jumps are always taken. */
  readonly repeats: boolean;
}

interface EndingGroup {
  readonly first: number;
  readonly last: number;
  readonly numbers: readonly number[];
  /** The last bracket of a run of consecutive brackets (the one played when no number matches). */
  readonly final: boolean;
}

function endingGroups(measures: readonly WrittenMeasure[]): (EndingGroup | undefined)[] {
  const byMeasure: (EndingGroup | undefined)[] = new Array(measures.length).fill(undefined);
  const groups: { first: number; last: number; numbers: readonly number[] }[] = [];
  for (let i = 0; i < measures.length; i++) {
    const numbers = measures[i].ending;
    if (numbers.length === 0) continue;
    const prev = groups[groups.length - 1];
    // A bracket continues until a measure starts a new one (or a backward repeat closed it).
    if (prev && prev.last === i - 1 && !measures[i].endingStart && measures[i - 1].endRepeatTimes === 0) prev.last = i;
    else groups.push({ first: i, last: i, numbers });
  }
  groups.forEach((g, k) => {
    const next = groups[k + 1];
    const final = !(next && next.first === g.last + 1);
    const group: EndingGroup = { ...g, final };
    for (let i = g.first; i <= g.last; i++) byMeasure[i] = group;
  });
  return byMeasure;
}

/** Whether a bracket is played on a pass: its number matches, or it is the last bracket and none matched. */
function endingPlays(groups: readonly (EndingGroup | undefined)[], group: EndingGroup, pass: number): boolean {
  if (group.numbers.includes(pass)) return true;
  if (!group.final) return false;
  // Walk back through the run: if an earlier bracket claims this pass, the final one is skipped.
  for (let i = group.first - 1; i >= 0; i--) {
    const g = groups[i];
    if (!g || g.last !== i) break;
    if (g.numbers.includes(pass)) return false;
    i = g.first;
  }
  return true;
}

export function unfoldMeasures(measures: readonly WrittenMeasure[], options: UnfoldOptions): number[] {
  const n = measures.length;
  const groups = endingGroups(measures);
  const order: number[] = [];
  const limit = n * 16 + 16; // a garbled file must not loop forever
  const passesTaken = new Map<number, number>();
  const jumpsTaken = new Set<number>();
  const FINAL_PASS = Number.MAX_SAFE_INTEGER;
  let takeRepeats = options.repeats;
  let afterJump = false;
  let repeatStart = 0;
  let pass = takeRepeats ? 1 : FINAL_PASS;
  let i = 0;
  let enteredByRepeat = false;
  while (i < n && order.length < limit) {
    const m = measures[i];
    if (m.startRepeat && !enteredByRepeat) {
      repeatStart = i;
      pass = takeRepeats ? 1 : FINAL_PASS;
    }
    enteredByRepeat = false;
    const group = groups[i];
    if (group && i === group.first && !endingPlays(groups, group, pass)) {
      i = group.last + 1;
      continue;
    }
    order.push(i);
    if (afterJump && m.jumps.fine) break;
    if (afterJump && m.jumps.toCoda) {
      const coda = measures.findIndex((x, k) => k > i && x.jumps.coda);
      if (coda !== -1) {
        i = coda;
        continue;
      }
    }
    if (m.endRepeatTimes > 0 && takeRepeats) {
      const taken = passesTaken.get(i) ?? 1;
      if (taken < m.endRepeatTimes) {
        passesTaken.set(i, taken + 1);
        pass = taken + 1;
        i = repeatStart;
        enteredByRepeat = true;
        continue;
      }
      passesTaken.delete(i);
      pass = 1;
      repeatStart = i + 1;
    } else if (m.endRepeatTimes > 0) {
      repeatStart = i + 1;
    }
    if ((m.jumps.daCapo || m.jumps.dalSegno) && !jumpsTaken.has(i)) {
      jumpsTaken.add(i);
      afterJump = true;
      takeRepeats = false;
      pass = FINAL_PASS;
      const segno = m.jumps.dalSegno ? measures.findIndex((x) => x.jumps.segno) : 0;
      i = Math.max(0, segno);
      repeatStart = i;
      enteredByRepeat = true;
      continue;
    }
    i++;
  }
  return order;
}
