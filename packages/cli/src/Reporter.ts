import cliProgress from 'cli-progress';
import type { LogLevel, ProgressEvent } from '@visor/core';

export interface ReporterOptions {
  quiet: boolean;
  verbose: boolean;
  tty: boolean;
  stderr: NodeJS.WritableStream;
}

const STAGE_WIDTH = 16;

/** `stage  [█████░░░░░] 12/40 | ETA 7s`; the ETA reads 0s once done and … until there is a rate to go by. */
function formatBar(options: cliProgress.Options, params: cliProgress.Params, payload: { stage?: string }): string {
  const size = options.barsize ?? 40;
  const filled = Math.round(Math.min(1, Math.max(0, params.progress)) * size);
  const bar = (options.barCompleteString ?? '').slice(0, filled) + (options.barIncompleteString ?? '').slice(0, size - filled);
  const eta = params.value >= params.total ? '0s' : Number.isFinite(params.eta) && params.eta > 0 ? `${Math.round(params.eta)}s` : '…';
  return `${(payload.stage ?? '').padEnd(STAGE_WIDTH)} [${bar}] ${params.value}/${params.total} | ETA ${eta}`;
}

/**
 * Progress and log lines for the CLI: a progress bar per stage (inputs done, occlusion windows done, ETA) on a
 * terminal, plain lines at every 25% otherwise; nothing with --quiet but errors.
 */
export class Reporter {
  private readonly bars = new Map<string, cliProgress.SingleBar>();
  private readonly multi?: cliProgress.MultiBar;
  private readonly lastQuarter = new Map<string, number>();

  constructor(private readonly opts: ReporterOptions) {
    if (opts.tty && !opts.quiet) {
      this.multi = new cliProgress.MultiBar(
        { stream: opts.stderr as NodeJS.WriteStream, format: formatBar, hideCursor: true, clearOnComplete: false, etaBuffer: 20 },
        cliProgress.Presets.shades_classic,
      );
    }
  }

  progress = (e: ProgressEvent): void => {
    if (this.opts.quiet) return;
    if (this.multi) {
      let bar = this.bars.get(e.stage);
      if (!bar) {
        bar = this.multi.create(e.total, e.done, { stage: e.stage });
        this.bars.set(e.stage, bar);
      }
      bar.setTotal(e.total);
      bar.update(e.done, { stage: e.stage });
      return;
    }
    const quarter = e.total ? Math.floor((4 * e.done) / e.total) : 4;
    if (this.lastQuarter.get(e.stage) !== quarter) {
      this.lastQuarter.set(e.stage, quarter);
      if (e.done > 0) this.opts.stderr.write(`${e.stage}: ${e.done}/${e.total}\n`);
    }
  };

  log = (level: LogLevel, message: string): void => {
    if (this.opts.quiet && level !== 'warn') return;
    if (level === 'verbose' && !this.opts.verbose) return;
    const line = `${level === 'warn' ? 'warning: ' : ''}${message}`;
    if (this.multi) this.multi.log(`${line}\n`);
    else this.opts.stderr.write(`${line}\n`);
  };

  stop(): void {
    this.multi?.stop();
  }
}
