import { Config } from '@backstage/config';
import { StatusPagePublication } from '@firebreak/plugin-incidents-common';
import { StatusPageProvider } from './types';

/**
 * Pushes each public update as JSON (`POST`, body: the `StatusPagePublication`) to a
 * hosted status page or a bridge in front of one, from `incidents.statusPage.webhook`.
 *
 * @public
 */
export class WebhookStatusPageProvider implements StatusPageProvider {
  /** Names the provider in logs: `webhook`. */
  readonly id = 'webhook';

  /** Undefined when `incidents.statusPage.webhook.url` is not set. */
  static fromConfig(config: Config): WebhookStatusPageProvider | undefined {
    const webhook = config.getOptionalConfig('incidents.statusPage.webhook');
    const url = webhook?.getOptionalString('url');
    if (!webhook || !url) {
      return undefined;
    }
    return new WebhookStatusPageProvider({
      url,
      token: webhook.getOptionalString('token'),
    });
  }

  constructor(private readonly options: { url: string; token?: string }) {
    if (!URL.canParse(options.url)) {
      throw new Error(
        `Invalid config at 'incidents.statusPage.webhook.url': '${options.url}' is not a URL`,
      );
    }
  }

  /** POSTs the update to the webhook; a non-2xx response throws, so that it is retried. */
  async publish(publication: StatusPagePublication): Promise<void> {
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': publication.updateId,
        ...(this.options.token
          ? { authorization: `Bearer ${this.options.token}` }
          : {}),
      },
      body: JSON.stringify(publication),
    });
    if (!response.ok) {
      throw new Error(
        `Status page webhook answered ${response.status} ${response.statusText}`,
      );
    }
  }
}
