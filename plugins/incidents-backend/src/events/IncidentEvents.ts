import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Incident,
  IncidentSignalKind,
  TimelineEntry,
} from '@firebreak/plugin-incidents-common';

/** A change that has been committed. */
export interface IncidentChangeEvent {
  incident: Pick<Incident, 'id' | 'ref' | 'version'> & Partial<Incident>;
  kind: IncidentSignalKind;
  actor: string;
  /** The timeline entries the change appended. */
  entries?: TimelineEntry[];
}

export type IncidentChangeListener = (
  event: IncidentChangeEvent,
) => Promise<void>;

/**
 * After-commit hook: every write publishes here once its transaction committed, and the
 * listeners do the side effects (live-update signals, roles joining on a raised flag). A
 * failing listener is logged; the write has happened and its caller still gets its answer.
 */
export class IncidentEvents {
  private readonly listeners: IncidentChangeListener[] = [];

  constructor(private readonly logger?: LoggerService) {}

  subscribe(listener: IncidentChangeListener): void {
    this.listeners.push(listener);
  }

  async publish(event: IncidentChangeEvent): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(event);
      } catch (error) {
        this.logger?.warn(
          `After-commit handler failed for ${event.incident.ref} (${
            event.kind
          }): ${(error as Error).message}`,
        );
      }
    }
  }
}
