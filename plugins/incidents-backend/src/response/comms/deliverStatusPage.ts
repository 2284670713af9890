import { StatusPageProvider } from '@firebreak/plugin-incidents-node';
import { StatusPageEffect } from '../../domain/communication';

/**
 * Pushes a public update to every installed StatusPageProvider; one that fails fails the
 * delivery (the outbox retries it; providers are told `updateId` to stay idempotent).
 */
export async function deliverStatusPage(
  providers: StatusPageProvider[],
  effect: StatusPageEffect,
): Promise<void> {
  const failures: string[] = [];
  for (const provider of providers) {
    try {
      await provider.publish(effect.publication);
    } catch (error) {
      failures.push(`${provider.id}: ${(error as Error).message}`);
    }
  }
  if (failures.length > 0) {
    throw new Error(`Status page push failed: ${failures.join('; ')}`);
  }
}
