import { ParsedMail, simpleParser } from 'mailparser';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message the test SMTP server received. */
export interface ReceivedMail {
  envelopeTo: string[];
  from?: string;
  subject?: string;
  text: string;
  parsed: ParsedMail;
}

/**
 * A real SMTP server on loopback (ephemeral port) that keeps what it receives, for tests of
 * the email delivery. No TLS and no auth: it only listens on 127.0.0.1.
 */
export async function startSmtpServer(): Promise<{
  port: number;
  messages: ReceivedMail[];
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(parsed => {
          messages.push({
            envelopeTo: session.envelope.rcptTo.map(r => r.address),
            from: parsed.from?.text,
            subject: parsed.subject,
            text: parsed.text ?? '',
            parsed,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    messages,
    async waitFor(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count && Date.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 50));
      }
      return messages;
    },
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
