import { Incident, OnCallPage } from '@firebreak/plugin-incidents-common';
import { Effect } from '../effects';
import { IncidentFieldChanges, NewTimelineEntry } from '../types';
import { sameRef, shortRef } from './names';
import { pageClosedNotice } from './notices';

/** How an open page ends when its incident moves on without it. */
export interface PageClosure {
  pageId: string;
  reason: 'cancelled' | 'resolved';
  note: string;
}

/** What a change to an incident does to its open pages. */
export interface PageFollowUp {
  /** Pages acknowledged by the change (the commander acknowledged the incident). */
  acknowledge: string[];
  close: PageClosure[];
  timeline: NewTimelineEntry[];
  effects: Effect[];
}

const NOTHING: PageFollowUp = {
  acknowledge: [],
  close: [],
  timeline: [],
  effects: [],
};

/**
 * A page follows its incident: resolving or closing the incident resolves every open page;
 * acknowledging the incident as its commander acknowledges the commander's pages; a new
 * commander cancels the old commander's open pages. Open pages are those neither
 * acknowledged, escalated nor closed.
 */
export function followUpPages(input: {
  incident: Pick<Incident, 'id' | 'ref' | 'title' | 'severity'>;
  fields: IncidentFieldChanges;
  actor: string;
  commanderBefore?: string;
  commanderAfter?: string;
  openPages: OnCallPage[];
}): PageFollowUp {
  const { incident, fields, openPages } = input;
  if (openPages.length === 0) {
    return NOTHING;
  }
  if (fields.resolvedAt || fields.phase === 'closed') {
    const why = fields.phase === 'closed' ? 'closed' : 'resolved';
    const note = `${incident.ref} was ${why}`;
    return {
      acknowledge: [],
      close: openPages.map(page => ({
        pageId: page.id,
        reason: 'resolved',
        note,
      })),
      timeline: [
        {
          kind: 'page',
          body: `Incident ${why}: ${describeCount(openPages)} no longer ${
            openPages.length === 1 ? 'needs' : 'need'
          } an answer (${openPages.map(describePage).join(', ')})`,
          details: {
            action: 'resolved',
            pageIds: openPages.map(p => p.id),
          },
        },
      ],
      effects: openPages.flatMap(page =>
        pageClosedNotice(incident, page, `${note}; the page is resolved.`),
      ),
    };
  }

  const acknowledge = fields.acknowledgedAt
    ? openPages.filter(
        page =>
          sameRef(page.targetUserRef, input.actor) &&
          sameRef(input.actor, input.commanderAfter),
      )
    : [];
  const replaced =
    input.commanderBefore &&
    !sameRef(input.commanderBefore, input.commanderAfter)
      ? openPages.filter(page =>
          sameRef(page.targetUserRef, input.commanderBefore),
        )
      : [];
  const timeline: NewTimelineEntry[] = [];
  if (acknowledge.length > 0) {
    timeline.push({
      kind: 'page',
      body: `${shortRef(input.actor)} acknowledged the incident, and with it ${
        acknowledge.length === 1 ? 'their page' : 'their pages'
      }`,
      details: { action: 'acknowledged', pageIds: acknowledge.map(p => p.id) },
    });
  }
  const note = `${shortRef(
    input.commanderBefore ?? '',
  )} is no longer incident commander`;
  if (replaced.length > 0) {
    timeline.push({
      kind: 'page',
      body: `Cancelled ${describeCount(replaced)} to ${shortRef(
        input.commanderBefore ?? '',
      )}: no longer incident commander`,
      details: { action: 'cancelled', pageIds: replaced.map(p => p.id) },
    });
  }
  return {
    acknowledge: acknowledge.map(p => p.id),
    close: replaced.map(page => ({
      pageId: page.id,
      reason: 'cancelled',
      note,
    })),
    timeline,
    effects: replaced.flatMap(page =>
      pageClosedNotice(incident, page, `${note}; the page is cancelled.`),
    ),
  };
}

function describeCount(pages: OnCallPage[]): string {
  return pages.length === 1 ? '1 open page' : `${pages.length} open pages`;
}

function describePage(page: OnCallPage): string {
  return shortRef(page.targetUserRef ?? page.targetGroupRef ?? '?');
}
