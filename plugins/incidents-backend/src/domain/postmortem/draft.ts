import {
  Incident,
  PostmortemFacts,
  PostmortemSections,
  SeverityLevel,
  TimelineEntry,
} from '@firebreak/plugin-incidents-common';
import { shortRef } from '../response/names';
import { formatMinutes, measureSla } from './sla';
import { postmortemTimelineRows } from './timelineRows';

/** Everything the draft is written from, gathered before the transaction. */
export interface PostmortemDraftInput {
  incident: Incident;
  /** The whole timeline, including the entries of the write that creates the draft. */
  timeline: TimelineEntry[];
  /** Current role holders, with their teams (the groups they are members of) when known. */
  roles: { role: string; userRef: string; teamRefs?: string[] }[];
  level: SeverityLevel;
  now: Date;
}

/** A postmortem as first written: prefilled sections, the facts behind them, its due time. */
export interface PostmortemDraft {
  sections: PostmortemSections;
  facts: PostmortemFacts;
  required: boolean;
  dueAt?: string;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
/** Each ref once (compared case-insensitively), first spelling and position kept. */
const unique = (refs: string[]) =>
  refs.filter((r, i) => refs.findIndex(o => lower(o) === lower(r)) === i);

/** `2026-11-27T10:05:00.000Z` → `2026-11-27 10:05 UTC`. */
export function formatTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const MILESTONE_TITLES = {
  acknowledge: 'time to acknowledge',
  mitigation: 'time to mitigation',
  resolution: 'time to resolution',
} as const;

function describeSla(facts: PostmortemFacts): string {
  const breached = facts.sla.filter(s => s.breached);
  if (breached.length === 0) {
    return 'No';
  }
  return `Yes: ${breached
    .map(
      s =>
        `${MILESTONE_TITLES[s.milestone]} (target ${formatMinutes(
          s.targetMinutes,
        )}, ${
          s.actualMinutes === undefined
            ? 'not reached'
            : `took ${formatMinutes(s.actualMinutes)}`
        })`,
    )
    .join('; ')}`;
}

const cell = (text: string) =>
  text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();

function summarySection(facts: PostmortemFacts): string {
  return [
    `- **Incident ID:** ${facts.incidentRef}`,
    `- **Severity:** ${facts.severity}`,
    `- **Duration:** ${
      facts.durationMinutes === undefined
        ? 'not resolved yet'
        : `${formatMinutes(facts.durationMinutes)} (${formatTime(
            facts.detectedAt,
          )} to ${formatTime(facts.resolvedAt!)})`
    }`,
    `- **Incident Commander:** ${
      facts.commanderRef ? shortRef(facts.commanderRef) : 'none assigned'
    }`,
    `- **Teams Involved:** ${
      facts.teamRefs.map(shortRef).join(', ') || 'none recorded'
    }`,
  ].join('\n');
}

function impactSection(facts: PostmortemFacts): string {
  return [
    `- **Customer Impact:** ${cell(facts.customerImpact) || 'not recorded'}`,
    `- **Service Impact:** ${
      facts.affectedEntityRefs.map(shortRef).join(', ') || 'not recorded'
    }`,
    `- **Revenue Impact:** ${
      facts.costImpact
        ? 'Cost impact recorded: estimate it here'
        : 'None recorded'
    }`,
    `- **Data Impact:** ${
      facts.dataExposure
        ? 'Data exposure recorded: describe it here'
        : 'None recorded'
    }`,
    `- **SLA Breach:** ${describeSla(facts)}`,
  ].join('\n');
}

function timelineSection(timeline: TimelineEntry[]): string {
  const rows = postmortemTimelineRows(timeline);
  return [
    '| Time | Event | Action Taken | Owner |',
    '|------|-------|-------------|-------|',
    ...rows.map(
      r =>
        `| ${formatTime(r.at)} | ${cell(r.event)} | ${cell(r.action)} | ${cell(
          r.owner === 'System' ? r.owner : shortRef(r.owner),
        )} |`,
    ),
  ].join('\n');
}

/** The spec's prompts for what people write themselves. */
export const SECTION_PROMPTS: Pick<
  PostmortemSections,
  | 'rootCause'
  | 'wentWell'
  | 'wentPoorly'
  | 'actionItems'
  | 'prevention'
  | 'lessons'
> = {
  rootCause: [
    '**What Happened:**',
    '',
    '',
    '**Why It Happened:**',
    '',
    '- **Immediate Cause:** ',
    '- **Contributing Factors:** ',
    '- **Underlying Cause:** ',
  ].join('\n'),
  wentWell: '- ',
  wentPoorly: '- ',
  actionItems: '',
  prevention: [
    '- **Monitoring:** ',
    '- **Testing:** ',
    '- **Documentation:** ',
    '- **Architecture:** ',
  ].join('\n'),
  lessons: '',
};

/** The facts of sections 1 and 2, from the incident as it is at `now`. */
export function postmortemFacts(
  input: Omit<PostmortemDraftInput, 'timeline'>,
): PostmortemFacts {
  const { incident, roles, level, now } = input;
  const affected = incident.entities.filter(e => e.relation === 'affected');
  const commanderRef =
    incident.commanderRef ??
    roles.find(r => r.role === 'incident-commander')?.userRef;
  return {
    incidentRef: incident.ref,
    severity: incident.severity,
    detectedAt: incident.declaredAt,
    ...(incident.resolvedAt
      ? {
          resolvedAt: incident.resolvedAt,
          durationMinutes: Math.round(
            (Date.parse(incident.resolvedAt) -
              Date.parse(incident.declaredAt)) /
              60_000,
          ),
        }
      : {}),
    ...(commanderRef ? { commanderRef } : {}),
    // Owners of what was affected first, then the teams the role holders came from.
    teamRefs: unique([
      ...affected.flatMap(e => (e.ownerRef ? [e.ownerRef] : [])),
      ...roles.flatMap(r => r.teamRefs ?? []),
    ]),
    responderRefs: unique(roles.map(r => r.userRef)),
    affectedEntityRefs: affected.map(e => e.entityRef),
    customerImpact: incident.customerImpact,
    costImpact: incident.costImpact === true,
    dataExposure: incident.dataExposure === true,
    sla: measureSla(incident, level.sla, now),
  };
}

/**
 * The draft written when an incident recovers (or on demand for SEV3 / SEV4): sections 1-3
 * prefilled from what the incident knows, the others with the spec's prompts. Required
 * ones are due `postmortem.dueWithinMinutes` after resolution (SEV1 48 hours, SEV2 a week).
 */
export function buildPostmortemDraft(
  input: PostmortemDraftInput,
): PostmortemDraft {
  const facts = postmortemFacts(input);
  const { required, dueWithinMinutes } = input.level.postmortem;
  const dueFrom = input.incident.resolvedAt ?? input.now.toISOString();
  return {
    facts,
    required,
    ...(required && dueWithinMinutes !== undefined
      ? {
          dueAt: new Date(
            Date.parse(dueFrom) + dueWithinMinutes * 60_000,
          ).toISOString(),
        }
      : {}),
    sections: {
      summary: summarySection(facts),
      impact: impactSection(facts),
      timeline: timelineSection(input.timeline),
      ...SECTION_PROMPTS,
    },
  };
}
