/**
 * How many events happened lately: two fixed buckets of `windowMs`, the current one and the one
 * before, so adding and reading cost the same however many events arrive. `count()` covers
 * between one and two windows.
 */
export class RecentCount {
  private bucket = Number.NEGATIVE_INFINITY;
  private current = 0;
  private previous = 0;

  constructor(
    private readonly windowMs: number,
    /** Milliseconds on a monotonic clock. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  add(n = 1): void {
    this.roll();
    this.current += n;
  }

  count(): number {
    this.roll();
    return this.current + this.previous;
  }

  private roll(): void {
    const b = Math.floor(this.now() / this.windowMs);
    if (b === this.bucket) return;
    this.previous = b === this.bucket + 1 ? this.current : 0;
    this.current = 0;
    this.bucket = b;
  }
}
