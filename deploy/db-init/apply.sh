#!/usr/bin/env bash
# Applies the versioned scripts next to this file (V<n>__<name>.sql) to a SQL Server or Azure SQL database, in version
# order, each script once: applied scripts are recorded in dbo.db_init_history, so a second run applies only new ones.
# products-service never changes the schema (it validates it at start), so this runs before it: docker-compose.yml's
# db-init service, the local Kubernetes overlay's db-init Job, and deploy/azure/scripts/postprovision.sh.
#
# Usage: apply.sh <sqlcmd connection options>
#   SQLCMDPASSWORD=… apply.sh -S sqlserver -U sa -C
#       a SQL Server container (mssql-tools18's sqlcmd; -C trusts the container's self-signed certificate)
#   SQLCMD=sqlcmd CREATE_DATABASE=false apply.sh -S my-server.database.windows.net --authentication-method ActiveDirectoryDefault
#       Azure SQL Database with your Entra identity (go-sqlcmd)
# Environment:
#   SQLCMD           the sqlcmd program (default /opt/mssql-tools18/bin/sqlcmd, the one in the SQL Server image)
#   DB_NAME          the database (default catalog)
#   CREATE_DATABASE  true (default): create DB_NAME when it does not exist; false where provisioning created it
#   SQLCMDPASSWORD   read by sqlcmd itself when -P is not given, so the password stays out of the command line
# A script that fails stops the run with sqlcmd's error (-b) and is not recorded; fix it and run again.
set -euo pipefail

SQLCMD="${SQLCMD:-/opt/mssql-tools18/bin/sqlcmd}"
DB_NAME="${DB_NAME:-catalog}"
SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CONNECTION=("$@")

sql() {  # a statement in DB_NAME; prints bare values (no headers, no counts)
  "$SQLCMD" "${CONNECTION[@]}" -d "$DB_NAME" -b -h -1 -W -Q "SET NOCOUNT ON; $1"
}

if [[ "${CREATE_DATABASE:-true}" == true ]]; then
  "$SQLCMD" "${CONNECTION[@]}" -d master -b -Q "IF DB_ID(N'$DB_NAME') IS NULL CREATE DATABASE [$DB_NAME];"
fi

sql "IF OBJECT_ID(N'dbo.db_init_history') IS NULL CREATE TABLE dbo.db_init_history (
       script NVARCHAR(200) NOT NULL CONSTRAINT pk_db_init_history PRIMARY KEY,
       applied_at DATETIMEOFFSET(7) NOT NULL CONSTRAINT df_db_init_history_applied_at DEFAULT SYSDATETIMEOFFSET());"

mapfile -t scripts < <(cd "$SCRIPTS_DIR" && ls V*__*.sql | sort -V)
if (( ${#scripts[@]} == 0 )); then
  echo "No V<n>__<name>.sql scripts in $SCRIPTS_DIR" >&2
  exit 1
fi
for script in "${scripts[@]}"; do
  if [[ "$(sql "SELECT COUNT(*) FROM dbo.db_init_history WHERE script = N'$script';" | tr -d '[:space:]')" == 0 ]]; then
    echo "Applying $script to $DB_NAME"
    "$SQLCMD" "${CONNECTION[@]}" -d "$DB_NAME" -b -i "$SCRIPTS_DIR/$script"
    sql "INSERT INTO dbo.db_init_history (script) VALUES (N'$script');"
  else
    echo "Already applied: $script"
  fi
done
echo "Database $DB_NAME is at ${scripts[-1]}"
