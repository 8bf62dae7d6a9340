-- (Notices such as "schema already exists" are noise here.)
SET client_min_messages = warning;
-- The service's own database role: least privilege. Run by an owner of the business tables (the
-- seed job, scripts/service-role.sh); idempotent. psql variables:
--   :service_role      the role's name (default autoresponder)
--   :service_password  its password ('' for none: local runs with trust authentication)
--
-- What the role may do, and nothing else:
--   - read sales, transactions and receipt (owned by another team: never written by the service);
--   - own the schema `responder`, where the service creates and migrates its own tables at start-up.
-- It cannot create schemas, write the business tables, or read anything else in public.
SELECT format('CREATE ROLE %I LOGIN', :'service_role')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'service_role') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'service_role', :'service_password')
WHERE :'service_password' <> '' \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'service_role') \gexec
SELECT format('GRANT USAGE ON SCHEMA public TO %I', :'service_role') \gexec
SELECT format('GRANT SELECT ON public.sales, public.transactions, public.receipt TO %I', :'service_role') \gexec
SELECT format('CREATE SCHEMA IF NOT EXISTS responder AUTHORIZATION %I', :'service_role') \gexec
SELECT format('ALTER SCHEMA responder OWNER TO %I', :'service_role') \gexec
-- Tables an earlier run created as another user (before this role existed) pass to the role.
SELECT format('ALTER TABLE responder.%I OWNER TO %I', tablename, :'service_role')
FROM pg_tables WHERE schemaname = 'responder' AND tableowner <> :'service_role' \gexec
SELECT format('ALTER SEQUENCE responder.%I OWNER TO %I', sequencename, :'service_role')
FROM pg_sequences WHERE schemaname = 'responder' AND sequenceowner <> :'service_role' \gexec
