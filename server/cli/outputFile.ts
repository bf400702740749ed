/**
 * Checks, before any work, that an output file can be written: a follow of a long recording should
 * not run for minutes and then fail on a typo in --out. It looks, it does not create the file, so a
 * failed run leaves nothing behind.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from './command.js';

export function checkOutputFile(path: string, option: string): void {
  const file = resolve(path);
  const dir = dirname(file);
  const fail = (why: string) => new UserError(`${option} ${path}: cannot write (${why})`);
  let dirStat;
  try {
    dirStat = statSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' ? `directory ${dir} does not exist` : code === 'ENOTDIR' ? `${dir} is not a directory` : String(code));
  }
  if (!dirStat.isDirectory()) throw fail(`${dir} is not a directory`);
  try {
    if (statSync(file).isDirectory()) throw fail('it is a directory');
    accessSync(file, constants.W_OK);
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw fail(code === 'EACCES' || code === 'EPERM' ? 'permission denied' : String(code));
    try {
      accessSync(dir, constants.W_OK);
    } catch {
      throw fail(`directory ${dir} is not writable`);
    }
  }
}
