/** Where the CLI reads and writes; tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  cwd: string;
  /** Draw progress bars (stderr is a terminal). */
  tty: boolean;
}

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), tty: Boolean(process.stderr.isTTY) };
}
