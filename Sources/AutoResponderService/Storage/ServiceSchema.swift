/// The service's own state: schema `responder` in the business database (never the business tables).
/// Created and migrated by the service at start-up, idempotently, under an advisory lock so that
/// several processes starting at once migrate it once.
enum ServiceSchema {
    /// One migration: applied once, in order, inside a transaction.
    struct Migration: Sendable {
        let version: Int
        let summary: String
        let sql: String
    }

    /// Key of the transaction-scoped advisory lock taken while migrating.
    static let advisoryLockKey: Int64 = 0x6172_5f6d_6967  // "ar_mig"

    /// Creates the schema only when it is missing: a least-privilege role (db/roles.sql) owns an
    /// existing one but may not create schemas, and `CREATE SCHEMA IF NOT EXISTS` checks that right first.
    static let bootstrap = """
        DO $$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'responder') THEN
            CREATE SCHEMA responder;
          END IF;
        END $$;
        CREATE TABLE IF NOT EXISTS responder.schema_migrations (
          version    integer PRIMARY KEY,
          summary    text NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        );
        """

    static let migrations: [Migration] = [
        Migration(
            version: 1,
            summary: "dispatcher state, reply ledger, hand-offs",
            sql: """
                -- One row per conversation the dispatcher has seen in the active list.
                CREATE TABLE responder.conversations (
                  conversation_id  text PRIMARY KEY,
                  first_seen_at    timestamptz NOT NULL DEFAULT now(),
                  last_seen_at     timestamptz NOT NULL DEFAULT now(),
                  active           boolean NOT NULL DEFAULT true,
                  next_check_at    timestamptz NOT NULL,
                  jobs_published   bigint NOT NULL DEFAULT 0
                );
                CREATE INDEX conversations_active_next_check ON responder.conversations (next_check_at) WHERE active;

                -- The reply ledger: at most one reply per (conversation, client message).
                -- status 'claimed': a worker is posting the reply (until claim_expires_at);
                -- status 'sent': the chats API accepted it.
                CREATE TABLE responder.replies (
                  conversation_id  text NOT NULL,
                  message_id       text NOT NULL,
                  status           text NOT NULL CHECK (status IN ('claimed', 'sent')),
                  reply_group      text NOT NULL,
                  reply_text       text NOT NULL,
                  resolver         text NOT NULL,
                  language         text NOT NULL,
                  job_id           text NOT NULL,
                  claimed_by       text NOT NULL,
                  claimed_at       timestamptz NOT NULL DEFAULT now(),
                  claim_expires_at timestamptz NOT NULL,
                  attempts         integer NOT NULL DEFAULT 1,
                  sent_at          timestamptz,
                  PRIMARY KEY (conversation_id, message_id)
                );
                CREATE INDEX replies_sent_at ON responder.replies (sent_at);

                -- Conversations handed to a person.
                CREATE TABLE responder.handoffs (
                  id               bigserial PRIMARY KEY,
                  conversation_id  text NOT NULL,
                  message_id       text NOT NULL,
                  merchant_id      text,
                  subject          text,
                  reason           text NOT NULL,
                  detail           text,
                  created_at       timestamptz NOT NULL DEFAULT now(),
                  resolved_at      timestamptz,
                  UNIQUE (conversation_id, message_id)
                );
                CREATE INDEX handoffs_open ON responder.handoffs (created_at) WHERE resolved_at IS NULL;
                """),
        Migration(
            version: 2,
            summary: "what an operator asks: waiting conversations, who resolved a hand-off",
            sql: """
                -- Set by a worker when it finds client messages to answer (the oldest one's created_at),
                -- cleared when their reply is recorded as sent: "waiting for a reply since".
                ALTER TABLE responder.conversations ADD COLUMN waiting_since timestamptz;
                ALTER TABLE responder.conversations ADD COLUMN last_reply_at timestamptz;
                CREATE INDEX conversations_waiting ON responder.conversations (waiting_since)
                  WHERE active AND waiting_since IS NOT NULL;
                -- Who marked a hand-off resolved (autoresponderctl handoffs resolve --by, the console).
                ALTER TABLE responder.handoffs ADD COLUMN resolved_by text;
                """),
        Migration(
            version: 3,
            summary: "unknown send outcomes, echo evidence, parked conversations",
            sql: """
                -- 'uncertain': a post was tried and its outcome is unknown (tried_at says when);
                -- 'handed_off': its outcome stayed unknown and a person took over: never posted again.
                ALTER TABLE responder.replies DROP CONSTRAINT replies_status_check;
                ALTER TABLE responder.replies ADD CONSTRAINT replies_status_check
                  CHECK (status IN ('claimed', 'uncertain', 'sent', 'handed_off'));
                ALTER TABLE responder.replies ADD COLUMN tried_at timestamptz;

                -- Facts the service learnt about its deployment (e.g. that the chats API echoes replies).
                CREATE TABLE responder.facts (
                  name        text PRIMARY KEY,
                  value       text NOT NULL,
                  observed_at timestamptz NOT NULL DEFAULT now()
                );

                -- Failed jobs for the same latest client message (failing_key), and parking: a conversation
                -- whose jobs failed JOB_MAX_ATTEMPTS times waits for a person or a new client message.
                ALTER TABLE responder.conversations ADD COLUMN failed_attempts integer NOT NULL DEFAULT 0;
                ALTER TABLE responder.conversations ADD COLUMN failing_key text;
                ALTER TABLE responder.conversations ADD COLUMN last_error text;
                ALTER TABLE responder.conversations ADD COLUMN parked_at timestamptz;
                ALTER TABLE responder.conversations ADD COLUMN parked_reason text;
                CREATE INDEX conversations_parked ON responder.conversations (parked_at) WHERE parked_at IS NOT NULL;
                """),
        Migration(
            version: 4,
            summary: "retry budget: when a conversation's failures began",
            sql: """
                -- The first failure (or deferral: an open breaker, a rate limit) of the current run, for the
                -- latest client message: upstream failures are retried until RETRY_BUDGET_MS has passed.
                ALTER TABLE responder.conversations ADD COLUMN failing_since timestamptz;
                """),
        Migration(
            version: 5,
            summary: "what the support console shows: a conversation's merchant and subject, a reply's route and facts",
            sql: """
                -- Written by a worker when it claims a reply (the conversation as the chats API showed it):
                -- the console finds a merchant's conversations and shows the label the client chose.
                ALTER TABLE responder.conversations ADD COLUMN merchant_id text;
                ALTER TABLE responder.conversations ADD COLUMN subject text;
                CREATE INDEX conversations_merchant ON responder.conversations (merchant_id) WHERE merchant_id IS NOT NULL;
                CREATE INDEX handoffs_merchant ON responder.handoffs (merchant_id) WHERE merchant_id IS NOT NULL;
                -- Why a reply says what it says: the route decision with its reason (RouteDecision's
                -- description) and the facts each resolver used (one line per resolver).
                ALTER TABLE responder.replies ADD COLUMN route text;
                ALTER TABLE responder.replies ADD COLUMN facts text;
                """),
        Migration(
            version: 6,
            summary: "adaptive re-checks and the cheap look: looks since the last change, the conversation's fingerprint",
            sql: """
                -- Looks that found nothing since the last change (a reply resets it): the next wait doubles.
                ALTER TABLE responder.conversations ADD COLUMN recheck_step integer NOT NULL DEFAULT 0;
                -- The conversation as a worker last saw it (message count and last message): a re-check job
                -- carries it, and a worker that finds the same needs no database.
                ALTER TABLE responder.conversations ADD COLUMN fingerprint text;
                """),
    ]
}
