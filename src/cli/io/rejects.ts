/**
 * The reject file: one JSON line per rejected row with its line number and the reason (and
 * the field, when the reason is about one), never a value from the row. Created only when a
 * row is rejected, written atomically like every other output, and kept when the run stops
 * because of too many rejects — that is when it is needed most.
 */
import { AtomicFile } from './atomic-file.js';
import type { Reject } from './records.js';

const encoder = new TextEncoder();

export class RejectLog {
  private file: AtomicFile | undefined;
  private total = 0;

  /** @param path where the file goes (undefined: rejects are only counted). */
  constructor(readonly path: string | undefined) {}

  get count(): number {
    return this.total;
  }

  async add(rejects: readonly Reject[]): Promise<void> {
    if (rejects.length === 0) return;
    this.total += rejects.length;
    if (this.path === undefined) return;
    this.file ??= await AtomicFile.create(this.path);
    let text = '';
    for (const r of rejects) {
      text += JSON.stringify(r.field === undefined ? { line: r.line, reason: r.reason } : { line: r.line, field: r.field, reason: r.reason }) + '\n';
    }
    await this.file.write(encoder.encode(text));
  }

  /** Makes the file visible if any row was rejected. */
  async finish(): Promise<void> {
    await this.file?.commit();
  }

  async abort(): Promise<void> {
    await this.file?.abort();
  }
}
