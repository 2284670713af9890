import { Knex } from 'knex';
import { toDbTimestamp } from './rows';

/** SEV4 backlog items whose hand-over to the owning team is due. */
export class DatabaseBacklogStore {
  constructor(private readonly db: Knex) {}

  /** Ids of open incidents due to reach their team's backlog by `now` and not there yet. */
  async listDue(now: Date, limit = 100): Promise<string[]> {
    const rows: { id: string }[] = await this.db('incidents')
      .whereNotNull('backlog_group_ref')
      .whereNull('backlog_assigned_at')
      .where('backlog_assign_at', '<=', toDbTimestamp(now.toISOString()))
      .whereNot('phase', 'closed')
      .orderBy('backlog_assign_at', 'asc')
      .limit(limit)
      .select('id');
    return rows.map(r => r.id);
  }
}
