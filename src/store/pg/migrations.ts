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
  {
    version: 2,
    name: 'follows, alert channels, alert deliveries, noted curated claims',
    sql: `
      -- A follow and a channel's alert settings are kept whole as JSON, like subscriptions; the
      -- columns are what queries and constraints need.
      CREATE TABLE follows (
        id text PRIMARY KEY,
        platform text NOT NULL,
        channel text NOT NULL,
        target text NOT NULL,
        created_at timestamptz NOT NULL,
        data jsonb NOT NULL,
        UNIQUE (platform, channel, target)
      );

      -- Its row lock serializes a channel's follows (the per-channel limit) and its alert claims.
      CREATE TABLE alert_channels (
        platform text NOT NULL,
        channel text NOT NULL,
        data jsonb NOT NULL,
        PRIMARY KEY (platform, channel)
      );

      -- One row per channel and claim: the exactly-once guard of instant alerts (docs/digest.md).
      CREATE TABLE deliveries (
        channel_key text NOT NULL,
        claim_key text NOT NULL,
        batch text NOT NULL,
        status text NOT NULL CHECK (status IN ('claimed', 'posted', 'failed', 'unconfirmed')),
        at timestamptz NOT NULL,
        owner text,
        lease_until timestamptz,
        attempts integer NOT NULL,
        retry_at timestamptz,
        message_id text,
        error text,
        PRIMARY KEY (channel_key, claim_key)
      );
      CREATE INDEX deliveries_batch ON deliveries (channel_key, batch);
      CREATE INDEX deliveries_status ON deliveries (status);

      -- Claims of the curated data the alert feed has seen; baseline ones are never alerted.
      CREATE TABLE noted_claims (
        key text PRIMARY KEY,
        at timestamptz NOT NULL,
        baseline boolean NOT NULL
      );
      CREATE INDEX noted_claims_at ON noted_claims (at) WHERE NOT baseline;
    `,
  },
];
