import cliProgress from 'cli-progress';
import type { LogLevel, ProgressEvent } from '@visor/core';

export interface ReporterOptions {
  quiet: boolean;
  verbose: boolean;
  tty: boolean;
  stderr: NodeJS.WritableStream;
}

/** Stage names are padded to at least this width, or to the longest one seen, so the bars line up. */
const MIN_STAGE_WIDTH = 16;

/**
 * Progress and log lines for the CLI: a progress bar per stage (inputs done, occlusion windows done, ETA) on a
 * terminal, plain lines at every 25% otherwise; nothing with --quiet but warnings.
 *
 * A bar reads `stage  [█████░░░░░] 12/40 | ETA 7s`. The ETA is cli-progress's (the rate over the last 20
 * updates); it reads … until there is a rate to go by and 0s once done. A stage whose count goes back (the
 * next input's occlusion windows) starts its bar's ETA afresh, so the previous input's rate does not leak in.
 */
export class Reporter {
  private readonly bars = new Map<string, { bar: cliProgress.SingleBar; done: number }>();
  private readonly multi?: cliProgress.MultiBar;
  private readonly lastQuarter = new Map<string, number>();
  private stageWidth = MIN_STAGE_WIDTH;
  private stopped = false;

  constructor(private readonly opts: ReporterOptions) {
    if (opts.tty && !opts.quiet) {
      this.multi = new cliProgress.MultiBar(
        { stream: opts.stderr, format: this.formatBar, hideCursor: true, clearOnComplete: false, etaBuffer: 20 },
        cliProgress.Presets.shades_classic,
      );
    }
  }

  private readonly formatBar = (options: cliProgress.Options, params: cliProgress.Params, payload: { stage?: string }): string => {
    const size = options.barsize ?? 40;
    const filled = Math.round(Math.min(1, Math.max(0, params.progress)) * size);
    const bar = (options.barCompleteString ?? '').slice(0, filled) + (options.barIncompleteString ?? '').slice(0, size - filled);
    // cli-progress's eta is a number of seconds, or a string ('0' before any update, 'NULL', 'INF').
    const eta = params.value >= params.total ? '0s' : Number.isFinite(params.eta) && params.eta > 0 ? `${Math.round(params.eta)}s` : '…';
    return `${(payload.stage ?? '').padEnd(this.stageWidth)} [${bar}] ${params.value}/${params.total} | ETA ${eta}`;
  };

  progress = (e: ProgressEvent): void => {
    if (this.opts.quiet) return;
    if (this.multi) {
      if (this.stopped) return;
      this.stageWidth = Math.max(this.stageWidth, e.stage.length);
      const known = this.bars.get(e.stage);
      if (!known) {
        this.bars.set(e.stage, { bar: this.multi.create(e.total, e.done, { stage: e.stage }), done: e.done });
        return;
      }
      if (e.done < known.done) known.bar.start(e.total, e.done, { stage: e.stage });
      else {
        known.bar.setTotal(e.total);
        known.bar.update(e.done, { stage: e.stage });
      }
      known.done = e.done;
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
    // While bars are drawn, lines go above them on the next redraw; before the first bar and after stop()
    // there is no redraw to wait for.
    if (this.multi && this.bars.size > 0 && !this.stopped) this.multi.log(`${line}\n`);
    else this.opts.stderr.write(`${line}\n`);
  };

  /**
   * Writes pending log lines, draws the bars a last time and gives the terminal back (cursor shown).
   * Safe to call twice.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (!this.multi || this.bars.size === 0) return;
    // cli-progress's stop() would drop lines logged since the last redraw: redraw first.
    this.multi.update();
    this.multi.stop();
  }
}
