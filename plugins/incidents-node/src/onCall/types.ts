/**
 * What the incidents backend asks an on-call provider.
 *
 * @public
 */
export interface OnCallRequest {
  /**
   * The group whose on-call engineer is wanted, as a full entity ref
   * (`group:default/payments`).
   */
  groupRef: string;
  /** The instant to answer for. The backend passes its clock's time; providers never read the wall clock. */
  at: Date;
  /**
   * The value of the group's `firebreak.io/oncall-schedule` annotation, when the group has one.
   * Providers may interpret it as they see fit (a schedule id in app-config, a PagerDuty or
   * Opsgenie schedule id, ...); the backend resolves the annotation so providers need not read
   * the catalog.
   */
  scheduleId?: string;
}

/**
 * One person's continuous stint on call.
 *
 * @public
 */
export interface OnCallShift {
  /** The engineer on call, as a full entity ref (`user:default/alice`). */
  userRef: string;
  /** When the stint starts, ISO 8601. */
  start: string;
  /** When the stint ends (exclusive), ISO 8601. */
  end: string;
  /** True when the stint comes from an override rather than the regular rotation. */
  override?: boolean;
}

/**
 * Who is on call for a group at a given instant.
 *
 * @public
 */
export interface OnCallResult {
  /** The group this answer is for. */
  groupRef: string;
  /** The provider's schedule that produced the answer, when it has such a notion. */
  scheduleId?: string;
  /** Who is on call at the requested instant; undefined when nobody is. */
  current: OnCallShift | undefined;
  /** Who takes over after `current` (or, if nobody is on call now, who is on call next). */
  next: OnCallShift | undefined;
  /**
   * User refs in the order they would be asked to respond, starting with the person on call
   * now and continuing with the rest of the rotation, without duplicates. The incidents backend
   * walks it to defer an assignment when the person on call is busy with a more severe incident.
   */
  rotation: string[];
}

/**
 * Answers "who is on call for this group?". Firebreak's default reads schedules from app-config
 * ({@link ConfigOnCallProvider}); adopters replace it through
 * {@link incidentsOnCallExtensionPoint} to use PagerDuty, Opsgenie or an in-house roster.
 *
 * @public
 */
export interface OnCallProvider {
  /**
   * Resolves the on-call for a group at an instant.
   *
   * @returns undefined when the provider knows no schedule for the group, so the backend can
   * tell "no schedule" apart from "a schedule with nobody on call".
   */
  getOnCall(request: OnCallRequest): Promise<OnCallResult | undefined>;
}
