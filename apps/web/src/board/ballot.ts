import type { MyBallot } from '@accord/api';
import { applyDot, dotsUsed, type BallotDots } from '@accord/board';
import type { VoteSetup } from './voting.ts';

/** How a ballot talks to the server (`api.myBallot`, `api.castDot` bound to a board). */
export interface BallotApi {
  get(round: string): Promise<MyBallot>;
  cast(round: string, shapeId: string, delta: 1 | -1): Promise<MyBallot>;
}

interface Dot {
  shapeId: string;
  delta: 1 | -1;
}

/** "you have used all your dots" → "You have used all your dots." */
const sentence = (reason: string): string => `${reason.charAt(0).toUpperCase()}${reason.slice(1)}${/[.!?]$/.test(reason) ? '' : '.'}`;

/**
 * This person's ballot in the board's round, kept by the server. Dots show at once (optimistic)
 * and are sent one after another; each answer replaces what is shown with the server's ballot,
 * and a refusal takes the dot back and says why. A dot the round's limits clearly refuse is not
 * sent at all. Framework-free: `useBallot` wraps it for React.
 */
export class BallotClient {
  private readonly api: BallotApi;
  private readonly onChange: () => void;
  private round: VoteSetup | null = null;
  /** The ballot as the server last answered it. */
  private confirmed: BallotDots = {};
  /** Dots shown but not yet answered, oldest first; the first is in flight. */
  private queue: Dot[] = [];
  /** Bumped on every round change, so answers about an earlier round are dropped. */
  private generation = 0;
  /** Why the last dot was refused, or that the ballot could not be loaded; null when all is well. */
  message: string | null = null;

  constructor(api: BallotApi, onChange: () => void) {
    this.api = api;
    this.onChange = onChange;
  }

  /** Follows the board's round: a new round (or none) starts from the server's ballot for it. */
  setRound(round: VoteSetup | null): void {
    const sameRound = round !== null && this.round?.id === round.id;
    this.round = round;
    if (sameRound) {
      this.onChange();
      return;
    }
    this.generation++;
    this.confirmed = {};
    this.queue = [];
    this.message = null;
    if (round) void this.reload();
    this.onChange();
  }

  /** My dots as shown: the server's ballot with the dots still on their way. */
  get dots(): BallotDots {
    let dots = this.confirmed;
    for (const d of this.queue) {
      const next = this.round ? applyDot({ ...this.round, open: true }, dots, d.shapeId, d.delta) : null;
      if (next && 'dots' in next) dots = next.dots;
    }
    return dots;
  }

  get used(): number {
    return dotsUsed(this.dots);
  }

  /** Adds (1) or takes back (-1) one of my dots on a note. Returns false when refused here (the message says why). */
  cast(shapeId: string, delta: 1 | -1): boolean {
    const round = this.round;
    if (!round) return false;
    const next = applyDot(round, this.dots, shapeId, delta);
    if ('refusal' in next) {
      this.message = sentence(next.refusal);
      this.onChange();
      return false;
    }
    this.message = null;
    this.queue.push({ shapeId, delta });
    this.onChange();
    if (this.queue.length === 1) void this.send(round.id, this.generation);
    return true;
  }

  private async send(roundId: string, generation: number): Promise<void> {
    while (this.generation === generation && this.queue.length) {
      const dot = this.queue[0]!;
      try {
        const answer = await this.api.cast(roundId, dot.shapeId, dot.delta);
        if (this.generation !== generation) return;
        this.confirmed = answer.dots;
      } catch (err) {
        if (this.generation !== generation) return;
        this.message = sentence((err as Error).message || 'The server did not take that dot');
        // What the server holds may differ from what we thought: ask it.
        void this.reload();
      }
      this.queue.shift();
      this.onChange();
    }
  }

  private async reload(): Promise<void> {
    const generation = this.generation;
    const round = this.round;
    if (!round) return;
    try {
      const answer = await this.api.get(round.id);
      if (this.generation !== generation || this.queue.length) return;
      this.confirmed = answer.dots;
    } catch (err) {
      if (this.generation !== generation) return;
      this.message = `Your dots could not be loaded: ${(err as Error).message}`;
    }
    this.onChange();
  }
}
