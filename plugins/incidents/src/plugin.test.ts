import { Entity } from '@backstage/catalog-model';
import {
  EntityIncidentsContent,
  IncidentsPage,
  EntityOnCallCard,
  incidentsPlugin,
  isIncidentsAvailable,
  isOnCallAvailable,
} from './plugin';

describe('incidents plugin (legacy frontend system)', () => {
  it('exports the plugin and its extensions', () => {
    expect(incidentsPlugin.getId()).toBe('incidents');
    expect(IncidentsPage).toBeDefined();
    expect(EntityIncidentsContent).toBeDefined();
    expect(EntityOnCallCard).toBeDefined();
  });

  it('applies to components, systems and resources', () => {
    const entity = (kind: string) =>
      ({
        apiVersion: 'backstage.io/v1alpha1',
        kind,
        metadata: { name: 'x' },
      } as Entity);
    expect(isIncidentsAvailable(entity('Component'))).toBe(true);
    expect(isIncidentsAvailable(entity('System'))).toBe(true);
    expect(isIncidentsAvailable(entity('Resource'))).toBe(true);
    expect(isIncidentsAvailable(entity('Group'))).toBe(false);
  });

  it('shows the on-call card on groups and on what they own', () => {
    const entity = (kind: string) =>
      ({
        apiVersion: 'backstage.io/v1alpha1',
        kind,
        metadata: { name: 'x' },
      } as Entity);
    expect(isOnCallAvailable(entity('Group'))).toBe(true);
    expect(isOnCallAvailable(entity('Component'))).toBe(true);
    expect(isOnCallAvailable(entity('System'))).toBe(true);
    expect(isOnCallAvailable(entity('Resource'))).toBe(true);
    expect(isOnCallAvailable(entity('User'))).toBe(false);
  });
});
