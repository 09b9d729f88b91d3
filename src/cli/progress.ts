/**
 * A progress bar on stderr, only when stderr is a terminal (and not `--quiet`): rows, MB/s and,
 * when the input's size is known, percent and ETA. Pipes and log files get nothing, so a
 * scheduler's log is not filled with carriage returns.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(bytes: number, rows: number): void;
  stop(): void;
}

const NONE: Progress = { update: () => undefined, stop: () => undefined };

export function createProgress(options: { readonly enabled: boolean; readonly total: number | undefined; readonly label: string }): Progress {
  if (!options.enabled) return NONE;
  const known = options.total !== undefined && options.total > 0;
  const format = known
    ? `${options.label} {bar} {percentage}% | {rows} rows | {speed} MB/s | ETA {eta_formatted}`
    : `${options.label} {mb} MB | {rows} rows | {speed} MB/s`;
  const bar = new cliProgress.SingleBar(
    { format, stream: process.stderr, hideCursor: true, clearOnComplete: true, etaBuffer: 20, fps: 5 },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(known ? (options.total as number) : 1, 0, { rows: 0, speed: '0.0', mb: '0.0' });
  return {
    update(bytes, rows) {
      const seconds = (performance.now() - started) / 1000;
      const speed = seconds > 0 ? (bytes / 1e6 / seconds).toFixed(1) : '0.0';
      bar.update(known ? bytes : 0, { rows, speed, mb: (bytes / 1e6).toFixed(1) });
    },
    stop() {
      bar.stop();
    },
  };
}
