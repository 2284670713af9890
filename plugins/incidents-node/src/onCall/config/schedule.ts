/**
 * An on-call schedule from app-config, validated and normalised. Instants are epoch
 * milliseconds; wall-clock values are interpreted in `timeZone`.
 */
export interface OnCallSchedule {
  id: string;
  groupRef: string;
  /** Full user refs in rotation order; may repeat a person, may be empty. */
  members: string[];
  /** Whole days; a multiple of 7 when a week or longer. */
  shiftDays: number;
  handoff: {
    /** ISO weekday, 1 = Monday ... 7 = Sunday; required for shifts of a week or longer. */
    weekday?: number;
    hour: number;
    minute: number;
  };
  timeZone: string;
  /** members[0] takes the first handoff at or after this instant. */
  start: number;
  /** In config order: where overrides overlap, the one listed last wins. */
  overrides: OnCallOverride[];
}

export interface OnCallOverride {
  userRef: string;
  start: number;
  end: number;
}

/** ISO weekday numbers by name, as luxon numbers them. */
export const WEEKDAYS = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
} as const;

/** A day of the week in app-config. */
export type OnCallWeekday = keyof typeof WEEKDAYS;
