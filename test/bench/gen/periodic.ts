// Lines that come on a timer rather than with mail: anvil and scache statistics, postscreen's cache cleanup,
// a nightly `postfix reload`, and the other programs that share mail.log (cron, dovecot logins).

import { HOUR, MINUTE, SECOND } from './clock.js';
import { classicStamp } from './writer.js';
import type { World } from './world.js';

// anvil_status_update_time and scache's status interval (Postfix's default 600s)
const STATUS_INTERVAL = 10 * MINUTE;
// postscreen_cache_cleanup_interval (Postfix's default 12h)
const CACHE_CLEANUP = 12 * HOUR;
// mean gap between IMAP logins
const IMAP_LOGIN_GAP = 150 * SECOND;

/** Starts every timer; each re-arms itself. */
export function startPeriodic(w: World, offsetMinutes: number): void {
  const rnd = w.rnd;
  const at = (us: number) => classicStamp(us, offsetMinutes);
  const every = (first: number, gap: () => number, run: () => void) => {
    const tick = () => {
      run();
      w.clock.after(gap(), tick);
    };
    w.clock.after(first, tick);
  };

  every(rnd.int(1, 600) * SECOND, () => STATUS_INTERVAL + rnd.int(0, 2_000_000), () => {
    const now = w.clock.now;
    const busy = rnd.pick(w.pop.clients);
    w.log('postfix/anvil', w.anvil, `statistics: max connection rate ${rnd.int(1, 12)}/60s for (smtpd:${busy.ip}) at ${at(now - rnd.int(1, 600) * SECOND)}`);
    w.log('postfix/anvil', w.anvil, `statistics: max connection count ${rnd.int(1, 4)} for (smtpd:${busy.ip}) at ${at(now - rnd.int(1, 600) * SECOND)}`);
    w.log('postfix/anvil', w.anvil, `statistics: max cache size ${rnd.int(5, 60)} at ${at(now - rnd.int(1, 600) * SECOND)}`);
  });

  every(rnd.int(1, 600) * SECOND, () => STATUS_INTERVAL + rnd.int(0, 2_000_000), () => {
    const now = w.clock.now;
    const hits = rnd.int(20, 400);
    const miss = rnd.int(1, 40);
    w.log('postfix/scache', w.scache, `statistics: start interval ${at(now - STATUS_INTERVAL)}`);
    w.log('postfix/scache', w.scache, `statistics: domain lookup hits=${hits} miss=${miss} success=${Math.floor((100 * hits) / (hits + miss))}%`);
    w.log('postfix/scache', w.scache, `statistics: address lookup hits=0 miss=${miss} success=0%`);
    w.log('postfix/scache', w.scache, `statistics: max simultaneous domains=${rnd.int(1, 5)} addresses=${rnd.int(1, 6)} connection=${rnd.int(1, 12)}`);
  });

  every(rnd.int(1, 60) * SECOND, () => CACHE_CLEANUP, () => {
    w.log('postfix/postscreen', w.postscreen, `cache btree:/var/lib/postfix/postscreen_cache full cleanup: retained=${rnd.int(50, 400)} dropped=${rnd.int(0, 80)} entries`);
  });

  // a nightly reload (a certificate renewal hook): the master restarts qmgr, pickup, postscreen and friends
  every(nextLocal(w.clock.now, offsetMinutes, 3, 7) + rnd.int(0, 50) * MINUTE, () => 24 * HOUR + rnd.int(-1800, 1800) * SECOND, () => {
    w.log('postfix/postfix-script', w.pids.take(), 'refreshing the Postfix mail system');
    w.log('postfix/master', w.master, 'reload -- version 3.7.11, configuration /etc/postfix');
    w.restartDaemons();
  });

  // other programs in mail.log: sysstat's cron job every ten minutes, IMAP logins and logouts
  every(nextLocal(w.clock.now, offsetMinutes, -1, 10) + rnd.int(0, 900_000), () => 10 * MINUTE + rnd.int(-300_000, 300_000), () => {
    w.log('CRON', w.pids.take(), '(root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)');
  });
  every(rnd.int(1, 30) * SECOND, () => rnd.exp(IMAP_LOGIN_GAP), () => {
    const user = rnd.pickSkewed(w.pop.lmtpUsers, 1.5);
    const s = rnd.pick(w.pop.submitters);
    w.log('dovecot', null, `imap-login: Login: user=<${user}>, method=PLAIN, rip=${s.ip}, lip=${w.pop.serverIp}, mpid=${w.pids.take()}, TLS, session=<${rnd.alnum(16)}>`);
    w.clock.after(rnd.int(1, 45) * MINUTE, () => {
      w.log('dovecot', null, `imap(${user}): Logged out in=${rnd.int(50, 5000)} out=${rnd.int(300, 900_000)}`);
    });
  });
}

/**
 * Microseconds from `now` to the next local time at `hour` (or, with hour -1, to the next multiple of `minutes`
 * past the hour).
 */
function nextLocal(now: number, offsetMinutes: number, hour: number, minutes: number): number {
  const local = now + offsetMinutes * MINUTE;
  if (hour < 0) {
    const step = minutes * MINUTE;
    return step - (local % step);
  }
  const day = 24 * HOUR;
  const target = hour * HOUR;
  const into = local % day;
  return into < target ? target - into : day - into + target;
}
