// Everything Realtime Store runs on in Azure, in one resource group. No keys reach an app: Azure OpenAI refuses keys
// (disableLocalAuth), Azure SQL accepts Entra only, the registry is pulled with the identity; the only app secrets are
// the suite's own shared keys (PRODUCTS_API_KEY, GATEWAY_API_KEY, GATEWAY_TOKEN_SECRET), kept as Container Apps secrets.
param location string
param openAiLocation string
param realtimeModel string
param tags object
param principalId string
param principalName string
@secure()
param productsApiKey string
@secure()
param gatewayApiKey string
@secure()
param gatewayTokenSecret string
param productsServiceExists bool
param audioGatewayExists bool
param realtimeStoreExists bool

var token = uniqueString(subscription().id, resourceGroup().id, location)

// Built-in role definitions (ids are the same in every tenant).
var acrPullRole = '7f951dda-4ed3-4680-a7ca-43fe172d538d'
var openAiUserRole = '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd' // Cognitive Services OpenAI User

// ---- identity: the one identity all three apps run as -------------------------------------------------------------

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-realtime-store-${token}'
  location: location
  tags: tags
}

// ---- monitoring ---------------------------------------------------------------------------------------------------

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: 'log-${token}'
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${token}'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

// ---- container registry -------------------------------------------------------------------------------------------

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: 'cr${token}'
  location: location
  tags: tags
  sku: { name: 'Basic' }
  properties: {
    adminUserEnabled: false
  }
}

resource registryPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, acrPullRole)
  scope: registry
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', acrPullRole)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// ---- Azure OpenAI -------------------------------------------------------------------------------------------------

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'oai-${token}'
  location: openAiLocation
  tags: tags
  kind: 'OpenAI'
  sku: { name: 'S0' }
  properties: {
    customSubDomainName: 'oai-${token}'
    publicNetworkAccess: 'Enabled'
    // Entra ID only: no key exists that could leak.
    disableLocalAuth: true
  }
}

// Deployment names are what the apps are configured with (AZURE_OPENAI_*_DEPLOYMENT, SESSION_TRANSCRIPTION_MODEL).
var embeddingDeployment = 'text-embedding-3-small'
var chatDeployment = 'gpt-4o-mini'
var transcriptionDeployment = 'gpt-4o-mini-transcribe'
var openAiDeployments = [
  { name: realtimeModel, model: realtimeModel, version: realtimeModel == 'gpt-realtime' ? '2025-08-28' : '2025-10-06', capacity: 10 }
  { name: chatDeployment, model: 'gpt-4o-mini', version: '2024-07-18', capacity: 50 }
  { name: transcriptionDeployment, model: 'gpt-4o-mini-transcribe', version: '2025-03-20', capacity: 50 }
  { name: embeddingDeployment, model: 'text-embedding-3-small', version: '1', capacity: 50 }
]

// One at a time: an account refuses concurrent deployment changes.
@batchSize(1)
resource openAiDeployment 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = [for d in openAiDeployments: {
  parent: openAi
  name: d.name
  sku: {
    name: 'GlobalStandard'
    capacity: d.capacity
  }
  properties: {
    model: {
      format: 'OpenAI'
      name: d.model
      version: d.version
    }
  }
}]

resource openAiUse 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(openAi.id, identity.id, openAiUserRole)
  scope: openAi
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', openAiUserRole)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The person running azd may call the deployments too (e.g. ./start-local.sh with REALTIME_UPSTREAM=azure and az login).
resource openAiUseByDeployer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(principalId)) {
  name: guid(openAi.id, principalId, openAiUserRole)
  scope: openAi
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', openAiUserRole)
    principalId: principalId
    principalType: 'User'
  }
}

// ---- Azure SQL Database -------------------------------------------------------------------------------------------

resource sqlServer 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-${token}'
  location: location
  tags: tags
  properties: {
    minimalTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    // Entra authentication only, with the deployer as admin: scripts/postprovision.sh applies deploy/db-init/ and
    // creates the apps' identity as a database user (scripts/grant-identity.sql).
    administrators: {
      administratorType: 'ActiveDirectory'
      azureADOnlyAuthentication: true
      login: principalName
      sid: principalId
      tenantId: tenant().tenantId
      principalType: 'User'
    }
  }
}

// Lets Azure services, the Container Apps among them, reach the server (it still needs an Entra token).
resource sqlFromAzure 'Microsoft.Sql/servers/firewallRules@2023-08-01-preview' = {
  parent: sqlServer
  name: 'AllowAllWindowsAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
}

resource catalogDb 'Microsoft.Sql/servers/databases@2023-08-01-preview' = {
  parent: sqlServer
  name: 'catalog'
  location: location
  tags: tags
  // Serverless. products-service polls the change log every second, so the database stays resumed while it runs.
  sku: {
    name: 'GP_S_Gen5'
    tier: 'GeneralPurpose'
    family: 'Gen5'
    capacity: 2
  }
  properties: {
    minCapacity: json('0.5')
    autoPauseDelay: 60
  }
}

// ---- Container Apps -----------------------------------------------------------------------------------------------

resource environment 'Microsoft.App/managedEnvironments@2024-10-02-preview' = {
  name: 'cae-${token}'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
    // The managed OpenTelemetry agent forwards the apps' OTLP traces and logs to Application Insights.
    appInsightsConfiguration: {
      connectionString: appInsights.properties.ConnectionString
    }
    openTelemetryConfiguration: {
      tracesConfiguration: { destinations: ['appInsights'] }
      logsConfiguration: { destinations: ['appInsights'] }
    }
    workloadProfiles: [
      { name: 'Consumption', workloadProfileType: 'Consumption' }
    ]
  }
}

// Public addresses are known before the apps exist: <app name>.<environment domain>.
var storeUrl = 'https://realtime-store.${environment.properties.defaultDomain}'
var gatewayUrl = 'https://audio-gateway.${environment.properties.defaultDomain}'

// Traces through the environment's agent. products-service reads the agent's OTEL_EXPORTER_OTLP_ENDPOINT itself;
// audio-gateway and realtime-store read only Quarkus' own name, so it is given as an expression Quarkus expands.
var telemetryEnv = [
  { name: 'OTEL_SDK_DISABLED', value: 'false' }
]
var quarkusOtlpEnv = [
  { name: 'QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT', value: '\${OTEL_EXPORTER_OTLP_ENDPOINT:http://localhost:4317}' }
]

module productsApp 'modules/container-app.bicep' = {
  name: 'products-service-app'
  params: {
    name: 'products-service'
    location: location
    tags: tags
    environmentId: environment.id
    identityId: identity.id
    registryServer: registry.properties.loginServer
    exists: productsServiceExists
    targetPort: 8081
    external: false
    cpu: '1.0'
    memory: '2Gi'
    minReplicas: 1
    maxReplicas: 3
    concurrentRequests: 50
    secrets: [
      { name: 'products-api-key', value: productsApiKey }
    ]
    env: concat(telemetryEnv, [
      { name: 'QUARKUS_DATASOURCE_JDBC_URL', value: 'jdbc:sqlserver://${sqlServer.properties.fullyQualifiedDomainName}:1433;databaseName=${catalogDb.name};encrypt=true;hostNameInCertificate=*.database.windows.net;loginTimeout=30;authentication=ActiveDirectoryDefault' }
      // With authentication=ActiveDirectoryDefault the JDBC driver takes the user as the managed identity's client id.
      { name: 'QUARKUS_DATASOURCE_USERNAME', value: identity.properties.clientId }
      { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
      { name: 'PRODUCTS_API_KEY', secretRef: 'products-api-key' }
      { name: 'AZURE_OPENAI_ENDPOINT', value: openAi.properties.endpoint }
      { name: 'AZURE_OPENAI_EMBEDDING_DEPLOYMENT', value: embeddingDeployment }
    ])
  }
  dependsOn: [registryPull, openAiUse, openAiDeployment, sqlFromAzure]
}

module gatewayApp 'modules/container-app.bicep' = {
  name: 'audio-gateway-app'
  params: {
    name: 'audio-gateway'
    location: location
    tags: tags
    environmentId: environment.id
    identityId: identity.id
    registryServer: registry.properties.loginServer
    exists: audioGatewayExists
    targetPort: 8082
    external: true
    cpu: '1.0'
    memory: '2Gi'
    minReplicas: 1
    maxReplicas: 5
    // Each voice session is one long request (a WebSocket) for up to 30 minutes.
    concurrentRequests: 100
    secrets: [
      { name: 'gateway-api-key', value: gatewayApiKey }
      { name: 'gateway-token-secret', value: gatewayTokenSecret }
    ]
    env: concat(telemetryEnv, quarkusOtlpEnv, [
      // products-service's internal ingress, on port 80 inside the environment.
      { name: 'PRODUCTS_URL', value: 'http://products-service' }
      { name: 'GATEWAY_API_KEY', secretRef: 'gateway-api-key' }
      { name: 'GATEWAY_TOKEN_SECRET', secretRef: 'gateway-token-secret' }
      { name: 'GATEWAY_ALLOWED_ORIGINS', value: storeUrl }
      { name: 'REALTIME_UPSTREAM', value: 'azure' }
      { name: 'AZURE_OPENAI_ENDPOINT', value: openAi.properties.endpoint }
      { name: 'AZURE_OPENAI_REALTIME_DEPLOYMENT', value: realtimeModel }
      { name: 'AZURE_OPENAI_CHAT_DEPLOYMENT', value: chatDeployment }
      { name: 'SESSION_TRANSCRIPTION_MODEL', value: transcriptionDeployment }
      { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
    ])
  }
  dependsOn: [registryPull, openAiUse, openAiDeployment]
}

module storeApp 'modules/container-app.bicep' = {
  name: 'realtime-store-app'
  params: {
    name: 'realtime-store'
    location: location
    tags: tags
    environmentId: environment.id
    identityId: identity.id
    registryServer: registry.properties.loginServer
    exists: realtimeStoreExists
    targetPort: 8080
    external: true
    cpu: '0.5'
    memory: '1Gi'
    minReplicas: 1
    maxReplicas: 5
    concurrentRequests: 50
    secrets: [
      { name: 'gateway-api-key', value: gatewayApiKey }
    ]
    env: concat(telemetryEnv, quarkusOtlpEnv, [
      { name: 'PRODUCTS_URL', value: 'http://products-service' }
      { name: 'GATEWAY_URL', value: gatewayUrl }
      { name: 'GATEWAY_PUBLIC_URL', value: gatewayUrl }
      { name: 'GATEWAY_API_KEY', secretRef: 'gateway-api-key' }
    ])
  }
  dependsOn: [registryPull]
}

output registryLoginServer string = registry.properties.loginServer
output environmentName string = environment.name
output openAiEndpoint string = openAi.properties.endpoint
output sqlServerName string = sqlServer.name
output sqlServerFqdn string = sqlServer.properties.fullyQualifiedDomainName
output sqlDatabaseName string = catalogDb.name
output identityName string = identity.name
output identityClientId string = identity.properties.clientId
output storeUrl string = storeUrl
output gatewayUrl string = gatewayUrl
