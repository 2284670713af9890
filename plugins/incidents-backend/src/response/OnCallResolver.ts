import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { OnCallProvider, OnCallResult } from '@firebreak/plugin-incidents-node';
import { GroupInfo, lookupGroups } from '../catalog/groups';
import { GroupOnCallInfo } from '../domain/response';
import { refKey } from '@firebreak/plugin-incidents-common';

/** A group's on-call as Firebreak uses it. */
export interface ResolvedOnCall extends GroupOnCallInfo {
  /** False when the group is not in the catalog (or not visible). */
  inCatalog: boolean;
  scheduleId?: string;
  /** The provider's answer; undefined when no schedule covers the group. */
  result?: OnCallResult;
  /** Set when the provider failed; the group is then treated as having no on-call. */
  error?: string;
}

/**
 * Who is on call for groups: the groups' annotations come from ONE catalog call
 * (`firebreak.io/oncall-schedule`, `firebreak.io/lead`), then the on-call provider answers for
 * each group. A failing provider does not fail the caller: declaring an incident must work
 * while the roster is down; the failure is logged and reported.
 */
export class OnCallResolver {
  constructor(
    private readonly deps: {
      provider: OnCallProvider;
      catalog: CatalogService;
      logger: LoggerService;
    },
  ) {}

  /** Lower-cased group refs → their on-call at `at`. */
  async forGroups(
    groupRefs: string[],
    at: Date,
    credentials: BackstageCredentials,
  ): Promise<Map<string, ResolvedOnCall>> {
    const groups = await lookupGroups(
      this.deps.catalog,
      groupRefs,
      credentials,
    );
    const resolved = new Map<string, ResolvedOnCall>();
    const unique = [...new Map(groupRefs.map(r => [refKey(r), r])).values()];
    await Promise.all(
      unique.map(async groupRef => {
        resolved.set(
          refKey(groupRef),
          await this.resolve(groupRef, groups.get(refKey(groupRef)), at),
        );
      }),
    );
    return resolved;
  }

  private async resolve(
    groupRef: string,
    group: GroupInfo | undefined,
    at: Date,
  ): Promise<ResolvedOnCall> {
    const base = {
      groupRef,
      inCatalog: Boolean(group),
      ...(group?.scheduleId ? { scheduleId: group.scheduleId } : {}),
      ...(group?.leadRef ? { leadRef: group.leadRef } : {}),
    };
    try {
      const result = await this.deps.provider.getOnCall({
        groupRef,
        at,
        ...(group?.scheduleId ? { scheduleId: group.scheduleId } : {}),
      });
      if (!result) {
        return { ...base, rotation: [] };
      }
      return {
        ...base,
        ...(result.scheduleId ? { scheduleId: result.scheduleId } : {}),
        result,
        ...(result.current ? { currentUserRef: result.current.userRef } : {}),
        rotation: result.rotation,
      };
    } catch (error) {
      this.deps.logger.warn(
        `On-call lookup for ${groupRef} failed: ${(error as Error).message}`,
      );
      return {
        ...base,
        rotation: [],
        error: `on-call lookup for ${groupRef} failed`,
      };
    }
  }
}
