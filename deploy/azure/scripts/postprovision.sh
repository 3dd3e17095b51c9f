#!/usr/bin/env bash
# azd postprovision hook (deploy/azure/azure.yaml): prepares the Azure SQL database before the apps are deployed.
#  1. lets this machine through the server's firewall for the duration of the script;
#  2. applies deploy/db-init/*.sql, each once (deploy/db-init/apply.sh);
#  3. creates the apps' managed identity as a database user with its rights (grant-identity.sql).
# It runs as you: provisioning made you the server's Entra admin (AZURE_PRINCIPAL_ID), and go-sqlcmd signs in with
# your Azure CLI login (ActiveDirectoryDefault). Needs az, curl and go-sqlcmd (https://aka.ms/go-sqlcmd: "sqlcmd"),
# and reads the outputs of infra/main.bicep, which azd puts in the hook's environment.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

for tool in az curl sqlcmd; do
  command -v "$tool" >/dev/null || { echo "postprovision: '$tool' is needed (see docs/deploy.md)" >&2; exit 1; }
done
if ! sqlcmd --help 2>&1 | grep -q -- '--authentication-method'; then
  echo "postprovision: 'sqlcmd' must be go-sqlcmd (https://aka.ms/go-sqlcmd), which signs in with Entra ID" >&2
  exit 1
fi
: "${AZURE_RESOURCE_GROUP:?}" "${AZURE_SQL_SERVER_NAME:?}" "${AZURE_SQL_SERVER_FQDN:?}" "${AZURE_SQL_DATABASE_NAME:?}"
: "${AZURE_MANAGED_IDENTITY_NAME:?}" "${AZURE_MANAGED_IDENTITY_CLIENT_ID:?}"

rule="azd-postprovision-$(date +%s)"
ip="$(curl -fsS https://api.ipify.org)"
echo "Allowing $ip through the firewall of $AZURE_SQL_SERVER_NAME for this script"
az sql server firewall-rule create --resource-group "$AZURE_RESOURCE_GROUP" --server "$AZURE_SQL_SERVER_NAME" \
  --name "$rule" --start-ip-address "$ip" --end-ip-address "$ip" --output none
trap 'az sql server firewall-rule delete --resource-group "$AZURE_RESOURCE_GROUP" --server "$AZURE_SQL_SERVER_NAME" --name "$rule" --output none' EXIT

connection=(-S "$AZURE_SQL_SERVER_FQDN" --authentication-method ActiveDirectoryDefault)
SQLCMD=sqlcmd CREATE_DATABASE=false DB_NAME="$AZURE_SQL_DATABASE_NAME" "$here/../../db-init/apply.sh" "${connection[@]}"
sqlcmd "${connection[@]}" -d "$AZURE_SQL_DATABASE_NAME" -b \
  -v IDENTITY_NAME="$AZURE_MANAGED_IDENTITY_NAME" -v IDENTITY_CLIENT_ID="$AZURE_MANAGED_IDENTITY_CLIENT_ID" \
  -i "$here/grant-identity.sql"
echo "Database $AZURE_SQL_DATABASE_NAME is ready for $AZURE_MANAGED_IDENTITY_NAME"
