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
  };
}
