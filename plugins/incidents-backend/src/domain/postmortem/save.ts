import {
  POSTMORTEM_SECTION_IDS,
  POSTMORTEM_SECTIONS,
  POSTMORTEM_STATUS_TRANSITIONS,
  PostmortemSectionId,
  PostmortemSections,
  PostmortemStatus,
} from '@firebreak/plugin-incidents-common';

/** The part of a stored postmortem a save is decided on. */
export interface PostmortemRevision {
  status: PostmortemStatus;
  sections: PostmortemSections;
  sectionVersions: Record<PostmortemSectionId, number>;
  version: number;
}

export type SaveDecision =
  | {
      ok: true;
      sections: PostmortemSections;
      sectionVersions: Record<PostmortemSectionId, number>;
      /** The sections this save changed (none: nothing to write). */
      changed: PostmortemSectionId[];
      version: number;
    }
  | {
      ok: false;
      reason: 'stale';
      /** Sections saved by someone else since `expectedVersion`. */
      changedSince: PostmortemSectionId[];
      currentVersion: number;
      message: string;
    }
  | { ok: false; reason: 'published'; message: string };

const titleOf = (id: PostmortemSectionId) =>
  POSTMORTEM_SECTIONS.find(s => s.id === id)!;

/**
 * A save of some sections against the version the editor loaded. A stale version is
 * refused naming the sections others changed since, so the editor can reload them and keep
 * the user's own text; nothing is merged silently. A published postmortem is final.
 */
export function decideSave(
  current: PostmortemRevision,
  request: {
    expectedVersion: number;
    sections: Partial<PostmortemSections>;
  },
): SaveDecision {
  if (current.status === 'published') {
    return {
      ok: false,
      reason: 'published',
      message: 'The postmortem is published and can no longer be edited',
    };
  }
  if (request.expectedVersion !== current.version) {
    const changedSince = POSTMORTEM_SECTION_IDS.filter(
      id => current.sectionVersions[id] > request.expectedVersion,
    );
    const names = changedSince
      .map(id => `${titleOf(id).number}. ${titleOf(id).title}`)
      .join(', ');
    return {
      ok: false,
      reason: 'stale',
      changedSince,
      currentVersion: current.version,
      message: `The postmortem changed since you loaded it (you sent version ${
        request.expectedVersion
      }, the current version is ${current.version})${
        names ? `: changed sections: ${names}` : ''
      }. Reload them and save again.`,
    };
  }
  const changed = POSTMORTEM_SECTION_IDS.filter(
    id =>
      request.sections[id] !== undefined &&
      request.sections[id] !== current.sections[id],
  );
  const version = changed.length > 0 ? current.version + 1 : current.version;
  const sections = { ...current.sections };
  const sectionVersions = { ...current.sectionVersions };
  for (const id of changed) {
    sections[id] = request.sections[id]!;
    sectionVersions[id] = version;
  }
  return { ok: true, sections, sectionVersions, changed, version };
}

export type StatusDecision =
  | { ok: true; from: PostmortemStatus; to: PostmortemStatus }
  | { ok: false; allowed: PostmortemStatus[]; message: string };

/** draft -> in review -> published (a review may send it back to draft). */
export function decideStatus(
  current: PostmortemStatus,
  to: PostmortemStatus,
): StatusDecision {
  const allowed = POSTMORTEM_STATUS_TRANSITIONS[current];
  if (!allowed.includes(to)) {
    return {
      ok: false,
      allowed,
      message: `A postmortem cannot go from ${current} to ${to}; allowed: ${
        allowed.join(', ') || 'none'
      }`,
    };
  }
  return { ok: true, from: current, to };
}

/** The first version of every section of a new draft. */
export function initialSectionVersions(): Record<PostmortemSectionId, number> {
  return Object.fromEntries(
    POSTMORTEM_SECTION_IDS.map(id => [id, 1]),
  ) as Record<PostmortemSectionId, number>;
}
