import { LoggerService } from '@backstage/backend-plugin-api';
import { createTransport, Transporter } from 'nodemailer';
import { EmailEffect } from '../../domain/communication';
import { CommsConfig } from './commsConfig';

/**
 * Sends `email` effects through SMTP (`incidents.communication.email`). Without a transport
 * configured a delivery fails, so the outbox keeps it and retries once one is.
 */
export class EmailDelivery {
  private readonly transport?: Transporter;

  constructor(
    private readonly options: {
      email?: CommsConfig['email'];
      logger: LoggerService;
    },
  ) {
    const smtp = options.email?.transport;
    if (smtp) {
      this.transport = createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        ...(smtp.username
          ? { auth: { user: smtp.username, pass: smtp.password ?? '' } }
          : {}),
      });
    }
  }

  async deliver(effect: EmailEffect): Promise<void> {
    if (!this.transport || !this.options.email) {
      throw new Error(
        `Cannot send ${effect.key}: no SMTP transport is configured (incidents.communication.email.smtp)`,
      );
    }
    await this.transport.sendMail({
      from: this.options.email.from,
      to: effect.to,
      subject: effect.subject,
      text: effect.text,
      headers: { 'X-Firebreak-Key': effect.key },
    });
  }
}
