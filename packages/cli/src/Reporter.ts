import cliProgress from 'cli-progress';
import type { LogLevel, ProgressEvent } from '@visor/core';

export interface ReporterOptions {
  quiet: boolean;
  verbose: boolean;
  tty: boolean;
  stderr: NodeJS.WritableStream;
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
        { stream: opts.stderr as NodeJS.WriteStream, format: '{stage} [{bar}] {value}/{total} | ETA {eta_formatted}', hideCursor: true, clearOnComplete: false, etaBuffer: 20 },
        cliProgress.Presets.shades_classic,
      );
    }
  }

  progress = (e: ProgressEvent): void => {
    if (this.opts.quiet) return;
    if (this.multi) {
      let bar = this.bars.get(e.stage);
      if (!bar) {
        bar = this.multi.create(e.total, e.done, { stage: e.stage.padEnd(10) });
        this.bars.set(e.stage, bar);
      }
      bar.setTotal(e.total);
      bar.update(e.done, { stage: e.stage.padEnd(10) });
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
