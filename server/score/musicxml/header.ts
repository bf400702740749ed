/** The score's header in MusicXML: title, composer, and each part's name and instrument family. */
import { familyFromName, familyFromProgram } from '../family.js';
import type { InstrumentFamily } from '../types.js';
import { child, childText, type XmlElement } from './xmlTree.js';

export interface PartInfo {
  readonly name: string;
  readonly sound: string;
  readonly program?: number;
  readonly channel?: number;
}

function familyFromSound(sound: string): InstrumentFamily | undefined {
  if (sound.startsWith('strings.')) return 'strings';
  if (sound.startsWith('wind.')) return 'woodwinds';
  if (sound.startsWith('brass.')) return 'brass';
  if (/^(drum|metal|wood|pitched-percussion|effect)\./.test(sound)) return 'percussion';
  if (sound.startsWith('keyboard.')) return 'keyboard';
  if (sound.startsWith('voice.')) return 'voice';
  return undefined;
}

export function readPartList(root: XmlElement): Map<string, PartInfo> {
  const infos = new Map<string, PartInfo>();
  const list = child(root, 'part-list');
  for (const sp of list?.children ?? []) {
    if (sp.name !== 'score-part' || sp.attrs.id === undefined) continue;
    const instrument = child(sp, 'score-instrument');
    const midi = child(sp, 'midi-instrument');
    const program = midi ? Number(childText(midi, 'midi-program')) : NaN;
    const channel = midi ? Number(childText(midi, 'midi-channel')) : NaN;
    const name = childText(sp, 'part-name') || childText(sp, 'part-abbreviation') || (instrument && childText(instrument, 'instrument-name')) || sp.attrs.id;
    infos.set(sp.attrs.id, {
      name: name.trim(),
      sound: (instrument && childText(instrument, 'instrument-sound')) ?? '',
      ...(Number.isFinite(program) ? { program: program - 1 } : {}),
      ...(Number.isFinite(channel) ? { channel: channel - 1 } : {}),
    });
  }
  return infos;
}

export function readTitle(root: XmlElement): { title: string; composer: string } {
  const work = child(root, 'work');
  const workTitle = (work && childText(work, 'work-title')) ?? '';
  const movement = childText(root, 'movement-title') ?? '';
  let title = [workTitle, movement].filter((s, i, all) => s !== '' && all.indexOf(s) === i).join(' — ');
  const ident = child(root, 'identification');
  let composer = ident?.children.find((c) => c.name === 'creator' && c.attrs.type === 'composer')?.text.trim() ?? '';
  for (const credit of root.children) {
    if (credit.name !== 'credit') continue;
    const type = childText(credit, 'credit-type');
    const words = childText(credit, 'credit-words') ?? '';
    if (type === 'title' && title === '') title = words;
    if (type === 'composer' && composer === '') composer = words;
  }
  return { title, composer };
}

export function partFamily(info: PartInfo | undefined, name: string): InstrumentFamily {
  return familyFromSound(info?.sound ?? '') ?? familyFromName(name) ?? (info?.program !== undefined ? familyFromProgram(info.program, info.channel) : 'other');
}
