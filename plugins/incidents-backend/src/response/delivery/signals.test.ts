import { IncidentAudience } from '../../domain/visibility';
import { SignalEffect } from '../../domain/effects';
import { createEffectHandlers } from './handlers';

const restricted: IncidentAudience = {
  restricted: true,
  createdBy: 'user:default/Dana',
  roleHolderRefs: ['user:default/ivan'],
  pagedUserRefs: ['user:default/pat'],
  pagedGroupRefs: ['group:default/security'],
};

describe('signal effects', () => {
  const setup = (audience: IncidentAudience | undefined) => {
    const signals = { publish: jest.fn(async (_: any) => {}) };
    const audienceOf = jest.fn(async (_: string) => audience);
    const handlers = createEffectHandlers({
      notifications: { send: jest.fn() },
      signals,
      audienceOf,
      viewerGroupRefs: ['group:default/privacy'],
    });
    const listener = (event: {
      incident: {
        id: string;
        ref: string;
        version: number;
        restricted?: boolean;
      };
      kind: SignalEffect['kind'];
      actor: string;
    }) =>
      handlers.signal({
        type: 'signal',
        key: 'k',
        incidentId: event.incident.id,
        incidentRef: event.incident.ref,
        version: event.incident.version,
        restricted: event.incident.restricted ?? true,
        kind: event.kind,
      });
    return { signals, audienceOf, listener };
  };
  const incident = { id: 'id-1', ref: 'INC-1', version: 3 };

  it('sends signals of a restricted incident to its audience only', async () => {
    const { signals, audienceOf, listener } = setup(restricted);
    await listener({ incident, kind: 'timeline', actor: 'user:default/dana' });
    expect(audienceOf).toHaveBeenCalledWith('id-1');
    const recipients = {
      type: 'user',
      entityRef: [
        'user:default/Dana',
        'user:default/dana',
        'user:default/ivan',
        'user:default/pat',
        'group:default/security',
        'group:default/privacy',
      ],
    };
    expect(signals.publish.mock.calls.map(([s]) => s)).toEqual([
      {
        recipients,
        channel: 'firebreak:incidents',
        message: {
          incidentId: 'id-1',
          incidentRef: 'INC-1',
          version: 3,
          kind: 'timeline',
        },
      },
    ]);
  });

  it('broadcasts signals of other incidents', async () => {
    const { signals, listener } = setup({ ...restricted, restricted: false });
    await listener({
      incident: { ...incident, restricted: false },
      kind: 'updated',
      actor: 'user:default/dana',
    });
    expect(signals.publish.mock.calls.map(([s]) => s.recipients)).toEqual([
      { type: 'broadcast' },
    ]);
  });

  it('does not read the audience when the effect says the incident is unrestricted', async () => {
    const { signals, audienceOf, listener } = setup(restricted);
    await listener({
      incident: { ...incident, restricted: false },
      kind: 'updated',
      actor: 'user:default/dana',
    });
    expect(audienceOf).not.toHaveBeenCalled();
    expect(signals.publish).toHaveBeenCalledTimes(1);
    expect(signals.publish.mock.calls[0][0].recipients).toEqual({
      type: 'broadcast',
    });
  });

  it('sends nothing for an incident it cannot find', async () => {
    const { signals, listener } = setup(undefined);
    await listener({ incident, kind: 'updated', actor: 'user:default/dana' });
    expect(signals.publish).not.toHaveBeenCalled();
  });

  it('sends a burst of broadcast signals as one batch while a publish is out; restricted ones alone', async () => {
    const { signals, listener } = setup(restricted);
    let release!: () => void;
    signals.publish.mockImplementationOnce(
      () => new Promise<void>(resolve => (release = resolve)),
    );
    const change = (id: string, restrictedIncident = false) =>
      listener({
        incident: {
          id,
          ref: `INC-${id}`,
          version: 1,
          restricted: restrictedIncident,
        },
        kind: 'declared',
        actor: 'user:default/dana',
      });
    const first = change('1');
    const burst = [change('2'), change('3'), change('4')];
    const secret = change('5', true);
    await new Promise(resolve => setImmediate(resolve));
    // The restricted incident's signal does not wait for the broadcast in flight.
    expect(signals.publish.mock.calls.map(([s]) => s.recipients.type)).toEqual([
      'broadcast',
      'user',
    ]);
    release();
    await Promise.all([first, ...burst, secret]);
    const messages = signals.publish.mock.calls.map(([s]) => s.message);
    expect(messages[0]).toEqual({
      incidentId: '1',
      incidentRef: 'INC-1',
      version: 1,
      kind: 'declared',
    });
    expect(messages[1].incidentId).toBe('5');
    expect(messages[2].signals.map((m: any) => m.incidentId)).toEqual([
      '2',
      '3',
      '4',
    ]);
    expect(signals.publish).toHaveBeenCalledTimes(3);
  });

  it('fails every signal of a batch whose publish failed, so that each is retried', async () => {
    const { signals, listener } = setup(restricted);
    let fail!: (error: Error) => void;
    signals.publish.mockImplementationOnce(
      () => new Promise<void>((_, reject) => (fail = reject)),
    );
    signals.publish.mockRejectedValueOnce(new Error('events bus down'));
    const change = (id: string) =>
      listener({
        incident: { id, ref: `INC-${id}`, version: 1, restricted: false },
        kind: 'updated',
        actor: 'user:default/dana',
      });
    const first = change('1');
    const burst = [change('2'), change('3')];
    fail(new Error('signals down'));
    await expect(first).rejects.toThrow('signals down');
    await Promise.all(
      burst.map(b => expect(b).rejects.toThrow('events bus down')),
    );
    // The next change goes out on its own.
    await change('4');
    expect(signals.publish.mock.calls[2][0].message.incidentId).toBe('4');
  });
});
