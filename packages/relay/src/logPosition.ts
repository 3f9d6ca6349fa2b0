import type { LogSpan } from './peers.ts';

/**
 * How much of its room's storage log a loaded room's doc holds (R10, scaled out). Entries come from
 * this instance's own commits, from peers' frames (each names the stretch it carries) and from
 * catch-ups; they may arrive out of order. `heard` is the point through which none is missing;
 * stretches past a hole wait in `ahead` until the hole fills — or the relay fills it from storage.
 */
export class LogPosition {
  /** Every entry of the room with a seq up to this is in the doc. */
  heard = 0;
  /** Since when (ms) a hole has been open without progress; null without one. */
  holeSince: number | null = null;
  /** The room's head storage reported at the previous periodic check. */
  checkedHead = 0;
  /** Stretches held beyond a hole: prevSeq → lastSeq. */
  private readonly ahead = new Map<number, number>();

  /** True while the doc holds entries past one it lacks. */
  get hole(): boolean {
    return this.ahead.size > 0;
  }

  /** The doc now holds this stretch. Constant time: frames arrive at this rate. */
  add(span: LogSpan): void {
    if (span.lastSeq <= this.heard) return;
    const before = this.heard;
    if (span.prevSeq <= this.heard) {
      this.heard = span.lastSeq;
      this.followChain();
    } else {
      this.ahead.set(span.prevSeq, Math.max(this.ahead.get(span.prevSeq) ?? 0, span.lastSeq));
    }
    this.holeChanged(before);
  }

  /** The doc now holds every entry through `seq` (it was read from storage). */
  reached(seq: number): void {
    const before = this.heard;
    if (seq > this.heard) this.heard = seq;
    // Rare (loads and catch-ups): a full pass over what waited past the hole.
    for (const [prev, last] of this.ahead) {
      if (prev > this.heard) continue;
      this.ahead.delete(prev);
      if (last > this.heard) this.heard = last;
    }
    this.followChain();
    this.holeChanged(before);
  }

  /** Links the stretches that start exactly where `heard` ends, as far as they reach. */
  private followChain(): void {
    for (let next = this.ahead.get(this.heard); next !== undefined; next = this.ahead.get(this.heard)) {
      this.ahead.delete(this.heard);
      this.heard = Math.max(this.heard, next);
    }
  }

  private holeChanged(before: number): void {
    if (this.ahead.size === 0) this.holeSince = null;
    else if (this.holeSince === null || this.heard > before) this.holeSince = Date.now();
  }
}
