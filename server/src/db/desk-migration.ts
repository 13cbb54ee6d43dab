/**
 * The firm's desk (issue 14): staff accounts, sessions, single-use links, per-site settings,
 * verified commenters, reply subscriptions; and on the existing tables, the firm's replies
 * (`comments.staff`), a handled mark on messages and a detail on audit rows. The audit log
 * becomes append-only in the database itself (a trigger refuses UPDATE and DELETE), so no code
 * path, not even a bug, can rewrite history.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';
import type { Dialect } from './migrations.ts';

const SECRET_BYTES = 32;

export function deskMigrations(dialect: Dialect): Record<string, Migration> {
  const withId = <T extends string>(t: CreateTableBuilder<T, never>) =>
    dialect == 'postgres'
      ? t.addColumn('id', 'serial', (c) => c.primaryKey())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
  return {
    '010-desk': {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      async up(db: Kysely<any>) {
        // The key that signs the links in mail (moderation, password, verification, unsubscribe).
        await db.insertInto('meta').values({ key: 'link_secret', value: randomBytes(SECRET_BYTES).toString('base64') }).execute();

        await withId(db.schema.createTable('users'))
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('role', 'text', (c) => c.notNull())
          // Site ids, comma-separated, or `*` for every site.
          .addColumn('sites', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text')
          .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('wait_until', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('sessions')
          // The SHA-256 of the cookie's value: a copy of the database signs nobody in.
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'integer', (c) => c.notNull())
          .addColumn('csrf', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('seen_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('sessions_by_user').on('sessions').column('user_id').execute();

        await db.schema
          .createTable('links')
          // The random id inside the signed link; the row makes it single-use.
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('kind', 'text', (c) => c.notNull())
          .addColumn('site', 'text', (c) => c.notNull())
          .addColumn('target', 'text', (c) => c.notNull())
          .addColumn('actor', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('used_at', 'text')
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('settings')
          .addColumn('site', 'text', (c) => c.primaryKey())
          .addColumn('value', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('verified')
          .addColumn('site', 'text', (c) => c.notNull())
          .addColumn('email_hash', 'text', (c) => c.notNull())
          .addColumn('verified_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('verified_pk', ['site', 'email_hash'])
          .execute();

        await withId(db.schema.createTable('subscriptions'))
          .addColumn('site', 'text', (c) => c.notNull())
          .addColumn('comment_id', 'integer', (c) => c.notNull())
          // Kept in clear only for someone who asked for mail, and erased with them.
          .addColumn('email', 'text', (c) => c.notNull())
          .addColumn('email_hash', 'text', (c) => c.notNull())
          .addColumn('lang', 'text', (c) => c.notNull())
          .addColumn('state', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('subscriptions_by_comment').on('subscriptions').columns(['site', 'comment_id']).execute();

        await db.schema.alterTable('comments').addColumn('staff', 'integer', (c) => c.notNull().defaultTo(0)).execute();
        await db.schema.alterTable('messages').addColumn('handled_at', 'text').execute();
        await db.schema.alterTable('messages').addColumn('handled_by', 'text').execute();
        await db.schema.alterTable('audit').addColumn('detail', 'text').execute();
        // Extra mail headers as JSON (List-Unsubscribe on reply notifications).
        await db.schema.alterTable('outbox').addColumn('headers', 'text').execute();
        await db.schema.createIndex('audit_by_site').on('audit').columns(['site', 'at']).execute();

        if (dialect == 'postgres') {
          await sql`create function audit_append_only() returns trigger language plpgsql as $$ begin raise exception 'the audit log is append-only'; end $$`.execute(db);
          await sql`create trigger audit_append_only before update or delete on audit for each row execute function audit_append_only()`.execute(db);
        } else {
          await sql`create trigger audit_no_update before update on audit begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
          await sql`create trigger audit_no_delete before delete on audit begin select raise(abort, 'the audit log is append-only'); end`.execute(db);
        }
      },
    },
    '011-desk2': {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      async up(db: Kysely<any>) {
        // Sign-in failures per (account, client address) and per account, each in a window that
        // runs out (auth.ts): one address failing on purpose no longer locks the owner out for ever.
        await db.schema
          .createTable('signin_throttle')
          // A salted hash of the account (and of the client address, or of nothing for the account's own row).
          .addColumn('key', 'text', (c) => c.primaryKey())
          // A salted hash of the account alone: a new password clears every row of it.
          .addColumn('account', 'text', (c) => c.notNull())
          .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('window_start', 'text', (c) => c.notNull())
          .addColumn('wait_until', 'text')
          // Until then, this address signed in rightly to the account: the account-wide lock spares it.
          .addColumn('known_until', 'text')
          .execute();
        await db.schema.createIndex('signin_throttle_by_account').on('signin_throttle').column('account').execute();

        // Mail links: the database now keeps only each token's SHA-256 (links.ts), and no
        // signing key, so a read of the database cannot make or use a link. A link already sent
        // (`id.expiry.signature`) keeps working: its random id is the token it is looked up by.
        await db.deleteFrom('meta').where('key', '=', 'link_secret').execute();
        const links: { id: string }[] = await db.selectFrom('links').select('id').execute();
        for (const { id } of links) {
          await db
            .updateTable('links')
            .set({ id: createHash('sha256').update(id).digest('base64url') })
            .where('id', '=', id)
            .execute();
        }
        // Mail sent (or failed for good) before this upgrade kept its body and headers, with the
        // words of the message or comment and the tokens of its links: blanked, as the outbox
        // now does when it sends (outbox.ts). Mail still to go keeps them, it needs them.
        await db.updateTable('outbox').set({ body: '', headers: null }).where('state', 'in', ['sent', 'failed']).execute();
      },
    },
  };
}
