/**
 * The cue sheet, `scores/<piece-id>/cues.yaml`: what the audience is told, bar by bar. Sections (the form,
 * by printed bar range, covering the movement without gaps or overlaps), optionally divided into passages;
 * a note at two levels for each (`short`: one line for a newcomer; `long`: a paragraph for the curious),
 * translations beside every text, instrument spotlights, themes and where they return, and a glossary for
 * the terms the notes use (`[[term]]` in a text). The shape is checked here; consistency with the score
 * in ./cueCheck.ts.
 */
import { z } from 'zod';

const text = z.string().trim().min(1, { error: 'must be a non-empty string' });
/** A printed bar label as the score prints it ("45", "12a"); a bare YAML number is accepted for "45". */
export const BarSchema = z
  .union([z.string().trim().min(1), z.int().nonnegative().transform(String)])
  .meta({ description: 'A printed bar number (label) of the score, e.g. 45 or "12a".' });
const lang = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { error: 'must be a language code such as "de" or "pt-BR"' });
const key = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be lower-case words joined by hyphens, e.g. "sonata-form"' });

/** The same texts in other languages; any of them may be left out (the phone falls back to the sheet's language). */
const translations = <T extends z.ZodRawShape>(shape: T) =>
  z
    .record(lang, z.strictObject(shape).partial())
    .optional()
    .meta({ description: 'Translations of this entry\'s texts, by language code ("de", "fr", …).' });

const noteTexts = {
  short: text.meta({ description: 'One line for a newcomer.' }),
  long: text.meta({ description: 'A paragraph for the curious.' }),
};

export const SpotlightSchema = z.strictObject({
  from: BarSchema,
  to: BarSchema.optional(),
  instrument: text.meta({ description: 'Who to listen to, as the audience would say it: "the solo oboe".' }),
  parts: z.array(text).min(1).optional().meta({ description: 'Score part names (as in the score) that play it, for the phone\'s one-staff view.' }),
  text: text,
  translations: translations({ instrument: text, text }),
});

export const PassageSchema = z.strictObject({
  from: BarSchema,
  to: BarSchema,
  title: text.optional().meta({ description: 'A short label for the passage ("Second theme").' }),
  ...noteTexts,
  spotlights: z.array(SpotlightSchema).optional(),
  translations: translations({ title: text, short: text, long: text }),
});

export const SectionSchema = z.strictObject({
  name: text.meta({ description: 'The section of the form: "Exposition", "Development", …' }),
  from: BarSchema,
  to: BarSchema,
  rehearsal: text.optional().meta({ description: 'The rehearsal letter at its start, when the score prints one.' }),
  ...noteTexts,
  passages: z.array(PassageSchema).min(1).optional().meta({ description: 'Finer notes inside the section; when given, they cover it without gaps or overlaps.' }),
  spotlights: z.array(SpotlightSchema).optional(),
  translations: translations({ name: text, short: text, long: text }),
});

export const ThemeSchema = z.strictObject({
  id: key,
  name: text,
  description: text,
  hauptstimme: text.optional().meta({ description: 'The label of this theme in the main-tune annotations ("a", "b").' }),
  appearances: z
    .array(
      z.strictObject({
        bar: BarSchema,
        instrument: text,
        parts: z.array(text).min(1).optional(),
        text: text.optional(),
        translations: translations({ instrument: text, text }),
      }),
    )
    .min(1),
  translations: translations({ name: text, description: text }),
});

export const GlossaryEntrySchema = z.strictObject({
  term: text,
  definition: text,
  translations: translations({ term: text, definition: text }),
});

export const CueSheetSchema = z
  .strictObject({
    title: text.meta({ description: 'Title of the notes, as the phone heads them.' }),
    language: lang.default('en').meta({ description: 'Language of the texts (default "en").' }),
    sections: z.array(SectionSchema).min(1),
    themes: z.array(ThemeSchema).optional(),
    glossary: z.record(key, GlossaryEntrySchema).optional().meta({ description: 'Terms the notes use, by key; a text refers to one as [[term]] or [[shown text|key]].' }),
  })
  .meta({ title: 'Tutti cue sheet', description: 'scores/<piece-id>/cues.yaml: sections, notes at two levels, themes, spotlights and glossary.' });

export type CueSheetData = z.output<typeof CueSheetSchema>;
export type SectionData = z.output<typeof SectionSchema>;
export type PassageData = z.output<typeof PassageSchema>;
export type SpotlightData = z.output<typeof SpotlightSchema>;
export type ThemeData = z.output<typeof ThemeSchema>;
export type GlossaryEntryData = z.output<typeof GlossaryEntrySchema>;
