import {
  ACTION_ITEM_STATUS_TITLES,
  ActionItem,
  POSTMORTEM_SECTIONS,
  POSTMORTEM_STATUS_TITLES,
  Postmortem,
} from '@firebreak/plugin-incidents-common';
import { shortRef } from '../response/names';
import { formatTime } from './draft';

const cell = (text: string) =>
  text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();

/** Section 7's table, from the incident's action items as they are now. */
export function actionItemsTable(items: ActionItem[]): string {
  return [
    '| Priority | Action | Owner | Due Date | Status |',
    '|----------|--------|-------|----------|--------|',
    ...items.map(
      i =>
        `| ${i.priority} | ${cell(i.title)} | ${
          i.ownerRef ? shortRef(i.ownerRef) : '—'
        }${i.assigneeRef ? ` (${shortRef(i.assigneeRef)})` : ''} | ${
          i.dueAt ? i.dueAt.slice(0, 10) : '—'
        } | ${ACTION_ITEM_STATUS_TITLES[i.status]} |`,
    ),
  ].join('\n');
}

/**
 * The postmortem as one Markdown document in the layout of the spec's template: a title, the
 * review status, then the nine numbered sections; section 7 is the live action-item table
 * followed by the notes written in it.
 */
export function renderPostmortemMarkdown(
  postmortem: Postmortem,
  actionItems: ActionItem[],
): string {
  const header = [
    `# Postmortem: ${postmortem.incidentRef} ${postmortem.incidentTitle}`,
    '',
    `**Status:** ${POSTMORTEM_STATUS_TITLES[postmortem.status]}${
      postmortem.publishedAt
        ? ` (published ${formatTime(postmortem.publishedAt)} by ${shortRef(
            postmortem.publishedBy ?? '',
          )})`
        : ''
    }`,
    ...(postmortem.dueAt ? [`**Due:** ${formatTime(postmortem.dueAt)}`] : []),
    ...(postmortem.reviewMeeting
      ? [
          `**Review meeting:** ${formatTime(
            postmortem.reviewMeeting.at,
          )} with ${postmortem.reviewMeeting.attendeeRefs
            .map(shortRef)
            .join(', ')}`,
        ]
      : []),
  ];
  const sections = POSTMORTEM_SECTIONS.map(section => {
    const text = postmortem.sections[section.id].trim();
    const body =
      section.id === 'actionItems'
        ? [actionItemsTable(actionItems), ...(text ? ['', text] : [])].join(
            '\n',
          )
        : text;
    return `## ${section.number}. ${section.title}\n\n${body}`.trimEnd();
  });
  return `${[header.join('\n'), ...sections].join('\n\n')}\n`;
}
