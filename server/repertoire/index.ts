export { RepertoireError, formatProblem, fieldPath, type Problem } from './errors.js';
export { parseYamlSource, validateYaml, zodProblems, readSourceText, type YamlSource } from './yamlFile.js';
export { loadPieceManifest, listPieces, PieceManifestSchema, PIECE_MANIFEST_FILE, type PieceManifest, type PieceManifestData } from './manifest.js';
export { CueSheetSchema, type CueSheetData } from './cueSchema.js';
export { checkCueSheet, printedBars, type ResolvedCueSheet, type ResolvedSection, type ResolvedPassage, type BarRange } from './cueCheck.js';
export { parseCueSheet, loadCueSheet, CUE_SHEET_FILE } from './cueSheet.js';
export { parseMainTunes, loadMainTunes, tunePerMeasure, type MainTunes, type TuneEntry } from './hauptstimme.js';
export { parseMarkup, termKey } from './markup.js';
export { BUNDLED_SCORES_DIR } from './bundled.js';
