#!/bin/sh
# Each service's own PostgreSQL roles (docs/security.md#database-roles). For every schema S:
#   S_owner  owns schema S and everything in it; the service's migrations (Flyway) run as it.
#   S_app    what the service runs as: it may use schema S and read and write the rows of its tables and sequences
#            (the owner's default privileges grant it), and create, alter or drop nothing. Neither has any right on
#            another schema, on the public schema or on another database.
#
# docker-compose mounts this file into /docker-entrypoint-initdb.d: the postgres image runs it once, as the superuser,
# when it makes an empty data directory. Run it by hand, with psql, as a role allowed to create roles, on PostgreSQL
# 16 or later — for Kubernetes' managed database, or to give an existing deployment its roles:
#   PGHOST=db.example.internal PGUSER=postgres PGDATABASE=carbon SENSING_DATABASE_PASSWORD=... (all ten) \
#     sh deploy/postgres/create-service-roles.sh
# Running it again is safe: it sets the passwords again, and hands a schema the superuser (or anyone else) owns over
# to its owner role, granting the runtime role what the default privileges would have.
set -e

: "${SENSING_DATABASE_PASSWORD:?set SENSING_DATABASE_PASSWORD}" "${SENSING_DATABASE_MIGRATION_PASSWORD:?set SENSING_DATABASE_MIGRATION_PASSWORD}"
: "${ACCOUNTING_DATABASE_PASSWORD:?set ACCOUNTING_DATABASE_PASSWORD}" "${ACCOUNTING_DATABASE_MIGRATION_PASSWORD:?set ACCOUNTING_DATABASE_MIGRATION_PASSWORD}"
: "${CREDITS_DATABASE_PASSWORD:?set CREDITS_DATABASE_PASSWORD}" "${CREDITS_DATABASE_MIGRATION_PASSWORD:?set CREDITS_DATABASE_MIGRATION_PASSWORD}"
: "${RECYCLING_DATABASE_PASSWORD:?set RECYCLING_DATABASE_PASSWORD}" "${RECYCLING_DATABASE_MIGRATION_PASSWORD:?set RECYCLING_DATABASE_MIGRATION_PASSWORD}"
: "${OPS_DATABASE_PASSWORD:?set OPS_DATABASE_PASSWORD}" "${OPS_DATABASE_MIGRATION_PASSWORD:?set OPS_DATABASE_MIGRATION_PASSWORD}"

export PGUSER="${PGUSER:-${POSTGRES_USER:-postgres}}"
export PGDATABASE="${PGDATABASE:-${POSTGRES_DB:-carbon}}"

sql() {
    psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet "$@"
}

# Nobody but the roles given CONNECT below enters the platform's database, and nobody uses its public schema.
sql -v database="$PGDATABASE" <<'SQL'
REVOKE ALL ON DATABASE :"database" FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SQL

# service_roles SCHEMA RUNTIME_PASSWORD MIGRATION_PASSWORD
service_roles() {
    sql -v database="$PGDATABASE" -v schema="$1" -v owner="$1_owner" -v app="$1_app" \
        -v app_password="$2" -v owner_password="$3" <<'SQL'
SET client_min_messages = warning;
-- A role that is not a superuser but may create roles becomes a member of those it creates, so that it may make
-- them own the schema and set their default privileges (PostgreSQL 16+).
SET createrole_self_grant = 'set, inherit';
SELECT format('CREATE ROLE %I LOGIN', :'owner') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'app') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app') \gexec
ALTER ROLE :"owner" WITH LOGIN PASSWORD :'owner_password';
ALTER ROLE :"app" WITH LOGIN PASSWORD :'app_password';
GRANT CONNECT ON DATABASE :"database" TO :"owner", :"app";

CREATE SCHEMA IF NOT EXISTS :"schema" AUTHORIZATION :"owner";
GRANT USAGE ON SCHEMA :"schema" TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA :"schema" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA :"schema" GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO :"app";

-- An existing deployment's schema, made when every service logged in as the superuser: the owner role takes it over.
SELECT format('ALTER SCHEMA %I OWNER TO %I', :'schema', :'owner')
WHERE (SELECT nspowner FROM pg_namespace WHERE nspname = :'schema') <> :'owner'::regrole \gexec
SELECT EXISTS (SELECT FROM pg_class WHERE relnamespace = :'schema'::regnamespace AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
               AND relowner <> :'owner'::regrole) AS adopting \gset
\if :adopting
SELECT format('ALTER %s %I.%I OWNER TO %I',
              CASE relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
              :'schema', relname, :'owner')
FROM pg_class WHERE relnamespace = :'schema'::regnamespace AND relkind IN ('r', 'p', 'v', 'm', 'f') AND relowner <> :'owner'::regrole \gexec
-- sequences of no table's column (those of a column followed their table)
SELECT format('ALTER SEQUENCE %I.%I OWNER TO %I', :'schema', relname, :'owner')
FROM pg_class WHERE relnamespace = :'schema'::regnamespace AND relkind = 'S' AND relowner <> :'owner'::regrole \gexec
SELECT format('ALTER ROUTINE %s OWNER TO %I', oid::regprocedure, :'owner')
FROM pg_proc WHERE pronamespace = :'schema'::regnamespace AND proowner <> :'owner'::regrole \gexec
SELECT format('ALTER DOMAIN %I.%I OWNER TO %I', :'schema', typname, :'owner')
FROM pg_type WHERE typnamespace = :'schema'::regnamespace AND typtype = 'd' AND typowner <> :'owner'::regrole \gexec
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA :"schema" TO :"app";
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA :"schema" TO :"app";
-- the credits ledger stays append-only for the runtime role, as the credits service's migration V2 makes it. The
-- tables made append-only by later migrations (credits' checkpoints, accounting's published factors, ops' audit log
-- and pickup breaches) are created after a take-over — a schema the superuser owns predates them — and their
-- migrations revoke what the grant above gives.
SELECT format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON %I.ledger_entry FROM %I', :'schema', :'app')
WHERE to_regclass(format('%I.ledger_entry', :'schema')) IS NOT NULL \gexec
\endif
SQL
}

service_roles sensing "$SENSING_DATABASE_PASSWORD" "$SENSING_DATABASE_MIGRATION_PASSWORD"
service_roles accounting "$ACCOUNTING_DATABASE_PASSWORD" "$ACCOUNTING_DATABASE_MIGRATION_PASSWORD"
service_roles credits "$CREDITS_DATABASE_PASSWORD" "$CREDITS_DATABASE_MIGRATION_PASSWORD"
service_roles recycling "$RECYCLING_DATABASE_PASSWORD" "$RECYCLING_DATABASE_MIGRATION_PASSWORD"
service_roles ops "$OPS_DATABASE_PASSWORD" "$OPS_DATABASE_MIGRATION_PASSWORD"
