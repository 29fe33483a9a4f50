import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { formatError } from './formatError.js';
import { exitCodeFor } from './exitCodeFor.js';
import { processIO, type CliIO } from './CliIO.js';
import { runCommand } from './commands/runCommand.js';
import { explainCommand } from './commands/explainCommand.js';
import { initCommand } from './commands/initCommand.js';
import { pluginsCommand } from './commands/pluginsCommand.js';
import { schemaCommand } from './commands/schemaCommand.js';
import { modelsCommand } from './commands/modelsCommand.js';
import { serveCommand } from './commands/serveCommand.js';
import { workerCommand } from './commands/workerCommand.js';
import { statusCommand } from './commands/statusCommand.js';
import { summarizeCommand } from './commands/summarizeCommand.js';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const QUEUE_NAME = { type: 'string', describe: 'Name of the queue in that Redis (default visor)' } as const;
const BACKEND = {
  type: 'string',
  default: 'auto',
  describe: 'What runs the model: auto (the fastest engine that loads it) | onnx | tensorflow | wasm | cpu',
} as const;

/** Parses argv and runs a command. Returns the exit code (never calls process.exit). */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let usageError: string | undefined;
  // Handlers only record the action; it runs after yargs has validated the whole command line
  // (yargs validates strict options after an async handler has started).
  let action: (() => Promise<number>) | undefined;
  const common = (a: { quiet?: boolean; verbose?: boolean }) => ({ quiet: Boolean(a.quiet), verbose: Boolean(a.verbose) });
  const guard = (fn: () => Promise<number>) => async () => {
    action = fn;
  };
  const parser = yargs(argv)
    .scriptName('visor')
    .usage('$0 <command> [options]\n\nExplain why a CNN made its prediction: CAM / Grad-CAM, occlusion, guided backprop.')
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'Print errors only' })
    .option('verbose', { alias: 'v', type: 'boolean', describe: 'Say more: backend choice, model, causes of errors' })
    .command(
      'run <config>',
      'Run a YAML pipeline',
      (y) =>
        y
          .positional('config', { type: 'string', demandOption: true, describe: 'Path to the YAML config' })
          .option('out', { alias: 'o', type: 'string', describe: "Output folder (replaces the config's out:)" })
          .option('resume', {
            type: 'boolean',
            default: false,
            describe: 'Continue the run recorded in the output folder: skip inputs whose files are complete and unchanged, explain the rest',
          })
          .option('queue', { type: 'string', describe: 'Hand the inputs to workers (visor worker) through this Redis: redis://host:port/db' })
          .option('queue-name', QUEUE_NAME)
          .option('detach', { type: 'boolean', describe: 'With --queue: return once the jobs are enqueued (then visor summarize writes the summary)' })
          .option('attempts', { type: 'number', describe: 'With --queue: tries per job when processing throws (default 3)' })
          .option('backoff', { type: 'number', describe: 'With --queue: ms before the first retry, doubled at each retry (default 1000)' }),
      async (a) =>
        guard(() =>
          runCommand(
            a.config,
            {
              ...common(a),
              out: a.out,
              resume: a.resume,
              queue: a.queue,
              queueName: a['queue-name'],
              detach: a.detach,
              attempts: a.attempts,
              backoff: a.backoff,
            },
            io,
          ),
        )(),
    )
    .command(
      'worker',
      'Process the jobs of a queue (visor run --queue) until stopped: any number, on any machine that sees the output folder at the same path',
      (y) =>
        y
          .option('queue', { type: 'string', demandOption: true, describe: 'The Redis of the queue: redis://host:port/db' })
          .option('queue-name', QUEUE_NAME)
          .option('concurrency', { type: 'number', default: 1, describe: 'Jobs at once, each in its own thread with its own copy of the model' })
          .option('lock-duration', {
            type: 'number',
            describe: "ms a job stays locked without renewal: how long a dead worker's job waits before another worker takes it (default 30000)",
          })
          .option('stalled-interval', { type: 'number', describe: 'ms between checks for jobs of dead workers (default 30000)' })
          .option('max-stalled', { type: 'number', describe: 'Times a job whose worker died is put back before it fails (default 1)' })
          .option('exit-when-drained', { type: 'boolean', describe: 'Exit once no job is waiting, active or delayed' }),
      async (a) =>
        guard(() =>
          workerCommand(
            {
              ...common(a),
              queue: a.queue,
              queueName: a['queue-name'],
              concurrency: a.concurrency,
              lockDuration: a['lock-duration'],
              stalledInterval: a['stalled-interval'],
              maxStalled: a['max-stalled'],
              exitWhenDrained: a['exit-when-drained'],
            },
            io,
          ),
        )(),
    )
    .command(
      'status',
      "Show a queue's progress: jobs by state, inputs recorded, failures with their messages",
      (y) =>
        y
          .option('queue', { type: 'string', demandOption: true, describe: 'The Redis of the queue: redis://host:port/db' })
          .option('queue-name', QUEUE_NAME)
          .option('json', { type: 'boolean', describe: 'Print JSON' }),
      async (a) => guard(() => statusCommand({ queue: a.queue, queueName: a['queue-name'], json: a.json }, io))(),
    )
    .command(
      'summarize <config>',
      "Write a run's summary (tables, report index) from the records in its output folder, without the model",
      (y) =>
        y
          .positional('config', { type: 'string', demandOption: true, describe: 'Path to the YAML config' })
          .option('out', { alias: 'o', type: 'string', describe: "Output folder (replaces the config's out:)" }),
      async (a) => guard(() => summarizeCommand(a.config, { ...common(a), out: a.out }, io))(),
    )
    .command(
      'explain <inputs..>',
      'Explain images in one line (equivalent to a generated config; see --print-config)',
      (y) =>
        y
          .positional('inputs', { type: 'string', array: true, demandOption: true, describe: 'Images, .npy arrays, folders or globs' })
          .option('model', { alias: 'm', type: 'string', demandOption: true, describe: 'The model: TF.js model.json, .onnx, Keras .h5 / .keras' })
          .option('method', { type: 'string', array: true, default: ['grad-cam'], describe: 'Comma-separated explainers, e.g. cam,occlusion,guided-backprop' })
          .option('top', { type: 'number', describe: 'Explain the top k classes (default 1)' })
          .option('target', { type: 'string', array: true, describe: 'Explain these classes (index or label)', conflicts: 'top' })
          .option('layer', { type: 'string', describe: 'Layer for cam / grad-cam / grad-cam++ / guided-grad-cam' })
          .option('set', { type: 'string', array: true, describe: 'A method option: <method>.<option>=<value>, e.g. occlusion.patch=16' })
          .option('preprocess', { type: 'string', describe: 'caffe | tf | torch | none (default none)' })
          .option('backend', BACKEND)
          .option('renderer', { type: 'string', array: true, describe: 'Comma-separated renderers (default png,json,html)' })
          .option('metric', { type: 'string', array: true, describe: 'Comma-separated metrics of the explanations, e.g. deletion,insertion,pointing-game' })
          .option('masks', { type: 'string', describe: 'Ground-truth masks for the localisation metrics: a path with {name}, e.g. masks/{name}.png' })
          .option('input-size', {
            type: 'string',
            describe: 'Input height×width for models whose file does not fix it (an ONNX export with free sizes), e.g. 224x224',
          })
          .option('output-activation', {
            type: 'string',
            choices: ['auto', 'softmax', 'sigmoid', 'linear'],
            default: 'auto',
            describe: "What turns the model's outputs into probabilities (softmax for a classifier that outputs logits)",
          })
          .option('labels', { type: 'string', describe: "Labels file, or 'imagenet'" })
          .option('out', { alias: 'o', type: 'string', default: './out', describe: 'Output folder' })
          .option('print-config', { type: 'boolean', default: false, describe: 'Print the equivalent YAML config and exit' }),
      async (a) =>
        guard(() =>
          explainCommand(
            {
              inputs: a.inputs,
              model: a.model,
              method: a.method,
              top: a.top,
              target: a.target,
              layer: a.layer,
              set: a.set,
              preprocess: a.preprocess,
              backend: a.backend,
              renderer: a.renderer,
              metric: a.metric,
              masks: a.masks,
              outputActivation: a['output-activation'],
              inputSize: a['input-size'],
              labels: a.labels,
              out: a.out,
              printConfig: a['print-config'],
            },
            common(a),
            io,
          ),
        )(),
    )
    .command(
      'init',
      'Write a commented starter config for a model',
      (y) =>
        y
          .option('model', { alias: 'm', type: 'string', demandOption: true, describe: 'The model: TF.js model.json, .onnx, Keras .h5 / .keras' })
          .option('file', { type: 'string', default: 'visor.yaml', describe: 'Config file to write' })
          .option('inputs', { type: 'string', default: './images', describe: 'Inputs to put in the config' })
          .option('force', { type: 'boolean', default: false, describe: 'Overwrite an existing file' }),
      async (a) => guard(() => initCommand({ model: a.model, file: a.file, force: a.force, inputs: a.inputs }, io))(),
    )
    .command(
      'plugins',
      'List the loaded plugins, their versions and options',
      (y) => y.option('plugin', { type: 'string', array: true, default: [], describe: 'Also load these plugins (npm names or paths)' }),
      async (a) => guard(() => pluginsCommand(a.plugin as string[], io))(),
    )
    .command(
      'schema',
      'Print the JSON Schema of the config file (for editors)',
      (y) => y.option('plugin', { type: 'string', array: true, default: [], describe: 'Also include these plugins' }),
      async (a) => guard(() => schemaCommand(a.plugin as string[], io))(),
    )
    .command(
      'models <model>',
      "List a model's layers with shapes and the layers CAM / Grad-CAM would choose",
      (y) =>
        y
          .positional('model', { type: 'string', demandOption: true })
          .option('backend', BACKEND)
          .option('input-size', { type: 'string', describe: 'Input height×width for models whose file does not fix it, e.g. 224x224' })
          .option('output-activation', {
            type: 'string',
            choices: ['auto', 'softmax', 'sigmoid', 'linear'],
            default: 'auto',
            describe: "What turns the model's outputs into probabilities",
          }),
      async (a) => guard(() => modelsCommand(a.model, { backend: a.backend, inputSize: a['input-size'], outputActivation: a['output-activation'] }, io))(),
    )
    .command(
      'serve',
      'Serve the web app (explain models in the browser) on http://127.0.0.1, cross-origin isolated for wasm threads',
      (y) =>
        y
          .option('port', { alias: 'p', type: 'number', default: 8080, describe: 'Port (0: any free one)' })
          .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' })
          .option('dir', { type: 'string', describe: 'Serve this built folder instead of the bundled app' }),
      async (a) => guard(() => serveCommand({ dir: a.dir, port: a.port, host: a.host }, io))(),
    )
    .demandCommand(1, 'Name a command: run, explain, worker, status, summarize, init, plugins, schema, models or serve.')
    .recommendCommands()
    .strict()
    .help()
    .alias('help', 'h')
    .version(VERSION)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      usageError = msg;
    });
  const verbose = argv.includes('--verbose') || argv.includes('-v');
  try {
    let helpText = '';
    await parser.parseAsync(argv, {}, (_err, _argv, output) => {
      helpText = output;
    });
    if (usageError) {
      io.stderr.write(`${helpText ? `${helpText}\n\n` : ''}visor: ${usageError}\n`);
      return 2;
    }
    if (helpText) io.stdout.write(`${helpText}\n`);
    return action ? await action() : 0;
  } catch (e) {
    io.stderr.write(`${formatError(e, verbose)}\n`);
    return exitCodeFor(e);
  }
}
