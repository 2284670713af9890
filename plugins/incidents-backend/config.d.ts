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

    /**
     * Alert ingestion: Alertmanager (and Grafana) webhooks at
     * POST /api/incidents/v1/alerts/alertmanager, Events v2 events at
     * POST /api/incidents/v1/alerts/events.
     */
    alerts?: {
      /**
       * Largest accepted request body, e.g. '5mb' (default) or a number of bytes; larger
       * ones get 413 (which Alertmanager does not retry: keep it above your largest group).
       */
      maxBodySize?: string | number;
      /** How long a delivery waits for the declarations it triggers (default 5s). */
      declarationWait?: HumanDuration | string;
      /**
       * How long resolved alerts are kept (default 30 days), e.g. `'90d'` or `{ days: 90 }`.
       * A global task deletes older ones unless they belong, or belonged, to an open incident.
       */
      retention?: HumanDuration | string;
      alertmanager?: {
        /** Webhook receivers allowed to post, each with its own bearer token. */
        receivers?: Array<{
          /** Name of the receiver (letters, digits, '.', '_', '-'): the declaring actor. */
          name: string;
          /**
           * Bearer token Alertmanager sends (http_config.authorization); 16+ characters. A
           * receiver without one (an unset environment variable) is ignored with a warning.
           * @visibility secret
           */
          token?: string;
        }>;
      };
      events?: {
        /** Events v2 routing keys allowed to post. */
        routingKeys?: Array<{
          /**
           * The routing_key of the events; 16+ characters. A key left unset is ignored with
           * a warning.
           * @visibility secret
           */
          key?: string;
          /**
           * Name of the key: matched against the `firebreak.io/routing-key` annotation of
           * entities (so that the secret never appears in the catalog), and the dedup key
           * scope.
           */
          name?: string;
          /** Entity the key's events are routed to, e.g. `component:default/checkout`. */
          entityRef?: string;
        }>;
      };
      routing?: {
        /**
         * Labels naming the catalog entity, tried in order; a full or partial entity ref, or
         * an entity name. Default `[backstage_entity, service]`.
         */
        labels?: string[];
        /** How long the catalog data used for routing is kept (default 30s). */
        catalogCacheTtl?: HumanDuration | string;
      };
      /**
       * Declaration rules, replacing the defaults (the workflow's automated declaration
       * triggers, keyed on the labels of examples/alerting). Every matching rule applies:
       * the most severe severity wins; restricted and roles add up.
       */
      rules?: Array<{
        /** Stable id, recorded on alerts and timelines. */
        id: string;
        description?: string;
        /** Only alerts from this source: `alertmanager` or `events`. */
        source?: string;
        /**
         * Label → exact value, or `/regex/` (fully anchored). Events have the labels
         * severity, source, component, group, class and their scalar custom_details.
         */
        match: { [label: string]: string };
        /** SEV1-SEV4; without it, the rule only adds its flags. */
        severity?: string;
        /** Restricted incident (visible to its responders only). */
        restricted?: boolean;
        /** Roles the incident needs, e.g. `[privacy-officer]` (joins via the data exposure flag). */
        roles?: string[];
        /**
         * Rules sharing a group make one incident per entity: a more severe one raises it.
         * Without, the incident group is the Alertmanager group or the Events dedup key.
         */
        group?: string;
      }>;
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

    /**
     * Restricted incidents (security alerts: unauthorized access, data exfiltration) are shown
     * only to their declarer, their role holders, the people and groups paged for them, and
     * the members of these groups.
     */
    restricted?: {
      /**
       * Groups whose members see every restricted incident. Default
       * `[group:default/platform-reliability, group:default/privacy]`; `[]` for none.
       */
      viewerGroups?: string[];
      /**
       * Groups whose members read every restricted incident, and the insights, without
       * working on it (e.g. `[group:default/leadership]`). Default `[]`. The default policy's
       * read-all groups (`readIncidentsPolicyGroups`); like the viewer groups, told about
       * changes of restricted incidents (live updates).
       */
      readerGroups?: string[];
    };

    /**
     * Seconds a replica reuses, for the same caller, the credentials their token was
     * verified to carry, at most 30 s (the plugin then checks the tokens of its API
     * itself, in Backstage's place; never past a token's expiry), the permission policy's
     * read decision, its decisions on permissions without a resource (`incident.create`,
     * …), and the plugin's catalog reads (owners, on-call groups and users, the roll-ups'
     * parts and sub-teams, the blast radius): a page's burst of requests, or a storm of
     * declarations on one service, then costs one round trip each. Default 5; 0 asks on
     * every request. A change of policy or catalog reaches reads and declarations within
     * this time.
     */
    cache?: {
      seconds?: number;
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

    /** Postmortem follow-up (the spec's Phase 4). */
    postmortems?: {
      /**
       * How often the overdue-postmortem check and the action-item cadence run. Default: the
       * overdue check every 15 minutes, the weekly cadence hourly (it fires once a week per team).
       */
      checkFrequency?: HumanDuration | string;
    };

    /** The leadership insights (GET /v1/insights). */
    insights?: {
      /**
       * Seconds a replica reuses a caller's figures for the same filter (they aggregate weeks
       * of incidents). Default 60; 0 computes them on every request.
       */
      cacheSeconds?: number;
    };

    /** SLA breach records and warnings (the spec's Response Time SLAs). */
    sla?: {
      /**
       * The "about to breach" warning comes this share of each clock's window before it runs
       * out, in percent (0 to 99). Default 20.
       */
      warningLeadPercent?: number;
      /** How often the breach sweep and the update prompts run. Default `{ minutes: 1 }`. */
      checkFrequency?: HumanDuration | string;
    };

    /** Stakeholder communication (the Communication column of the severity table). */
    communication?: {
      /**
       * Group told of every SEV1 SLA breach; executive summaries go to it. E.g.
       * `group:default/leadership`.
       */
      leadershipGroup?: string;
      /**
       * Minutes between stakeholder updates, per severity; the IC is prompted when one is due.
       * Default SEV1 every 30 minutes, SEV2 every hour.
       */
      updateCadence?: {
        SEV1?: HumanDuration | string;
        SEV2?: HumanDuration | string;
        SEV3?: HumanDuration | string;
        SEV4?: HumanDuration | string;
      };
      /** Customer contacts per catalog system (or component): who gets customer notices. */
      customers?: Array<{
        /** E.g. `system:default/payments`. */
        entityRef: string;
        emails: string[];
      }>;
      /** Outgoing email (customer notices, status page subscriptions). */
      email?: {
        /** The From address. */
        from: string;
        smtp: {
          host: string;
          /** Default 587. */
          port?: number;
          /** TLS from the start (port 465). Default false (STARTTLS when offered). */
          secure?: boolean;
          username?: string;
          /** @visibility secret */
          password?: string;
        };
      };
    };

    /**
     * The public status page: GET /api/incidents/v1/status (JSON) and /api/incidents/status
     * (HTML), unauthenticated; components are catalog systems and components annotated with
     * `firebreak.io/status-page-component`.
     */
    statusPage?: {
      /** Page title. Default "Service status". */
      title?: string;
      /**
       * Public URL of the HTML page, for links in emails. Default
       * `${backend.baseUrl}/api/incidents/status`.
       */
      publicUrl?: string;
      /** How long each replica reuses a built page. Default `{ seconds: 10 }`. */
      cacheTtl?: HumanDuration | string;
      /** Offer email subscriptions (confirmed by link). Default true. */
      subscriptions?: boolean;
      /** Push each public update as JSON to a hosted status page (or a bridge to one). */
      webhook?: {
        url: string;
        /** Sent as a bearer token. @visibility secret */
        token?: string;
      };
    };

    /**
     * The outbox of effects (notifications, signals, events) that committed changes cause.
     * Each write kicks their delivery; a global scheduler task also sweeps the outbox, so that
     * a replica that died after a commit has its effects delivered by another.
     */
    outbox?: {
      /** How often the sweep runs. Default `{ seconds: 10 }`. */
      frequency?: HumanDuration | string;
    };
  };
}
