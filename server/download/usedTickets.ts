// Download tickets are used once, whichever gateway of the region the browser reaches: the
// use is recorded in the shared database (a hash of the ticket, until it would have expired
// anyway), and only the request that inserted the row may go on.
import crypto from 'node:crypto';
import type { GatewayDatabase } from '../storage/database';

export class UsedTickets {
  constructor(
    private readonly db: GatewayDatabase,
    private readonly now: () => number,
  ) {}

  /** True for the first use of `ticket` only. */
  async firstUse(ticket: string, expiresAt: number): Promise<boolean> {
    const id = crypto.createHash('sha256').update(ticket).digest('hex');
    await this.db.run('DELETE FROM used_tickets WHERE expires_at < ?', [this.now()]);
    const inserted = await this.db.run(
      'INSERT INTO used_tickets (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING',
      [id, expiresAt],
    );
    return inserted === 1;
  }
}
