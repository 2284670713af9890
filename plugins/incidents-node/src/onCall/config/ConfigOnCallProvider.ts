import { Config } from '@backstage/config';
import { OnCallProvider, OnCallRequest, OnCallResult } from '../types';
import { completeEntityRef, entityRefKey } from './entityRefs';
import { readOnCallSchedules } from './readOnCallSchedules';
import { OnCallSchedule } from './schedule';
import { ScheduleTimeline } from './ScheduleTimeline';

/**
 * A schedule known to {@link ConfigOnCallProvider}.
 *
 * @public
 */
export interface ConfigOnCallScheduleSummary {
  /** The schedule id (`incidents.onCall.schedules[].id`). */
  id: string;
  /** The group whose rotation it is. */
  groupRef: string;
}

function assertValidDate(at: Date): void {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) {
    throw new TypeError(`Expected a valid Date for 'at', got ${String(at)}`);
  }
}

/**
 * Firebreak's default {@link OnCallProvider}: weekly or daily rotations declared in app-config
 * under `incidents.onCall.schedules`, with overrides.
 *
 * A schedule applies to a group when the group's `firebreak.io/oncall-schedule` annotation names
 * its id (the backend passes it as `scheduleId`), or else when its `groupRef` is the group.
 *
 * @public
 */
export class ConfigOnCallProvider implements OnCallProvider {
  private readonly byId: Map<
    string,
    { schedule: OnCallSchedule; timeline: ScheduleTimeline }
  >;
  private readonly byGroup: Map<string, OnCallSchedule>;

  /**
   * Reads and validates `incidents.onCall.schedules` from the root config.
   *
   * @throws Error naming the offending key when the config is invalid.
   */
  static fromConfig(config: Config): ConfigOnCallProvider {
    return new ConfigOnCallProvider(readOnCallSchedules(config));
  }

  private constructor(private readonly schedules: OnCallSchedule[]) {
    this.byId = new Map(
      schedules.map(schedule => [
        schedule.id,
        { schedule, timeline: new ScheduleTimeline(schedule) },
      ]),
    );
    this.byGroup = new Map(
      schedules.map(schedule => [entityRefKey(schedule.groupRef), schedule]),
    );
  }

  /** The configured schedules, in config order. */
  listSchedules(): ConfigOnCallScheduleSummary[] {
    return this.schedules.map(({ id, groupRef }) => ({ id, groupRef }));
  }

  /**
   * Who is on call for a group. `request.scheduleId` (from the group's annotation) wins when it
   * names a configured schedule; otherwise the schedule whose `groupRef` is the group applies.
   *
   * @returns undefined when no schedule applies to the group.
   */
  async getOnCall(request: OnCallRequest): Promise<OnCallResult | undefined> {
    assertValidDate(request.at);
    const scheduleId = request.scheduleId?.trim();
    if (scheduleId && this.byId.has(scheduleId)) {
      return this.resolve(scheduleId, request.at, request.groupRef);
    }
    const groupRef = completeEntityRef(request.groupRef, 'group');
    const schedule = groupRef && this.byGroup.get(entityRefKey(groupRef));
    return schedule
      ? this.resolve(schedule.id, request.at, request.groupRef)
      : undefined;
  }

  /**
   * Who is on call under a schedule, for callers that already resolved a group's
   * `firebreak.io/oncall-schedule` annotation. `groupRef` in the result is the schedule's.
   *
   * @returns undefined when no schedule has this id.
   */
  async getOnCallForSchedule(
    scheduleId: string,
    at: Date,
  ): Promise<OnCallResult | undefined> {
    assertValidDate(at);
    return this.resolve(scheduleId.trim(), at);
  }

  private resolve(
    scheduleId: string,
    at: Date,
    groupRef?: string,
  ): OnCallResult | undefined {
    const entry = this.byId.get(scheduleId);
    if (!entry) {
      return undefined;
    }
    const { schedule, timeline } = entry;
    return {
      groupRef: groupRef ?? schedule.groupRef,
      scheduleId,
      ...timeline.snapshot(at),
    };
  }
}
