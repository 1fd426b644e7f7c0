// Delay histograms of delivered recipients: delay= (total) and the four stages of delays=a/b/c/d (before the
// queue manager, in the queue, connection set-up, transmission), for the percentiles renderers print.

import type { Delays } from '../parse/events.js';
import type { Histogram } from '../report/model.js';
import { emptyHistogram } from '../report/empty.js';
import { toMs } from './counters.js';
import type { Section, SectionFactory } from './section.js';

/** A histogram being filled: its sum kept in integer milliseconds so that sums (and merges) stay exact. */
interface Filling { h: Histogram; sumMs: number }

/** The delays section's aggregator. */
export const delaysSection: SectionFactory = (): Section => {
  const total = filling();
  const stages: Record<keyof Delays, Filling> = {
    beforeQmgr: filling(), inQueue: filling(), connSetup: filling(), transmission: filling(),
  };

  return {
    fact(f) {
      // final deliveries only: not `forwarded as` (its copy's delivery counts), not deferrals or bounces
      if (f.kind !== 'delivered' || f.forwarded || f.record.event.kind !== 'delivery-status') return;
      const ev = f.record.event;
      if (ev.delay !== null) observe(total, ev.delay);
      if (ev.delays !== null) {
        observe(stages.beforeQmgr, ev.delays.beforeQmgr);
        observe(stages.inQueue, ev.delays.inQueue);
        observe(stages.connSetup, ev.delays.connSetup);
        observe(stages.transmission, ev.delays.transmission);
      }
    },
    write(report) {
      report.delays = {
        total: done(total),
        beforeQmgr: done(stages.beforeQmgr),
        inQueue: done(stages.inQueue),
        connSetup: done(stages.connSetup),
        transmission: done(stages.transmission),
      };
    },
  };
};

function filling(): Filling {
  return { h: emptyHistogram(), sumMs: 0 };
}

/** Counts one reading (seconds) in the first bucket whose upper bound it does not exceed, else the last. */
function observe(f: Filling, seconds: number): void {
  const h = f.h;
  let i = 0;
  while (i < h.bounds.length && seconds > h.bounds[i]!) i++;
  h.counts[i]!++;
  h.count++;
  f.sumMs += toMs(seconds);
  if (seconds > h.max) h.max = seconds;
}

function done(f: Filling): Histogram {
  return { ...f.h, sum: f.sumMs / 1000 };
}
