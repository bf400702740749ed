/**
 * The single command-line entry point: `npm run tutti -- <command> [options]`.
 * Commands load lazily so `--help` and light commands start fast.
 */
import { UsageError, UserError, type CliCommand } from './command.js';

type Loader = () => Promise<CliCommand>;

const commands: Record<string, { summary: string; load: Loader }> = {
  serve: { summary: 'Start the Tutti server (audience, conductor, replay).', load: async () => (await import('./serve.js')).serveCommand },
  follow: { summary: 'Follow an audio file in a score, as a live stream; write MIREX note alignments.', load: async () => (await import('./follow.js')).followCommand },
  eval: { summary: 'Evaluate the follower on a dataset (default ../shared/eval/bach10).', load: async () => (await import('./eval.js')).evalCommand },
  score: { summary: 'Inspect a score: parts, measures, tempo, note count (`score inspect <file>`).', load: async () => (await import('./score.js')).scoreCommand },
  harmony: { summary: 'Print the harmonic analysis of a score.', load: async () => (await import('./harmony.js')).harmonyCommand },
  'harmony-eval': { summary: 'Score the harmony analysis against human analyses.', load: async () => (await import('./harmonyEval.js')).harmonyEvalCommand },
  validate: { summary: 'Check pieces: manifest, files, score, main-tune annotations and cue sheet (file:line: field messages).', load: async () => (await import('./validate.js')).validateCommand },
  'render-demo': { summary: "Remake a bundled piece's rendered recording from its score (byte for byte).", load: async () => (await import('./renderDemo.js')).renderDemoCommand },
  loadtest: { summary: 'Simulate phones against a server on this machine; report ticks missed and delivery latency.', load: async () => (await import('./loadtest.js')).loadtestCommand },
  'make-orchestral-set': { summary: 'Generate the orchestral evaluation set (audio + score + ground truth, Bach10 layout).', load: async () => (await import('./makeOrchestralSet.js')).makeOrchestralSetCommand },
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: npm run tutti -- <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `npm run tutti -- <command> --help` for the options of a command.',
  ].join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(mainHelp());
    return name === undefined ? 2 : 0;
  }
  const entry = commands[name];
  if (!entry) {
    console.error(`tutti: unknown command "${name}"\n\n${mainHelp()}`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.help);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`tutti ${name}: ${err.message}\n\n${command.help}`);
      return 2;
    }
    if (err instanceof UserError) {
      console.error(`tutti ${name}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

