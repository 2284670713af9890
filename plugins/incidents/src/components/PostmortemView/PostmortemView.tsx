import {
  Content,
  InfoCard,
  Link,
  MarkdownContent,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  POSTMORTEM_SECTIONS,
  POSTMORTEM_STATUS_TITLES,
} from '@firebreak/plugin-incidents-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { incidentsApiRef } from '../../api';
import { useIncidentLink } from '../../hooks';
import { shortRef } from '../../utils';
import { ActionItemsTable } from '../ActionItemsTable';
import { downloadText } from '../PostmortemEditor/downloadText';
import { SeverityChip } from '../SeverityChip';

/** The read view of one postmortem, at a stable URL per incident (`/postmortems/INC-42`). */
export function PostmortemView() {
  const { id = '' } = useParams();
  const api = useApi(incidentsApiRef);
  const incidentLink = useIncidentLink();
  const state = useAsync(async () => {
    const postmortem = await api.getPostmortem(id);
    const items = await api.listActionItems({
      incident: postmortem.incidentId,
      limit: 200,
    });
    return { postmortem, items: items.items };
  }, [api, id]);

  if (state.loading) return <Progress />;
  if (state.error) {
    return (
      <Content>
        <ResponseErrorPanel error={state.error} />
      </Content>
    );
  }
  const { postmortem, items } = state.value!;
  return (
    <Content>
      <InfoCard
        title={`Postmortem: ${postmortem.incidentRef} ${postmortem.incidentTitle}`}
        subheader={
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <SeverityChip severity={postmortem.severity} />
            <Typography variant="body2">
              {POSTMORTEM_STATUS_TITLES[postmortem.status]}
              {postmortem.publishedAt &&
                ` ${postmortem.publishedAt.slice(0, 10)} by ${shortRef(
                  postmortem.publishedBy ?? '',
                )}`}
              {postmortem.overdue && ' · overdue'}
            </Typography>
            {incidentLink && (
              <Link to={incidentLink(postmortem.incidentRef)}>
                Open incident
              </Link>
            )}
            <Button
              size="small"
              onClick={async () =>
                downloadText(
                  `postmortem-${postmortem.incidentRef}.md`,
                  await api.getPostmortemMarkdown(postmortem.incidentId),
                )
              }
            >
              Export Markdown
            </Button>
          </Box>
        }
      >
        {POSTMORTEM_SECTIONS.map(section => (
          <Box
            key={section.id}
            mb={3}
            component="section"
            aria-label={section.title}
          >
            <Typography variant="h5">
              {section.number}. {section.title}
            </Typography>
            {section.id === 'actionItems' && (
              <ActionItemsTable items={items} editable={false} />
            )}
            <MarkdownContent
              content={postmortem.sections[section.id]}
              dialect="gfm"
            />
          </Box>
        ))}
      </InfoCard>
    </Content>
  );
}
