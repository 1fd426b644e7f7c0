// When sessions start: arrivals follow a day's rhythm (busy office hours, quiet nights, calmer weekends), with
// password-guessing bursts and connection floods now and then.

import { HOUR, MINUTE, SECOND } from './clock.js';
import { Weighted } from './random.js';
import type { Inbound } from './inbound.js';
import type { Submission } from './submission.js';
import type { World } from './world.js';

/** Sessions per second at the busiest hour of a weekday; chosen so 3M lines span about a week (a weekly log). */
export const PEAK_RATE = 0.9;

type Kind = 'inbound' | 'submission' | 'pickup';
const KINDS = new Weighted<Kind>([['inbound', 74], ['submission', 19], ['pickup', 7]]);

/** Starts the arrival process and the occasional attacks; they run as long as the scheduler does. */
export function startTraffic(w: World, inbound: Inbound, submission: Submission, offsetMinutes: number): void {
  const rnd = w.rnd;
  const good = w.pop.clients.filter((c) => c.kind === 'good');
  const arrive = () => {
    switch (KINDS.draw(rnd)) {
      case 'inbound': inbound.connect(rnd.pickSkewed(w.pop.clients, 1.6)); break;
      case 'submission': submission.session(rnd.pickSkewed(w.pop.submitters, 1.4)); break;
      case 'pickup': submission.pickup(); break;
    }
    w.clock.after(rnd.exp(SECOND / rate(w.clock.now, offsetMinutes)), arrive);
  };
  w.clock.after(rnd.int(0, SECOND), arrive);

  const guess = () => {
    submission.passwordGuessing(rnd.pick(w.pop.bruteForcers));
    w.clock.after(rnd.exp(50 * MINUTE), guess);
  };
  w.clock.after(rnd.exp(50 * MINUTE), guess);

  const flood = () => {
    inbound.flood(rnd.pick(good));
    w.clock.after(rnd.exp(9 * HOUR), flood);
  };
  w.clock.after(rnd.exp(9 * HOUR), flood);
}

/** Sessions per second at time `now` (µs): a daytime hump over a night floor, lower on Saturday and Sunday. */
function rate(now: number, offsetMinutes: number): number {
  const local = now / HOUR + offsetMinutes / 60;
  const hour = local % 24;
  // 1970-01-01 was a Thursday: day 0 → 4 (Mon = 1 … Sun = 7)
  const weekday = ((Math.floor(local / 24) + 3) % 7) + 1;
  const day = hour >= 7 && hour < 21 ? Math.sin((Math.PI * (hour - 7)) / 14) : 0;
  return PEAK_RATE * (0.22 + 0.78 * day) * (weekday >= 6 ? 0.55 : 1);
}
