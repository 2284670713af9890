import { HumanDuration } from '@backstage/types';

/** Overrides of one severity level of the Incident Response Workflow. */
interface SeverityLevelConfig {
  /** One-line label shown in pickers, e.g. "Critical". */
  title?: string;
  /** When an incident has this severity. */
  definition?: string;
  /** Typical incidents of this severity. */
  examples?: string[];
  /**
   * How fast an incident commander / on-call engineer must engage, e.g. "15m" or
   * { minutes: 15 }.
   */
  responseTime?: HumanDuration | string;
  /** Communication duties, e.g. "Public status page update". */
  communication?: string[];
  /** The three clocks of the "Response Time SLAs" table. */
  sla?: {
    /** Time to acknowledge. */
    acknowledge?: HumanDuration | string;
    /** Time to mitigation. */
    mitigation?: HumanDuration | string;
    /** Time to resolution. */
    resolution?: HumanDuration | string;
  };
  /** Whether a postmortem is required, and how soon after resolution it is due. */
  postmortem?: {
    required?: boolean;
    dueWithin?: HumanDuration | string;
  };
}

export interface Config {
  /** Configuration of the Firebreak incidents backend. */
  incidents?: {
    /**
     * Per-severity overrides of the workflow's defaults; every field is optional and
     * unspecified fields keep the spec's values.
     */
    severities?: {
      SEV1?: SeverityLevelConfig;
      SEV2?: SeverityLevelConfig;
      SEV3?: SeverityLevelConfig;
      SEV4?: SeverityLevelConfig;
    };

    /** Incident commander assignment (the spec's "Incident Commander Assignment"). */
    assignment?: {
      /**
       * The group whose on-call commands SEV1 and SEV2 incidents.
       * Default `group:default/platform-reliability`.
       */
      platformGroupRef?: string;
      /** When SEV4 incidents reach the owning team's backlog. Default Mon–Fri 09:00–17:00 UTC. */
      businessHours?: {
        /** IANA time zone, e.g. `Europe/Berlin`. */
        timeZone?: string;
        /** Weekdays, e.g. `[monday, tuesday, wednesday, thursday, friday]`. */
        days?: string[];
        /** 24-hour `HH:mm`, e.g. `'09:00'`. */
        start?: string;
        /** 24-hour `HH:mm`, after `start` (windows do not cross midnight), e.g. `'17:00'`. */
        end?: string;
      };
    };

    /** Response roles. */
    roles?: {
      /**
       * Role → the group whose on-call fills it (suggestions; and for `finops-specialist` and
       * `privacy-officer`, who joins when the incident's cost impact or data exposure flag is
       * raised). Roles: incident-commander, observability-incident-lead,
       * developer-enablement-lead, qa-strategist, release-manager, customer-success-lead,
       * finops-specialist, privacy-officer. E.g. `{ qa-strategist: group:default/qa }`.
       */
      groups?: { [role: string]: string };
    };

    /** Paging. */
    paging?: {
      /**
       * Escalation of pages not acknowledged within their severity's time to acknowledge (next
       * on-call, then the group's lead), and the SEV4 backlog hand-over. Both run as global
       * scheduler tasks.
       */
      escalation?: {
        /** Default true. */
        enabled?: boolean;
        /** How often to look for due pages. Default `{ minutes: 1 }`. */
        frequency?: HumanDuration | string;
        /** Longest a run may take. Default `{ minutes: 5 }`. */
        timeout?: HumanDuration | string;
      };
    };
  };
}
