import {
  IncidentSignal,
  IncidentSignalBatch,
} from '@firebreak/plugin-incidents-common';

/** Most signals in one message. */
const MAX_BATCH = 100;

/**
 * Broadcast signals, published one message at a time: while one is out, the signals that
 * come in wait and leave together, as one {@link IncidentSignalBatch}, when it is back. A
 * lone change goes out at once as a single signal; a burst of changes (an alert storm's
 * declarations, a SEV1 everyone edits) costs one publish through the signals and events
 * services per round trip, not one per change. Each caller's promise settles with the
 * publish that carried its signal, so the outbox marks an effect delivered only once it
 * was sent (and retries it, alone or in a later batch, when that publish failed).
 */
export class SignalCoalescer {
  private waiting: {
    signal: IncidentSignal;
    resolve: () => void;
    reject: (error: unknown) => void;
  }[] = [];
  private sending = false;

  constructor(
    private readonly send: (
      message: IncidentSignal | IncidentSignalBatch,
    ) => Promise<void>,
  ) {}

  publish(signal: IncidentSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ signal, resolve, reject });
      if (!this.sending) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.sending = true;
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0, MAX_BATCH);
      try {
        await this.send(
          batch.length === 1
            ? batch[0].signal
            : { signals: batch.map(w => w.signal) },
        );
        batch.forEach(w => w.resolve());
      } catch (error) {
        batch.forEach(w => w.reject(error));
      }
    }
    this.sending = false;
  }
}
