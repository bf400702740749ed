/** Where the shared CC0 orchestral scores live: ../shared/scores-src next to the repository root. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_SCORES_DIR = resolve(fileURLToPath(new URL('../../', import.meta.url)), '..', 'shared', 'scores-src');
