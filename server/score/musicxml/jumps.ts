/** Recognises repeat-and-jump marks (segno, coda, Fine, D.C., D.S., To Coda) from MusicXML sound attributes and words. */
import type { Jumps } from './written.js';

export type MutableJumps = { -readonly [K in keyof Jumps]: Jumps[K] };

export function noJumps(): MutableJumps {
  return { segno: false, coda: false, fine: false, daCapo: false, dalSegno: false, toCoda: false };
}

/** `<sound>` attributes: dacapo="yes", dalsegno, tocoda, coda, segno, fine. */
export function jumpsFromSound(attrs: Readonly<Record<string, string>>, into: MutableJumps): void {
  if (attrs.dacapo === 'yes') into.daCapo = true;
  if (attrs.dalsegno !== undefined) into.dalSegno = true;
  if (attrs.tocoda !== undefined) into.toCoda = true;
  if (attrs.coda !== undefined) into.coda = true;
  if (attrs.segno !== undefined) into.segno = true;
  if (attrs.fine !== undefined) into.fine = true;
}

/** Words as engravers write them: "D.C. al Fine", "D.S. al Coda", "Fine", "To Coda", "Coda", "Segno". */
export function jumpsFromWords(words: string, into: MutableJumps): void {
  const w = words.trim();
  if (/^(?:d\.\s*c\.|d\.c\b|da\s*capo)/i.test(w)) into.daCapo = true;
  else if (/^(?:d\.\s*s\.|d\.s\b|dal\s*segno)/i.test(w)) into.dalSegno = true;
  else if (/^fine\.?$/i.test(w)) into.fine = true;
  else if (/\bto\s+coda\b/i.test(w)) into.toCoda = true;
  else if (/^coda\.?$/i.test(w)) into.coda = true;
  else if (/^segno\.?$/i.test(w)) into.segno = true;
}
