/// The business tables of docs/contract.md, as `db/schema.sql` holds them (a test checks that
/// the two are the same text). Idempotent; the indexes on `merchant_id` are what any production
/// database answering per-merchant queries has; the contract lists columns only.
public enum DatabaseSchema {
    /// The SQL text of `db/schema.sql`.
    public static let sql = """
        -- The business tables (docs/contract.md). Owned by another team in production:
        -- the service only reads them. Idempotent: safe to run on every load.
        create table if not exists sales (
          id_sale     text primary key,
          merchant_id text not null,
          chip_id     text,
          created_at  timestamptz not null,
          status      text not null,
          description text
        );
        create table if not exists transactions (
          transaction_id text primary key,
          merchant_id    text not null,
          created_at     timestamptz not null,
          value          numeric(14,2) not null
        );
        create table if not exists receipt (
          merchant_id text not null,
          created_at  timestamptz not null,
          status      text not null,
          description text,
          value       numeric(14,2) not null
        );
        create index if not exists sales_merchant_id_idx on sales (merchant_id);
        create index if not exists transactions_merchant_id_created_at_idx on transactions (merchant_id, created_at);
        create index if not exists receipt_merchant_id_created_at_idx on receipt (merchant_id, created_at);

        """
}
