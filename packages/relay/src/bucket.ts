// The rate limits of a connection (R5, R9) are token buckets.

/**
 * A token bucket: `rate` per second sustained, holding at most `capacity`. Starts full.
 */
export class Bucket {
  private tokens: number;
  private last = Date.now();
  private readonly rate: number;
  private readonly capacity: number;
  constructor(rate: number, capacity: number) {
    this.rate = rate;
    this.capacity = capacity;
    this.tokens = capacity;
  }

  /** Takes `n` tokens if there are that many; false (taking none) otherwise. */
  take(n = 1): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }
}
