export { buildEnrichmentTable, type EnrichmentTable, type EnrichmentInputs } from './table.js';
export { EnrichmentFeed, type EnrichmentFeedOptions, type EnrichmentListener } from './feed.js';
export { loadEnrichment, type LoadedEnrichment } from './load.js';
export { loadProgramNotes, loadProgramNotesFor, parseProgramNotes, noteIndexPerMeasure, ProgramNotesError, PROGRAM_NOTES_FILE, type ProgramNote, type ProgramNotes } from './programNotes.js';
export { instrumentsPerMeasure, partsPerMeasure, FAMILY_ORDER, type MeasureInstruments } from './instruments.js';
export { harmonyPerMeasure, prettyChord } from './harmony.js';
