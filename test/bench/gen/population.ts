// The fixed world of the bench log: our domains and users, remote domains with their MX hosts and how they
// behave, and the client hosts that connect. Drawn from the seed alone (never from the line count), so a longer
// log of the same seed has the same population: more lines means more traffic, not more names.

import { Random } from './random.js';

/** What a remote destination does with our mail. */
export type RemoteBehavior = 'ok' | 'greylist' | 'slow' | 'dead' | 'nxdomain' | 'flaky' | 'strict';

/** A remote domain: its users send to us and receive from us; its MX is where our smtp(8) connects. */
export interface RemoteDomain {
  name: string;
  mx: string;
  ip: string;
  behavior: RemoteBehavior;
  users: string[];
  /** until when Postfix treats the destination as dead and defers without trying (µs) */
  suspendedUntil: number;
}

/** How a connecting client behaves (and so what postscreen and smtpd log for it). */
export type ClientKind =
  | 'good' | 'allow' | 'dnsbl' | 'pregreet' | 'hangup' | 'deny' | 'dynamic' | 'nordns' | 'forged'
  | 'badhelo' | 'spammer' | 'relayer' | 'dictionary' | 'prober' | 'warnhelo';

/** A host that connects to port 25. */
export interface Client {
  /** the reverse name, or `unknown` */
  name: string;
  ip: string;
  helo: string;
  kind: ClientKind;
  /** sends HELO rather than EHLO (proto=SMTP) */
  helo1: boolean;
  /** its senders' domain */
  domain: RemoteDomain;
  /** the name its address claims but does not resolve back to (kind forged) */
  forgedName: string;
  /** when postscreen last passed it (µs); -1: never */
  lastPass: number;
}

/** An internal host that submits mail (587/465) with SASL. */
export interface Submitter {
  name: string;
  ip: string;
}

/** Everything with a name in the log. */
export interface Population {
  /** the syslog host name and myhostname */
  host: string;
  myhostname: string;
  serverIp: string;
  localDomain: string;
  virtualDomain: string;
  lmtpDomain: string;
  relayDomain: string;
  localUsers: string[];
  /** local aliases that expand to several users: [alias, members] */
  lists: Array<[string, string[]]>;
  virtualUsers: string[];
  lmtpUsers: string[];
  relayUsers: string[];
  /** remote domains; skewed picks favour the front, so a few are big correspondents */
  remote: RemoteDomain[];
  clients: Client[];
  submitters: Submitter[];
  /** outside hosts that try to guess passwords on the submission port */
  bruteForcers: Submitter[];
  relayHost: string;
  relayIp: string;
  lmtpHost: string;
}

const FIRST = ['anna', 'ben', 'carla', 'david', 'eva', 'felix', 'greta', 'hugo', 'ines', 'jonas', 'karin', 'lars', 'mia',
  'nico', 'olga', 'paul', 'quinn', 'rosa', 'sven', 'tina', 'uwe', 'vera', 'walter', 'xenia', 'yannick', 'zoe', 'alex',
  'chris', 'dana', 'emil', 'frida', 'george', 'hanna', 'ivan', 'julia', 'kevin', 'lena', 'marc', 'nora', 'oscar'];
const LAST = ['smith', 'mueller', 'schmidt', 'dupont', 'tanaka', 'rossi', 'novak', 'garcia', 'jensen', 'kowalski',
  'meyer', 'weber', 'wagner', 'becker', 'hoffmann', 'martin', 'bernard', 'petit', 'moreau', 'lefebvre', 'silva',
  'santos', 'costa', 'nielsen', 'hansen', 'larsen', 'berg', 'lind', 'virtanen', 'korhonen', 'horvat', 'kovacs'];
const ROLES = ['info', 'sales', 'support', 'billing', 'noreply', 'newsletter', 'orders', 'hr', 'office', 'alerts',
  'notifications', 'team', 'marketing', 'accounts', 'service', 'contact', 'jobs', 'press', 'bounces', 'reply'];
const W1 = ['north', 'blue', 'star', 'river', 'cloud', 'green', 'stone', 'bright', 'silver', 'oak', 'lake', 'sun', 'pine',
  'iron', 'red', 'maple', 'harbor', 'summit', 'eagle', 'coral', 'delta', 'nova', 'alpha', 'swift', 'peak', 'urban'];
const W2 = ['tech', 'mail', 'works', 'soft', 'labs', 'net', 'media', 'shop', 'group', 'systems', 'trade', 'bank',
  'travel', 'news', 'health', 'market', 'data', 'logistics', 'design', 'energy'];
// reserved names only (RFC 2606), so nothing here is a real domain
const TLDS = ['example', 'example.com', 'example.net', 'example.org', 'test'];

// sizes of the world: "a few thousand addresses, some hundred client hosts"
const REMOTE_DOMAINS = 320;
const USERS_PER_DOMAIN = 8;
const CLIENTS = 420;

/** Builds the population from the seed (its own PRNG stream, independent of the traffic's draws). */
export function buildPopulation(seed: number): Population {
  const rnd = new Random(seed ^ 0x5eed1e55);
  const ips = addressPool(rnd);
  const serverIp = '198.51.100.25';
  const person = () => rnd.pick(FIRST) + rnd.pick(['.', '', '_']) + rnd.pick(LAST);
  const uniqueNames = (n: number, make: () => string) => {
    const set = new Set<string>();
    while (set.size < n) set.add(make());
    return [...set];
  };

  const localDomain = 'example.com';
  const localUsers = uniqueNames(700, person).map((u) => `${u}@${localDomain}`);
  const lists: Array<[string, string[]]> = ['staff', 'sales', 'support', 'it', 'board'].map((l) => [
    `${l}@${localDomain}`, Array.from({ length: rnd.int(3, 12) }, () => rnd.pick(localUsers)),
  ]);

  const names = uniqueNames(REMOTE_DOMAINS, () => rnd.pick(W1) + rnd.pick(W2) + '.' + rnd.pick(TLDS));
  const remote: RemoteDomain[] = names.map((name) => {
    const behavior = drawBehavior(rnd);
    const mx = rnd.pick(['mx', 'mx1', 'mail', 'smtp', 'mx-in', 'inbound']) + '.' + name;
    const users = uniqueNames(USERS_PER_DOMAIN, () => (rnd.chance(0.4) ? rnd.pick(ROLES) : person())).map((u) => `${u}@${name}`);
    return { name, mx, ip: ips.pop()!, behavior, users, suspendedUntil: 0 };
  });

  const clients: Client[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const kind = drawClientKind(rnd);
    // a sender domain without DNS would not get past reject_unknown_sender_domain: clients come from real ones
    let domain = rnd.pick(remote);
    while (domain.behavior === 'nxdomain') domain = rnd.pick(remote);
    const ip = ips.pop()!;
    const dyn = 'dsl-' + ip.replace(/[.:]/g, '-') + '.dyn.' + rnd.pick(['isp', 'cable', 'fiber']) + '-net.example';
    let name = rnd.pick(['mail', 'mx', 'smtp', 'out', 'mta1', 'mta2']) + '.' + domain.name;
    if (kind === 'dynamic' || kind === 'pregreet' || kind === 'hangup') name = dyn;
    if (kind === 'nordns' || kind === 'forged' || kind === 'dnsbl' || kind === 'deny' || kind === 'prober') name = 'unknown';
    let helo = name === 'unknown' ? 'mail.' + domain.name : name;
    if (kind === 'badhelo') helo = rnd.pick(['localhost', 'WIN-' + rnd.alnum(6).toUpperCase(), 'bad_helo!host', 'mail.example.com']);
    if (kind === 'warnhelo') helo = 'host.' + rnd.pick(W1) + '-unresolved.example';
    clients.push({
      name, ip, helo, kind, domain, helo1: rnd.chance(0.08), lastPass: -1,
      forgedName: 'mail.' + rnd.pick(W1) + '-forged.example',
    });
  }

  const submitters = Array.from({ length: 120 }, (_, i) => ({
    name: i < 6 ? `app${i + 1}.${localDomain}` : `ws-${String(i).padStart(3, '0')}.office.${localDomain}`,
    ip: `10.0.${i < 6 ? 1 : 3 + (i >> 6)}.${(i % 64) + 10}`,
  }));
  const bruteForcers = Array.from({ length: 12 }, () => ({ name: 'unknown', ip: ips.pop()! }));

  return {
    host: 'mail', myhostname: 'mail.' + localDomain, serverIp, localDomain,
    virtualDomain: 'shop.' + localDomain, lmtpDomain: 'staff.example.net', relayDomain: 'branch.example.org',
    localUsers, lists,
    virtualUsers: uniqueNames(150, () => rnd.chance(0.3) ? rnd.pick(ROLES) : person()).map((u) => `${u}@shop.${localDomain}`),
    lmtpUsers: uniqueNames(250, person).map((u) => `${u}@staff.example.net`),
    relayUsers: uniqueNames(100, person).map((u) => `${u}@branch.example.org`),
    remote, clients, submitters, bruteForcers,
    relayHost: 'mx.branch.example.org', relayIp: '10.20.0.5', lmtpHost: 'imap.staff.example.net',
  };
}

function drawBehavior(rnd: Random): RemoteBehavior {
  const x = rnd.next();
  if (x < 0.84) return 'ok';
  if (x < 0.9) return 'strict';
  if (x < 0.94) return 'greylist';
  if (x < 0.96) return 'slow';
  if (x < 0.975) return 'flaky';
  if (x < 0.99) return 'dead';
  return 'nxdomain';
}

function drawClientKind(rnd: Random): ClientKind {
  const table: Array<[ClientKind, number]> = [
    ['good', 52], ['allow', 4], ['dnsbl', 8], ['pregreet', 3], ['hangup', 3], ['deny', 1.5], ['dynamic', 4],
    ['nordns', 3], ['forged', 2], ['badhelo', 4], ['spammer', 5], ['relayer', 4], ['dictionary', 2], ['prober', 1.5],
    ['warnhelo', 3],
  ];
  let x = rnd.next() * table.reduce((s, e) => s + e[1], 0);
  for (const [k, w] of table) if ((x -= w) < 0) return k;
  return 'good';
}

/** Documentation address blocks (RFC 5737, RFC 3849), shuffled: 762 IPv4 and a few IPv6 addresses. */
function addressPool(rnd: Random): string[] {
  const out: string[] = [];
  for (const net of ['192.0.2', '198.51.100', '203.0.113']) {
    for (let i = 1; i < 255; i++) if (!(net === '198.51.100' && i === 25)) out.push(`${net}.${i}`);
  }
  for (let i = 0; i < 60; i++) out.push(`2001:db8:${(0x100 + i).toString(16)}::${rnd.int(1, 0xfff).toString(16)}`);
  for (let i = out.length - 1; i > 0; i--) {
    const j = rnd.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
