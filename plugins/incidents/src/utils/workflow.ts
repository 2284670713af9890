import {
  PHASES,
  Phase,
  Severity,
  TimelineEntry,
} from '@firebreak/plugin-incidents-common';

const MAIN_TRACK: Phase[] = [
  'declared',
  'triage',
  'resolution',
  'monitoring',
  'communication',
  'prevention',
  'closed',
];

const BACKLOG_TRACK: Phase[] = ['declared', 'backlog', 'closed'];

function isPhase(value: unknown): value is Phase {
  return (PHASES as readonly unknown[]).includes(value);
}

/**
 * Phases the incident has been in, read from the timeline's transition entries (their
 * details carry `from` / `to`). Tolerates entries without details.
 */
export function visitedPhases(entries: TimelineEntry[]): Phase[] {
  const visited = new Set<Phase>();
  for (const entry of entries) {
    if (entry.kind !== 'transition') {
      continue;
    }
    const { from, to } = entry.details ?? {};
    if (isPhase(from)) visited.add(from);
    if (isPhase(to)) visited.add(to);
  }
  return [...visited];
}

/**
 * The phases to draw in the stepper, in workflow order: the spec's main response path for
 * SEV1-3, "track in backlog" for SEV4, with the detours (escalation, backlog) included only
 * when the incident took them.
 */
export function workflowTrack(
  phase: Phase,
  severity: Severity,
  visited: Phase[] = [],
): Phase[] {
  const seen = new Set<Phase>([...visited, phase]);
  const tookResponsePath = [...seen].some(
    p => p !== 'declared' && p !== 'backlog' && p !== 'closed',
  );
  if (!tookResponsePath && severity === 'SEV4') {
    return BACKLOG_TRACK;
  }

  const track = [...MAIN_TRACK];
  if (seen.has('escalated')) {
    track.splice(track.indexOf('resolution'), 0, 'escalated');
  }
  if (seen.has('backlog')) {
    track.splice(track.indexOf('triage'), 0, 'backlog');
  }
  return track;
}
