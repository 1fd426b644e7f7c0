// Mails a rendered report: builds the message, sends it, and when the send fails keeps the report in a file and
// says so in one line. The one entry point for the report command and the schedule.

import { hostname } from 'node:os';
import type { RenderOptions } from '../render/options.js';
import type { Report } from '../report/model.js';
import { buildMessage, fileStem, type RenderedReport } from './message.js';
import { renderForMail } from './render.js';
import { describeTransport, MailError, saveUnsent, sendMessage, type Env, type MailSettings } from './send.js';

export { EXIT_MAIL, type MailSettings } from './send.js';

/** How a mailing went: sent, or why not and where the report was saved. */
export type MailOutcome = { sent: true; subject: string } | { sent: false; line: string; saved: string | null };

/** The default sender: `postsumm@<this host>`. */
export function defaultFrom(): string {
  return `postsumm@${hostname()}`;
}

/**
 * The report rendered as its mail carries it (src/mail/render.ts): text whole, HTML cut to its top rows, the full
 * text attached when the HTML leaves rows out, the JSON with `attachJson`.
 */
export function renderMail(report: Report, options: RenderOptions, attachJson: boolean, day?: string): RenderedReport {
  return renderForMail(report, options, attachJson, hostname(), day);
}

/** Mails the rendered report. Never rejects: a failure is an outcome whose `line` says what and why. */
export async function mailReport(rendered: RenderedReport, settings: MailSettings, env: Env, day?: string): Promise<MailOutcome> {
  const fallbackHost = hostname();
  const { json, ...parts } = rendered;
  const message = buildMessage(settings.attachJson && json !== undefined ? { ...parts, json } : parts, {
    from: settings.from,
    to: settings.to,
    fallbackHost,
    ...(day === undefined ? {} : { day }),
  });
  try {
    await sendMessage(message, settings.transport, env);
    return { sent: true, subject: message.subject };
  } catch (err) {
    const why = err instanceof MailError ? err.message : `unexpected error: ${(err as Error).message?.split('\n')[0] ?? String(err)}`;
    let saved: string | null = null;
    let where: string;
    try {
      saved = saveUnsent(message, fileStem(rendered.report, fallbackHost, day));
      where = `the report is saved in ${saved}`;
    } catch (saveErr) {
      where = `and it could not be saved either (${(saveErr as Error).message})`;
    }
    return { sent: false, saved, line: `postsumm: cannot mail the report to ${settings.to.join(', ')} via ${describeTransport(settings.transport)}: ${why}; ${where}` };
  }
}
