import { DateTime } from 'luxon';
import { OnCallShift } from '../types';
import { entityRefKey } from './entityRefs';
import { OnCallOverride, OnCallSchedule } from './schedule';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A stretch of time during which one person (or nobody) is on call. */
interface Segment {
  start: number;
  end: number;
  userRef: string | undefined;
  override: boolean;
}

export interface OnCallSnapshot {
  current: OnCallShift | undefined;
  next: OnCallShift | undefined;
  rotation: string[];
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}

function toShift(segment: Segment & { userRef: string }): OnCallShift {
  return {
    userRef: segment.userRef,
    start: new Date(segment.start).toISOString(),
    end: new Date(segment.end).toISOString(),
    ...(segment.override ? { override: true } : {}),
  };
}

/**
 * Computes who is on call under one schedule.
 *
 * Calendar days are counted as integers (days since 1970-01-01 on the wall calendar), and a
 * handoff is "handoff.time on calendar day N in the schedule's time zone", resolved to an
 * instant by luxon. Shift arithmetic therefore happens on dates, never on elapsed hours, which
 * keeps handoffs at the same wall-clock time across DST changes. A handoff time that does not
 * exist on a spring-forward day moves forward by the gap, as luxon resolves it.
 */
export class ScheduleTimeline {
  /** The calendar day of the handoff at which members[0] starts (shift index 0). */
  private readonly anchorDay: number;

  constructor(private readonly schedule: OnCallSchedule) {
    this.anchorDay = this.findAnchorDay();
  }

  /** The last answer and the stretch between two boundaries over which it holds. */
  private last:
    | { from: number; until: number; snapshot: OnCallSnapshot }
    | undefined;

  /**
   * Who is on call at `at`. Between two boundaries (a handoff, an override's start or end)
   * the answer cannot change, so the last one is reused there: an incident storm asks about
   * the same minutes thousands of times.
   */
  snapshot(at: Date): OnCallSnapshot {
    const instant = at.getTime();
    const last = this.last;
    if (!last || instant < last.from || instant >= last.until) {
      this.last = {
        from: this.previousBoundary(instant),
        until: this.nextBoundary(instant),
        snapshot: this.compute(instant),
      };
    }
    const { current, next, rotation } = this.last!.snapshot;
    // Copies: a caller may change what it was given.
    return {
      current: current && { ...current },
      next: next && { ...next },
      rotation: [...rotation],
    };
  }

  private compute(instant: number): OnCallSnapshot {
    const segment = this.segmentAt(instant);
    const current =
      segment.userRef !== undefined
        ? toShift({ ...segment, userRef: segment.userRef })
        : undefined;

    const upcoming = this.nextStaffedSegment(segment.end);
    const next = upcoming ? toShift(upcoming) : undefined;

    const { members } = this.schedule;
    const shiftIndex = this.shiftIndexAt(instant);
    const ordered = members.map(
      (_, offset) => members[mod(shiftIndex + offset, members.length)],
    );
    const rotation: string[] = [];
    const seen = new Set<string>();
    for (const userRef of current ? [current.userRef, ...ordered] : ordered) {
      const key = entityRefKey(userRef);
      if (!seen.has(key)) {
        seen.add(key);
        rotation.push(userRef);
      }
    }

    return { current, next, rotation };
  }

  // --- the regular rotation -------------------------------------------------------------

  /** The calendar day containing `instant` in the schedule's time zone. */
  private calendarDayOf(instant: number): number {
    const local = DateTime.fromMillis(instant, {
      zone: this.schedule.timeZone,
    });
    return Math.round(
      Date.UTC(local.year, local.month - 1, local.day) / DAY_MS,
    );
  }

  /** The instant of the handoff time on a calendar day. */
  private handoffOn(day: number): number {
    const date = new Date(day * DAY_MS);
    return DateTime.fromObject(
      {
        year: date.getUTCFullYear(),
        month: date.getUTCMonth() + 1,
        day: date.getUTCDate(),
        hour: this.schedule.handoff.hour,
        minute: this.schedule.handoff.minute,
      },
      { zone: this.schedule.timeZone },
    ).toMillis();
  }

  /** ISO weekday of a calendar day: 1 = Monday ... 7 = Sunday. */
  private static weekdayOf(day: number): number {
    return new Date(day * DAY_MS).getUTCDay() || 7;
  }

  private findAnchorDay(): number {
    const { start, handoff } = this.schedule;
    const firstDay = this.calendarDayOf(start);
    // A matching weekday comes within 7 days; the 8th covers a start after that day's handoff.
    for (let day = firstDay; day <= firstDay + 8; day++) {
      const weekdayMatches =
        handoff.weekday === undefined ||
        ScheduleTimeline.weekdayOf(day) === handoff.weekday;
      if (weekdayMatches && this.handoffOn(day) >= start) {
        return day;
      }
    }
    throw new Error(
      `On-call schedule '${this.schedule.id}' has no handoff after its start`,
    );
  }

  /** The calendar day of the most recent handoff time at or before `instant`. */
  private handoffDayOf(instant: number): number {
    const day = this.calendarDayOf(instant);
    return instant >= this.handoffOn(day) ? day : day - 1;
  }

  /** Shift 0 is members[0]'s first shift; earlier shifts have negative indices. */
  private shiftIndexAt(instant: number): number {
    return Math.floor(
      (this.handoffDayOf(instant) - this.anchorDay) / this.schedule.shiftDays,
    );
  }

  private shiftBounds(index: number): { start: number; end: number } {
    const firstDay = this.anchorDay + index * this.schedule.shiftDays;
    return {
      start: this.handoffOn(firstDay),
      end: this.handoffOn(firstDay + this.schedule.shiftDays),
    };
  }

  private memberOf(index: number): string | undefined {
    const { members } = this.schedule;
    return members.length ? members[mod(index, members.length)] : undefined;
  }

  // --- the rotation with overrides laid on top -------------------------------------------

  /** Overlapping overrides: the one listed last wins. */
  private overrideAt(instant: number): OnCallOverride | undefined {
    const { overrides } = this.schedule;
    for (let i = overrides.length - 1; i >= 0; i--) {
      if (overrides[i].start <= instant && instant < overrides[i].end) {
        return overrides[i];
      }
    }
    return undefined;
  }

  /**
   * Instants with the same key belong to the same segment when contiguous: each regular shift
   * is its own segment, and back-to-back overrides for the same person merge into one.
   */
  private keyAt(instant: number): string {
    const override = this.overrideAt(instant);
    return override
      ? `override:${entityRefKey(override.userRef)}`
      : `shift:${this.shiftIndexAt(instant)}`;
  }

  /** The first instant after `instant` at which the on-call may change. */
  private nextBoundary(instant: number): number {
    let boundary = this.shiftBounds(this.shiftIndexAt(instant)).end;
    for (const { start, end } of this.schedule.overrides) {
      if (start > instant) boundary = Math.min(boundary, start);
      if (end > instant) boundary = Math.min(boundary, end);
    }
    return boundary;
  }

  /** The last instant at or before `instant` at which the on-call may have changed. */
  private previousBoundary(instant: number): number {
    let boundary = this.shiftBounds(this.shiftIndexAt(instant)).start;
    for (const { start, end } of this.schedule.overrides) {
      if (start <= instant) boundary = Math.max(boundary, start);
      if (end <= instant) boundary = Math.max(boundary, end);
    }
    return boundary;
  }

  private segmentAt(instant: number): Segment {
    const key = this.keyAt(instant);
    let start = this.previousBoundary(instant);
    while (this.keyAt(start - 1) === key) {
      start = this.previousBoundary(start - 1);
    }
    let end = this.nextBoundary(instant);
    while (this.keyAt(end) === key) {
      end = this.nextBoundary(end);
    }
    const override = this.overrideAt(instant);
    return {
      start,
      end,
      userRef: override
        ? override.userRef
        : this.memberOf(this.shiftIndexAt(instant)),
      override: override !== undefined,
    };
  }

  /** The first segment at or after `from` with someone on call. */
  private nextStaffedSegment(
    from: number,
  ): (Segment & { userRef: string }) | undefined {
    let cursor = from;
    for (;;) {
      const segment = this.segmentAt(cursor);
      if (segment.userRef !== undefined) {
        return { ...segment, userRef: segment.userRef };
      }
      // Only a rotation without members leaves gaps; only an override can fill them.
      let nextOverrideStart = Infinity;
      for (const { start } of this.schedule.overrides) {
        if (start > cursor && start < nextOverrideStart) {
          nextOverrideStart = start;
        }
      }
      if (nextOverrideStart === Infinity) {
        return undefined;
      }
      cursor = nextOverrideStart;
    }
  }
}
