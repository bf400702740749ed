/**
 * Glossary references inside note texts: `[[term]]` or `[[shown text|key]]`. The key of `[[term]]` is the
 * term itself, lower-cased, spaces as hyphens (`[[Diminished seventh]]` → `diminished-seventh`). Phones get
 * the plain text plus the keys used, so a client that knows nothing of the markup still reads well.
 */
const REF = /\[\[([^\]|]+)(?:\|([^\]]+))?\]\]/g;

export interface MarkedText {
  readonly plain: string;
  /** Glossary keys referenced, in order of first use. */
  readonly terms: readonly string[];
}

export const termKey = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, '-');

export function parseMarkup(text: string): MarkedText {
  const terms: string[] = [];
  const plain = text.replace(REF, (_all, shown: string, key: string | undefined) => {
    const k = key !== undefined ? key.trim() : termKey(shown);
    if (!terms.includes(k)) terms.push(k);
    return shown.trim();
  });
  return { plain, terms };
}

/** Brackets that do not form a reference (`[[x]`, `[[]]`) are a typo to report, not text to show. */
export function strayBrackets(text: string): boolean {
  return /\[\[|\]\]/.test(text.replace(REF, ''));
}
