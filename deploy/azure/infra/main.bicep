// Realtime Store on Azure Container Apps: a resource group with everything in resources.bicep.
// azd fills the parameters from main.parameters.json (its environment values); `azd up` from deploy/azure.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds the resource names.')
param environmentName string

@minLength(1)
@description('Region of the Container Apps, the registry, the database and the monitoring resources.')
param location string

@description('Region of the Azure OpenAI resource: one where the realtime model is offered as Global Standard.')
param openAiLocation string = 'eastus2'

@allowed(['gpt-realtime', 'gpt-realtime-mini'])
@description('The realtime voice model; its deployment has the same name.')
param realtimeModel string = 'gpt-realtime'

@description('Object id of the person running azd (AZURE_PRINCIPAL_ID): the SQL server\'s Entra admin, so that the postprovision hook can apply the schema.')
param principalId string

@description('A display name for that admin (any label; the object id is what counts).')
param principalName string = 'realtime-store-deployer'

@secure()
@minLength(16)
@description('PRODUCTS_API_KEY: the key for products-service writes.')
param productsApiKey string

@secure()
@minLength(16)
@description('GATEWAY_API_KEY: the store\'s backend mints voice tokens with it.')
param gatewayApiKey string

@secure()
@minLength(32)
@description('GATEWAY_TOKEN_SECRET: signs the voice tokens; shared by the gateway replicas.')
param gatewayTokenSecret string

@description('Set by azd once a service has been deployed, so that provisioning again keeps the deployed image.')
param productsServiceExists bool = false
param audioGatewayExists bool = false
param realtimeStoreExists bool = false

var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module resources 'resources.bicep' = {
  name: 'resources'
  scope: rg
  params: {
    location: location
    openAiLocation: openAiLocation
    realtimeModel: realtimeModel
    tags: tags
    principalId: principalId
    principalName: principalName
    productsApiKey: productsApiKey
    gatewayApiKey: gatewayApiKey
    gatewayTokenSecret: gatewayTokenSecret
    productsServiceExists: productsServiceExists
    audioGatewayExists: audioGatewayExists
    realtimeStoreExists: realtimeStoreExists
  }
}

// azd pushes images here; the postprovision hook and docs/deploy.md read the rest.
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = resources.outputs.registryLoginServer
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = resources.outputs.environmentName
output AZURE_OPENAI_ENDPOINT string = resources.outputs.openAiEndpoint
output AZURE_SQL_SERVER_NAME string = resources.outputs.sqlServerName
output AZURE_SQL_SERVER_FQDN string = resources.outputs.sqlServerFqdn
output AZURE_SQL_DATABASE_NAME string = resources.outputs.sqlDatabaseName
output AZURE_MANAGED_IDENTITY_NAME string = resources.outputs.identityName
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = resources.outputs.identityClientId
output STORE_URL string = resources.outputs.storeUrl
output GATEWAY_ENDPOINT string = resources.outputs.gatewayUrl
