import { HumanDuration } from '@backstage/types';

export interface Config {
  incidents?: {
    onCall?: {
      /**
       * On-call rotations read by the default on-call provider (`ConfigOnCallProvider`).
       * Ignored when a backend module installs another provider through
       * `incidentsOnCallExtensionPoint`.
       */
      schedules?: Array<{
        /**
         * Unique id; a group entity links to it with the annotation
         * `firebreak.io/oncall-schedule: <id>`.
         */
        id: string;
        /** The group this rotation covers, e.g. `group:default/payments`. One schedule per group. */
        groupRef: string;
        /**
         * User entity refs in rotation order (`user:default/alice` or `alice`). The rotation
         * advances one member per shift. May be empty when only overrides staff the schedule.
         */
        members: string[];
        /**
         * How long each person is on call: whole days (e.g. `{ days: 1 }`, `'P1D'`), or whole
         * weeks when a week or longer (e.g. `{ days: 7 }`, `{ weeks: 2 }`, `'P1W'`).
         */
        shiftLength: HumanDuration | string;
        /** When shifts change hands, in `timeZone`. */
        handoff: {
          /**
           * Day of the week of handoffs. Required for shifts of a week or longer; for shorter
           * shifts it only fixes on which weekday members[0] starts.
           */
          weekday?:
            | 'monday'
            | 'tuesday'
            | 'wednesday'
            | 'thursday'
            | 'friday'
            | 'saturday'
            | 'sunday';
          /** 24-hour wall-clock time, `HH:mm`, e.g. `'09:00'`. */
          time: string;
        };
        /** IANA time zone of the handoff, e.g. `Europe/Berlin`; handoffs follow its DST changes. */
        timeZone: string;
        /**
         * ISO 8601 date or date-time (in `timeZone` unless it has an offset): members[0] takes
         * the first handoff at or after it. Defaults to 1970-01-01.
         */
        start?: string;
        /**
         * Who covers for whom, when. During [start, end) the override's user is on call instead
         * of the rotation; where overrides overlap, the one listed last wins.
         */
        overrides?: Array<{
          /** User entity ref of the person covering. */
          userRef: string;
          /** ISO 8601 date-time (in `timeZone` unless it has an offset), inclusive. */
          start: string;
          /** ISO 8601 date-time (in `timeZone` unless it has an offset), exclusive. */
          end: string;
        }>;
      }>;
    };
  };
}
