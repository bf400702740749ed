/** English: the reference catalogue; every other language has the same keys (i18n.test.ts checks). */
export const en = {
  brand: 'Tutti',
  count: { none: '…', listening: '{n} listening' },
  status: {
    connecting: 'Connecting to the concert…',
    waiting: 'Waiting for the concert',
    waitingNote: 'This page follows the music as soon as it starts.',
    starting: 'The concert has started',
    startingNote: 'Listening for the first notes…',
    unsure: 'Finding our place',
    unsureNote: 'The music goes on; the bar comes back as soon as we are sure.',
    interval: 'Interval',
    intervalNote: 'The music resumes after the break; this page follows it again.',
    between: 'Between pieces',
    next: 'Next: {title}',
    ended: 'The concert has ended',
    endedNote: 'Thank you for listening.',
    bar: 'Bar',
    lost: 'Connection lost — reconnecting…',
  },
  mark: {
    machine: 'Bar from the listening machine · {certainty}',
    operator: 'Bar set by the stage manager',
    certainty: { sure: 'sure', fairly: 'fairly sure', unsure: 'unsure', notSure: 'not sure' },
  },
  sections: {
    harmony: 'Harmony',
    harmonyEmpty: 'The harmony of the passage will appear here while the music is followed.',
    harmonyNone: 'No harmony to show in this bar.',
    instruments: 'Instruments',
    instrumentsEmpty: 'Which instruments are playing will appear here during the performance.',
    tutti: 'Tutti: the whole orchestra',
    silence: 'Silence: nobody plays in this bar.',
    notes: 'Program notes',
    notesEmpty: 'No program notes have been published for this concert yet.',
    notesNone: 'No note for this passage.',
    bars: 'Bars {from}–{to}',
    endedTitle: 'After the concert',
    endedText: 'The music has finished, so this page no longer follows it. You can close it.',
  },
  family: {
    strings: 'Strings',
    woodwinds: 'Woodwinds',
    brass: 'Brass',
    percussion: 'Percussion',
    keyboard: 'Keyboard',
    voice: 'Voices',
    other: 'Other',
  },
  settings: { language: 'Language' },
} as const;

/** The shape every catalogue must have: the English keys, any strings. */
type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof en>;
