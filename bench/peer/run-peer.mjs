// The peer side of the engine benchmark: runs each bench definition on aws-local-stepfunctions
// (npm) and prints one JSON document with its state transitions and timings.
//
//   node run-peer.mjs --modules DIR --definitions DIR [--warmup N] [--reps N] NAME...
//
// --modules is the node_modules directory aws-local-stepfunctions was installed into (../run.sh
// installs it under bench/target/peer, which git ignores). For each NAME it reads
// NAME.asl.json and NAME.input.json from --definitions, exactly as the Java side does.
//
// A state transition is one state entered: one "StateEntered" event in the peer's event log, one
// "<Type>StateEntered" history event in ours. The count comes from a first, checking run that
// reads the whole event log; the timed runs only await the result (the peer records its event
// log either way, so not reading it is the peer's fastest path).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

function parseArgs(argv) {
  const options = { warmup: 3, reps: 5, names: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case '--modules': options.modules = resolve(value()); break;
      case '--definitions': options.definitions = resolve(value()); break;
      case '--warmup': options.warmup = Number.parseInt(value(), 10); break;
      case '--reps': options.reps = Number.parseInt(value(), 10); break;
      default:
        if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
        options.names.push(arg);
    }
  }
  if (!options.modules || !options.definitions || options.names.length === 0) {
    throw new Error('usage: run-peer.mjs --modules DIR --definitions DIR [--warmup N] [--reps N] NAME...');
  }
  if (!(options.warmup >= 0) || !(options.reps >= 1)) throw new Error('--warmup must be >= 0 and --reps >= 1');
  return options;
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

const options = parseArgs(process.argv.slice(2));
const require = createRequire(join(options.modules, 'noop.js'));
const { StateMachine } = require('aws-local-stepfunctions');
const peerVersion = readJson(join(options.modules, 'aws-local-stepfunctions', 'package.json')).version;

/** One run that reads the whole event log: the transitions it made, and its output. */
async function checkedRun(machine, input) {
  const execution = machine.run(input);
  let transitions = 0;
  const counting = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered') transitions++;
    }
  })();
  const output = await execution.result;
  await counting;
  return { transitions, output };
}

async function timedRun(machine, input) {
  const start = process.hrtime.bigint();
  await machine.run(input).result;
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const results = [];
for (const name of options.names) {
  const definition = readJson(join(options.definitions, `${name}.asl.json`));
  const input = readJson(join(options.definitions, `${name}.input.json`));
  // Validation happens here, once, outside every timing (as parsing does on the Java side).
  const machine = new StateMachine(definition);
  const { transitions, output } = await checkedRun(machine, input);
  for (let i = 0; i < options.warmup; i++) {
    await timedRun(machine, input);
  }
  const timesMs = [];
  for (let i = 0; i < options.reps; i++) {
    timesMs.push(await timedRun(machine, input));
  }
  const medianMs = median(timesMs);
  results.push({
    name,
    transitions,
    warmup: options.warmup,
    reps: options.reps,
    timesMs: timesMs.map((t) => Math.round(t * 1000) / 1000),
    medianMs: Math.round(medianMs * 1000) / 1000,
    transitionsPerSecond: Math.round(transitions / (medianMs / 1000)),
    output,
  });
}

process.stdout.write(JSON.stringify({
  engine: 'aws-local-stepfunctions',
  version: peerVersion,
  runtime: `node ${process.version}`,
  results,
}, null, 2) + '\n');
