import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string | undefined;
  to: string[];
  /** the message as sent, headers and (possibly quoted-printable) body */
  raw: string;
}

export interface MailCatcher {
  /** the app's SMTP_URL */
  url: string;
  received: ReceivedMail[];
  /** Stops listening (once; later calls do nothing): the app's next message then fails to send. */
  close(): Promise<void>;
}

/**
 * A plain SMTP server on 127.0.0.1 that keeps every message it receives, for an app started with
 * its `url` as SMTP_URL. No STARTTLS, so the client does not try to upgrade to the built-in test
 * certificate.
 */
export async function startMailCatcher(): Promise<MailCatcher> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  let open = true;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: async () => {
      if (!open) return;
      open = false;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
