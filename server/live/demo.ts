/** The bundled demo that `npm start` follows, resolved relative to this file (not the working directory). */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEMO_DIR = resolve(fileURLToPath(new URL('../../scores/beethoven-eroica-mvt1', import.meta.url)));
export const DEMO_SCORE_PATH = resolve(DEMO_DIR, 'Beethoven_Op.55_1.mxl');
export const DEMO_AUDIO_PATH = resolve(DEMO_DIR, 'eroica_mvt1_cnso_musopen_1m00-1m30.opus');
