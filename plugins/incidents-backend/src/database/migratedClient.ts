import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { repairIncidentCopies } from './incidentCopies';

const migrationsDir = resolvePackagePath(
  '@firebreak/plugin-incidents-backend',
  'migrations',
);

/**
 * The plugin's database client, migrated to the latest schema unless migrations are skipped;
 * then the copies that replicas of an older version left behind are repaired.
 */
export async function migratedClient(options: {
  database: DatabaseService;
  skipMigrations?: boolean;
}): Promise<Knex> {
  const { database, skipMigrations } = options;
  const client = await database.getClient();
  if (!database.migrations?.skip && !skipMigrations) {
    await client.migrate.latest({ directory: migrationsDir });
    await repairIncidentCopies(client);
  }
  return client;
}
