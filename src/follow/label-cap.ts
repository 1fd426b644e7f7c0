// Bounded label values for /metrics: every distinct label value is a time series of its own in Prometheus, so a
// label fed from the log (a domain, a DSN, a reject class) admits only so many values, and the rest share one.

/**
 * The value the labels past the cap share. Parentheses cannot appear in a domain name or an unquoted local part,
 * and the report already writes its stand-ins this way (`(unknown host)`), so it never collides with a real value.
 */
export const OTHER_LABEL = '(other)';

/** Admits the first `max` distinct values of one label; later new values map to OTHER_LABEL. */
export class LabelCap {
  private readonly admitted = new Set<string>();

  constructor(readonly max: number) {}

  /** The label value to count `value` under: itself while there is room (or once admitted), else OTHER_LABEL. */
  of(value: string): string {
    if (this.admitted.has(value)) return value;
    if (this.admitted.size >= this.max) return OTHER_LABEL;
    this.admitted.add(value);
    return value;
  }
}
