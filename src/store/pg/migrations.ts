// The PostgreSQL schema, as plain SQL migrations applied in order at start (migrate.ts). Each
// runs in its own transaction with its version recorded in the same transaction, so a
// migration that fails half-way leaves nothing behind and runs again, whole, on the next
// start. Never edit a migration that has shipped: add the next one.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'digest, review queue, published records, ingestion, installations',
    sql: `
      -- A subscription is kept whole as JSON (fields a newer version adds survive a rollback);
      -- the columns are what queries and constraints need.
      CREATE TABLE subscriptions (
        id text PRIMARY KEY,
        platform text NOT NULL,
        channel text NOT NULL,
        workspace text,
        data jsonb NOT NULL,
        UNIQUE (platform, channel)
      );

      -- One row per subscription and local day: the exactly-once claim (docs/digest.md).
      CREATE TABLE posts (
        subscription_id text NOT NULL,
        date text NOT NULL,
        channel_key text,
        status text NOT NULL CHECK (status IN ('claimed', 'posted', 'failed', 'unconfirmed')),
        message_id text,
        at timestamptz NOT NULL,
        attempts integer,
        retry_at timestamptz,
        error text,
        owner text,
        lease_until timestamptz,
        PRIMARY KEY (subscription_id, date)
      );
      CREATE INDEX posts_channel_day ON posts (channel_key, date);
      CREATE INDEX posts_date ON posts (date);

      CREATE TABLE drafts (
        id text PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        version integer NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        data jsonb NOT NULL
      );
      CREATE INDEX drafts_status ON drafts (status, created_at);

      -- seq is the change feed's position; inserts take an advisory lock so seq order is commit order.
      CREATE TABLE published (
        seq bigserial PRIMARY KEY,
        incident_id text NOT NULL,
        data jsonb NOT NULL,
        draft_id text,
        published_at timestamptz NOT NULL,
        published_by text NOT NULL
      );

      CREATE TABLE seen (
        key text PRIMARY KEY,
        at timestamptz NOT NULL
      );

      CREATE TABLE sources (
        id text PRIMARY KEY,
        state jsonb NOT NULL
      );

      CREATE TABLE installations (
        key text PRIMARY KEY,
        data jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      );
    `,
  },
];
