export { RepertoireError, formatProblem, fieldPath, type Problem } from './errors.js';
export { parseYamlSource, validateYaml, zodProblems, readSourceText, type YamlSource } from './yamlFile.js';
export { loadPieceManifest, listPieces, PieceManifestSchema, PIECE_MANIFEST_FILE, type PieceManifest, type PieceManifestData } from './manifest.js';
export { BUNDLED_SCORES_DIR } from './bundled.js';
