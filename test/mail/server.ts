// A real SMTP server in the test process (smtp-server), on 127.0.0.1 and an ephemeral port only: it keeps every
// message that arrives, parsed by mailparser, and can refuse recipients or demand a login.
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** What arrived. */
export interface Received {
  from: string;
  to: string[];
  raw: string;
  mail: ParsedMail;
}

export interface TestServer {
  port: number;
  received: Received[];
  /** the logins tried (user names only) */
  logins: string[];
  close(): Promise<void>;
}

export interface ServerOptions {
  /** recipients refused with 550 */
  refuse?: (address: string) => boolean;
  /** a login is required, and only this one is good */
  auth?: { user: string; pass: string };
}

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const received: Received[] = [];
  const logins: string[] = [];
  const server = new SMTPServer({
    secure: false,
    logger: false,
    // no TLS in the test: the login goes in clear, over loopback only
    disabledCommands: options.auth === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: options.auth === undefined,
    onAuth(auth, _session, cb) {
      logins.push(auth.username ?? '');
      if (options.auth !== undefined && auth.username === options.auth.user && auth.password === options.auth.pass) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Authentication credentials invalid'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (options.refuse?.(address.address)) cb(Object.assign(new Error(`<${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then((mail) => {
          received.push({
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            mail,
          });
          cb();
        }, cb);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, logins, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A server that greets, then closes the connection at the client's first command: a relay that crashed. */
export async function startClosingServer(): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((socket) => {
    socket.write('220 127.0.0.1 ESMTP\r\n');
    socket.once('data', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
