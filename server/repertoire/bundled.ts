/** The repertoire bundled with Tutti: `scores/` at the repository root. */
import { fileURLToPath } from 'node:url';

export const BUNDLED_SCORES_DIR = fileURLToPath(new URL('../../scores/', import.meta.url)).replace(/\/$/, '');
