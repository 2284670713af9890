/**
 * The notification effect of the outbox (see ../effects.ts once it lands): delivered as a
 * Backstage notification; `key` is its idempotency key and default scope.
 */
export interface SlaNotifyEffect {
  type: 'notify';
  key: string;
  recipients: string[];
  payload: {
    title: string;
    description?: string;
    link?: string;
    severity?: 'critical' | 'high' | 'normal' | 'low';
    topic?: string;
    scope?: string;
  };
}
