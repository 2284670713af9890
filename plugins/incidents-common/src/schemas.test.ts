import {
  declareIncidentSchema,
  listIncidentsQuerySchema,
  timelineEntrySchema,
} from './schemas';

describe('API schemas', () => {
  it('accepts a declaration and lower-cases entity refs', () => {
    const parsed = declareIncidentSchema.parse({
      title: ' Checkout down ',
      severity: 'SEV1',
      affectedEntityRefs: ['Component:default/Checkout'],
    });
    expect(parsed).toEqual({
      title: 'Checkout down',
      summary: '',
      customerImpact: '',
      severity: 'SEV1',
      affectedEntityRefs: ['component:default/checkout'],
      regions: [],
      restricted: false,
    });
  });

  it('names the bad field', () => {
    const result = declareIncidentSchema.safeParse({
      title: 'x',
      severity: 'SEV9',
      affectedEntityRefs: ['nope'],
    });
    expect(result.success).toBe(false);
    const paths = result.success
      ? []
      : result.error.issues.map(i => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['severity', 'affectedEntityRefs.0']),
    );
  });

  it('rejects unknown fields', () => {
    expect(
      declareIncidentSchema.safeParse({
        title: 'x',
        severity: 'SEV1',
        affectedEntityRefs: ['component:a'],
        sev: 1,
      }).success,
    ).toBe(false);
  });

  it('accepts comma-separated and repeated list filters', () => {
    expect(
      listIncidentsQuerySchema.parse({
        severity: 'SEV1,SEV2',
        status: ['open'],
      }),
    ).toMatchObject({
      severity: ['SEV1', 'SEV2'],
      status: ['open'],
      limit: 25,
    });
    expect(
      listIncidentsQuerySchema.safeParse({ status: 'sleeping' }).success,
    ).toBe(false);
  });

  it('requires an http(s) URL on evidence', () => {
    expect(
      timelineEntrySchema.safeParse({
        kind: 'evidence',
        body: 'graph',
        url: 'ftp://files.example/graph.png',
      }).success,
    ).toBe(false);
    expect(
      timelineEntrySchema.safeParse({
        kind: 'evidence',
        body: 'graph',
        url: 'https://grafana.example/d/1',
      }).success,
    ).toBe(true);
  });
});
