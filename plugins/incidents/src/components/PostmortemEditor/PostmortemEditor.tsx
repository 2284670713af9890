import { Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ActionItem,
  CloseCheck,
  Incident,
  POSTMORTEM_SECTIONS,
  POSTMORTEM_STATUS_TITLES,
  Postmortem,
  PostmortemSectionId,
  PostmortemSections,
  PostmortemStatus,
  incidentActionItemUpdatePermission,
  incidentPostmortemPublishPermission,
  incidentPostmortemUpdatePermission,
} from '@firebreak/plugin-incidents-common';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useCallback, useEffect, useState } from 'react';
import { incidentsApiRef } from '../../api';
import { usePostmortemLink } from '../../hooks';
import { errorMessage, errorStatus } from '../../utils';
import { ActionItemsTable } from '../ActionItemsTable';
import { PermissionTooltip } from '../PermissionTooltip';
import { RelativeTime } from '../RelativeTime';
import { AddActionItemForm } from './AddActionItemForm';
import { downloadText } from './downloadText';
import { PostmortemSection } from './PostmortemSection';
import { ReviewMeetingForm } from './ReviewMeetingForm';
import { StaleSaveDialog } from './StaleSaveDialog';

const NEXT: Record<
  PostmortemStatus,
  { status: PostmortemStatus; label: string }[]
> = {
  draft: [{ status: 'in_review', label: 'Submit for review' }],
  in_review: [
    { status: 'draft', label: 'Back to draft' },
    { status: 'published', label: 'Publish' },
  ],
  published: [],
};

function changedSectionsOf(error: unknown): PostmortemSectionId[] | undefined {
  if (
    error instanceof ResponseError ||
    (error as ResponseError)?.name === 'ResponseError'
  ) {
    const body = (error as ResponseError).body?.error as
      | { changedSections?: PostmortemSectionId[] }
      | undefined;
    return body?.changedSections;
  }
  return undefined;
}

/** What keeps the incident from closing, shown before anyone clicks "close". */
export function CloseBlockers(props: { check?: CloseCheck }) {
  if (!props.check?.applies || props.check.ready) return null;
  return (
    <Alert severity="warning" style={{ marginBottom: 16 }}>
      This incident cannot close yet:
      <ul style={{ margin: 0 }}>
        {props.check.messages.map(m => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </Alert>
  );
}

/**
 * The incident's postmortem, edited in place: markdown per section with a preview, the
 * live action items of section 7, the review flow (draft -> in review -> published) and the
 * review meeting. A stale save offers to reload the others' changes and keep your text.
 */
export function PostmortemEditor(props: { incident: Incident }) {
  const { incident } = props;
  const api = useApi(incidentsApiRef);
  const readLink = usePostmortemLink();
  const [postmortem, setPostmortem] = useState<Postmortem>();
  const [missing, setMissing] = useState(false);
  const [loading, setLoading] = useState(true);
  const [items, setItems] = useState<ActionItem[]>([]);
  const [closeCheck, setCloseCheck] = useState<CloseCheck>();
  const [drafts, setDrafts] = useState<Partial<PostmortemSections>>({});
  const [stale, setStale] = useState<PostmortemSectionId[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  // Decided for this incident: by default its responders and the owners of what it affects.
  const canEdit = usePermission({
    permission: incidentPostmortemUpdatePermission,
    resourceRef: incident.id,
  });
  const canPublish = usePermission({
    permission: incidentPostmortemPublishPermission,
    resourceRef: incident.id,
  });
  const canEditItems = usePermission({
    permission: incidentActionItemUpdatePermission,
    resourceRef: incident.id,
  });

  const refreshSide = useCallback(async () => {
    const [list, check] = await Promise.all([
      api.listActionItems({ incident: incident.id, limit: 200 }),
      api.getCloseCheck(incident.id),
    ]);
    setItems(list.items);
    setCloseCheck(check);
  }, [api, incident.id]);

  const load = useCallback(async () => {
    try {
      setPostmortem(await api.getPostmortem(incident.id));
      setMissing(false);
    } catch (e) {
      if (errorStatus(e) === 404) setMissing(true);
      else setError(errorMessage(e));
    }
    await refreshSide().catch(e => setError(errorMessage(e)));
    setLoading(false);
  }, [api, incident.id, refreshSide]);

  useEffect(() => {
    load();
  }, [load, incident.version, incident.phase]);

  const act = async (action: () => Promise<Postmortem>) => {
    setBusy(true);
    try {
      setPostmortem(await action());
      setError(undefined);
      await refreshSide();
      return true;
    } catch (e) {
      const changed = changedSectionsOf(e);
      if (changed) setStale(changed);
      else setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  if (loading) return <Progress />;
  if (missing) {
    return (
      <Box>
        <CloseBlockers check={closeCheck} />
        <Typography paragraph>
          {incident.severity === 'SEV1' || incident.severity === 'SEV2'
            ? 'The postmortem is drafted when the service recovers (required for this severity).'
            : 'A postmortem is optional for this severity.'}
        </Typography>
        <PermissionTooltip
          permission={incidentPostmortemUpdatePermission}
          {...canEdit}
        >
          <Button
            variant="outlined"
            disabled={busy || !canEdit.allowed}
            onClick={() =>
              act(() => api.createPostmortem(incident.id)).then(() =>
                setMissing(false),
              )
            }
          >
            Write postmortem
          </Button>
        </PermissionTooltip>
        {error && <Alert severity="error">{error}</Alert>}
      </Box>
    );
  }
  if (!postmortem) return <Alert severity="error">{error}</Alert>;

  const published = postmortem.status === 'published';
  const readOnly = published || !canEdit.allowed;
  const dirty = Object.keys(drafts) as PostmortemSectionId[];
  const valueOf = (id: PostmortemSectionId) =>
    drafts[id] ?? postmortem.sections[id];

  const save = () =>
    act(() =>
      api.savePostmortem(incident.id, {
        version: postmortem.version,
        sections: drafts,
      }),
    ).then(ok => ok && setDrafts({}));

  return (
    <Box>
      <CloseBlockers check={closeCheck} />
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
        mb={2}
      >
        <Chip
          label={POSTMORTEM_STATUS_TITLES[postmortem.status]}
          color="primary"
          size="small"
        />
        {postmortem.overdue && (
          <Chip
            label="Overdue"
            size="small"
            style={{ background: '#d32f2f', color: '#fff' }}
          />
        )}
        {postmortem.dueAt && (
          <Typography variant="body2">
            Due <RelativeTime value={postmortem.dueAt} />
          </Typography>
        )}
        {postmortem.publishedAt && (
          <Typography variant="body2">
            Published by {postmortem.publishedBy}{' '}
            <RelativeTime value={postmortem.publishedAt} />
          </Typography>
        )}
        {postmortem.submittedAt && !postmortem.publishedAt && (
          <Typography variant="body2">
            Submitted by {postmortem.submittedBy}{' '}
            <RelativeTime value={postmortem.submittedAt} />
          </Typography>
        )}
        <Box flexGrow={1} />
        {readLink && <Link to={readLink(incident.ref)}>Read view</Link>}
        <Button
          size="small"
          onClick={async () =>
            downloadText(
              `postmortem-${incident.ref}.md`,
              await api.getPostmortemMarkdown(incident.id),
            )
          }
        >
          Export Markdown
        </Button>
      </Box>
      {error && (
        <Alert severity="error" style={{ marginBottom: 16 }}>
          {error}
        </Alert>
      )}
      {POSTMORTEM_SECTIONS.map(section => (
        <PostmortemSection
          key={section.id}
          section={section}
          value={valueOf(section.id)}
          dirty={drafts[section.id] !== undefined}
          readOnly={readOnly}
          onChange={value => setDrafts(d => ({ ...d, [section.id]: value }))}
        >
          {section.id === 'actionItems' && (
            <Box mb={1}>
              <ActionItemsTable
                items={items}
                editable={!published}
                onChange={saved => {
                  setItems(list =>
                    list.map(i => (i.id === saved.id ? saved : i)),
                  );
                  refreshSide();
                }}
              />
              <AddActionItemForm
                incidentId={incident.id}
                allowed={canEditItems}
                onAdded={item => {
                  setItems(list => [...list, item]);
                  refreshSide();
                }}
              />
            </Box>
          )}
        </PostmortemSection>
      ))}
      {(incident.severity === 'SEV1' || incident.severity === 'SEV2') &&
        !published && (
          <PermissionTooltip
            permission={incidentPostmortemUpdatePermission}
            {...canEdit}
          >
            <div>
              <ReviewMeetingForm
                meeting={postmortem.reviewMeeting}
                disabled={busy || !canEdit.allowed}
                onSave={meeting =>
                  act(() =>
                    api.savePostmortem(incident.id, {
                      version: postmortem.version,
                      sections: {},
                      reviewMeeting: meeting,
                    }),
                  )
                }
              />
            </div>
          </PermissionTooltip>
        )}
      {!published && (
        <Box display="flex" style={{ gap: 8 }} mt={2}>
          <PermissionTooltip
            permission={incidentPostmortemUpdatePermission}
            {...canEdit}
          >
            <Button
              variant="contained"
              color="primary"
              disabled={busy || dirty.length === 0 || !canEdit.allowed}
              onClick={save}
            >
              Save postmortem
            </Button>
          </PermissionTooltip>
          {NEXT[postmortem.status].map(next => {
            // Publishing is its own permission; every other move is an edit.
            const [permission, decision] =
              next.status === 'published'
                ? [incidentPostmortemPublishPermission, canPublish]
                : [incidentPostmortemUpdatePermission, canEdit];
            return (
              <PermissionTooltip
                key={next.status}
                permission={permission}
                {...decision}
              >
                <Button
                  variant="outlined"
                  disabled={busy || dirty.length > 0 || !decision.allowed}
                  title={
                    dirty.length > 0 ? 'Save your changes first' : undefined
                  }
                  onClick={() =>
                    act(() =>
                      api.setPostmortemStatus(incident.id, {
                        status: next.status,
                        version: postmortem.version,
                      }),
                    )
                  }
                >
                  {next.label}
                </Button>
              </PermissionTooltip>
            );
          })}
        </Box>
      )}
      {stale && (
        <StaleSaveDialog
          changedSections={stale}
          mine={dirty}
          onCancel={() => setStale(undefined)}
          onReload={async () => {
            setStale(undefined);
            // Their sections come in; the user's unsaved text (drafts) stays on top.
            setPostmortem(await api.getPostmortem(incident.id));
          }}
        />
      )}
    </Box>
  );
}
