import { Severity } from './severity';

/** The leadership view (GET /v1/insights): every figure computed in the database. */

/** One week of incidents, starting Monday 00:00 UTC. @public */
export interface InsightsWeek {
  /** ISO date (YYYY-MM-DD) of the Monday. */
  weekStart: string;
  incidents: number;
  bySeverity: Record<Severity, number>;
  /** Mean minutes from declaration to acknowledgement, over the acknowledged ones. */
  mttaMinutes?: number;
  /** Mean minutes from detection (declaration) to resolution, over the resolved ones. */
  mttrMinutes?: number;
  /** Mean minutes from declaration to mitigation, over the mitigated ones. */
  mitigationMinutes?: number;
}

/** SLA compliance of one milestone: met / measured (a milestone not reached yet is not measured). @public */
export interface SlaCompliance {
  milestone: 'acknowledge' | 'mitigation' | 'resolution';
  met: number;
  measured: number;
  /** met / measured, 0..1; absent when nothing was measured. */
  ratio?: number;
}

/** @public */
export interface InsightsResponse {
  from: string;
  to: string;
  totals: {
    incidents: number;
    mttaMinutes?: number;
    mttrMinutes?: number;
    mitigationMinutes?: number;
  };
  weeks: InsightsWeek[];
  bySeverity: { severity: Severity; incidents: number }[];
  byOwner: { ownerRef: string; incidents: number }[];
  sla: SlaCompliance[];
  actionItems: {
    total: number;
    done: number;
    wontDo: number;
    open: number;
    overdue: number;
    /** (done + won't do) / total, 0..1; absent when there are none. */
    completion?: number;
  };
}
