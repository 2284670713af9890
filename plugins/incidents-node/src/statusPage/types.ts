import { StatusPagePublication } from '@firebreak/plugin-incidents-common';

/**
 * Receives every public status page update of the incidents backend, e.g. to mirror it on a
 * hosted status page. Deliveries are at least once: use `publication.updateId` to make a push
 * idempotent. A thrown error is retried with backoff.
 *
 * @public
 */
export interface StatusPageProvider {
  /** Names the provider in logs. */
  readonly id: string;
  /** Delivers one public update; throw to have it retried. */
  publish(publication: StatusPagePublication): Promise<void>;
}
