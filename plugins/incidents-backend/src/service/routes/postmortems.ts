import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CloseCheck,
  incidentPostmortemPublishPermission,
  incidentPostmortemUpdatePermission,
  listPostmortemsQuerySchema,
  postmortemStatusSchema,
  savePostmortemSchema,
} from '@firebreak/plugin-incidents-common';
import Router from 'express-promise-router';
import { InputError } from '@backstage/errors';
import { requireInCatalog, rollUp } from '../../catalog/hierarchy';
import { listPostmortems } from '../../database/postmortems/listPostmortems';
import { renderPostmortemMarkdown } from '../../domain/postmortem';
import { parseInput } from '../validation';
import { PostmortemRouterOptions, writeContext } from './postmortemRouting';

/** An incident's postmortem (read, write, review flow, export) and the postmortem list. */
export function createPostmortemsRouter(options: PostmortemRouterOptions) {
  const { access, postmortems, catalog, db, clock } = options;
  const router = Router();

  const markdown = async (param: string, credentials: BackstageCredentials) => {
    const incident = await access.incident(param, credentials);
    const now = clock.now();
    const postmortem = await postmortems.get(incident.id, now);
    return {
      postmortem,
      text: renderPostmortemMarkdown(
        postmortem,
        await postmortems.actionItemsOf(incident.id, now),
      ),
    };
  };

  router.get('/v1/incidents/:id/postmortem', async (req, res) => {
    const credentials = await access.reader(req);
    if (req.query.format === 'markdown') {
      const { text } = await markdown(req.params.id, credentials);
      res.type('text/markdown; charset=utf-8').send(text);
      return;
    }
    if (req.query.format !== undefined && req.query.format !== 'json') {
      throw new InputError(
        `Invalid query: format: must be one of json, markdown, got '${req.query.format}'`,
      );
    }
    const incident = await access.incident(req.params.id, credentials);
    res.json(await postmortems.get(incident.id, clock.now()));
  });

  router.get('/v1/incidents/:id/postmortem/export', async (req, res) => {
    const credentials = await access.reader(req);
    const { postmortem, text } = await markdown(req.params.id, credentials);
    res
      .type('text/markdown; charset=utf-8')
      .attachment(`postmortem-${postmortem.incidentRef}.md`)
      .send(text);
  });

  router.get('/v1/incidents/:id/close-check', async (req, res) => {
    const credentials = await access.reader(req);
    const incident = await access.incident(req.params.id, credentials);
    const body: CloseCheck = await postmortems.closeCheck(
      incident,
      clock.now(),
    );
    res.json(body);
  });

  router.post('/v1/incidents/:id/postmortem', async (req, res) => {
    const postmortem = await access.write(
      req,
      {
        eventId: 'incident-postmortem-create',
        meta: { incident: req.params.id },
      },
      async credentials => {
        const key = await access.incidentKey(
          req.params.id,
          credentials,
          incidentPostmortemUpdatePermission,
        );
        const created = await postmortems.create(
          key,
          writeContext(credentials, clock),
        );
        return {
          result: created,
          meta: { incidentId: created.incidentId, postmortemId: created.id },
        };
      },
    );
    res.status(201).json(postmortem);
  });

  router.put('/v1/incidents/:id/postmortem', async (req, res) => {
    const postmortem = await access.write(
      req,
      {
        eventId: 'incident-postmortem-save',
        meta: { incident: req.params.id },
      },
      async credentials => {
        const key = await access.incidentKey(
          req.params.id,
          credentials,
          incidentPostmortemUpdatePermission,
        );
        const body = parseInput(savePostmortemSchema, req.body, 'request body');
        if (body.reviewMeeting) {
          await requireInCatalog(
            catalog,
            credentials,
            body.reviewMeeting.attendeeRefs.map((ref, i) => ({
              field: `reviewMeeting.attendeeRefs.${i}`,
              ref,
            })),
          );
        }
        const { postmortem: saved, meetingChanged } = await postmortems.save(
          key,
          body,
          writeContext(credentials, clock),
        );
        return {
          result: saved,
          meta: {
            incidentId: saved.incidentId,
            postmortemId: saved.id,
            version: saved.version,
            sections: Object.keys(body.sections),
            reviewMeetingChanged: meetingChanged,
          },
        };
      },
    );
    res.json(postmortem);
  });

  router.post('/v1/incidents/:id/postmortem/status', async (req, res) => {
    const postmortem = await access.write(
      req,
      {
        eventId: 'incident-postmortem-status',
        meta: { incident: req.params.id },
      },
      async credentials => {
        // Publishing is its own permission (a policy may let leadership publish without
        // editing); every other move is an edit. Decided before the body is checked.
        const key = await access.incidentKey(
          req.params.id,
          credentials,
          req.body?.status === 'published'
            ? incidentPostmortemPublishPermission
            : incidentPostmortemUpdatePermission,
        );
        const body = parseInput(
          postmortemStatusSchema,
          req.body,
          'request body',
        );
        const { postmortem: changed, from } = await postmortems.setStatus(
          key,
          body,
          writeContext(credentials, clock),
        );
        return {
          result: changed,
          meta: {
            incidentId: changed.incidentId,
            postmortemId: changed.id,
            from,
            to: changed.status,
          },
        };
      },
    );
    res.json(postmortem);
  });

  router.get('/v1/postmortems', async (req, res) => {
    const credentials = await access.reader(req);
    const query = parseInput(listPostmortemsQuerySchema, req.query, 'query');
    res.json(
      await listPostmortems(db, {
        severities: query.severity,
        statuses: query.status,
        ...(await rollUp(catalog, credentials, query)),
        resolvedFrom: query.from,
        resolvedTo: query.to,
        cursor: query.cursor,
        limit: query.limit,
        withSections: query.include === 'sections',
        visibleTo: await access.visibleTo(credentials),
        now: clock.now(),
      }),
    );
  });

  return router;
}
