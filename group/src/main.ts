/**
 * `npm run group`: the dealer group's server. Environment: GROUP_DATABASE_URL (PostgreSQL),
 * PORT (8090), HOST (0.0.0.0), GROUP_ADMIN_TOKEN (the group admin's login, ≥ 16 characters).
 * Applies the schema migrations, then serves `/group` and `/api/group/*`.
 */
import pg from 'pg';
import { migrateGroup } from './schema.ts';
import { createGroupServer } from './server.ts';

async function main(): Promise<void> {
  const url = process.env.GROUP_DATABASE_URL;
  const adminToken = process.env.GROUP_ADMIN_TOKEN;
  if (!url) throw new Error('GROUP_DATABASE_URL: the group PostgreSQL, e.g. postgres://user@host/db');
  if (!adminToken) throw new Error('GROUP_ADMIN_TOKEN: the group admin login token (at least 16 characters)');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', (err) => console.warn(`group database: ${err.message}`));
  const version = await migrateGroup(pool);
  console.log(`group database at schema version ${version}`);
  const app = createGroupServer(pool, { adminToken, logger: true });
  const port = Number(process.env.PORT ?? 8090);
  const host = process.env.HOST ?? '0.0.0.0';
  await app.listen({ port, host });
  console.log(`group server listening on http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/group`);
  const close = async (): Promise<void> => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.on('SIGINT', () => void close());
  process.on('SIGTERM', () => void close());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
