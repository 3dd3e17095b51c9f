// One Realtime Store service as a container app: the shared identity pulls its image and calls Azure, HTTP ingress
// (WebSockets included), the Quarkus health probes, and an HTTP scale rule.
param name string
param location string
param tags object
param environmentId string
param identityId string
param registryServer string
@description('True once azd has deployed this service: provisioning then keeps the deployed image.')
param exists bool
param targetPort int
@description('External ingress for the store and the gateway (browsers); internal for products-service.')
param external bool
param cpu string
param memory string
param minReplicas int
param maxReplicas int
@description('Concurrent requests per replica before another replica is added (a WebSocket counts as one request).')
param concurrentRequests int
param secrets array
param env array

resource deployed 'Microsoft.App/containerApps@2024-10-02-preview' existing = if (exists) {
  name: name
}

// Until `azd deploy` pushes the service's image, the app runs a placeholder (which does not answer the probes).
var image = exists ? deployed.properties.template.containers[0].image : 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'

resource app 'Microsoft.App/containerApps@2024-10-02-preview' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': name })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: external
        targetPort: targetPort
        // auto: HTTP/1.1 with WebSocket upgrades, HTTP/2 where the client offers it.
        transport: 'auto'
        // Internal callers use plain http://<app name> inside the environment; public traffic is HTTPS only.
        allowInsecure: !external
      }
      registries: [
        { server: registryServer, identity: identityId }
      ]
      secrets: secrets
    }
    template: {
      containers: [
        {
          name: name
          image: image
          env: env
          resources: {
            cpu: json(cpu)
            memory: memory
          }
          probes: [
            {
              type: 'Startup'
              httpGet: { path: '/q/health/live', port: targetPort }
              periodSeconds: 5
              failureThreshold: 60
            }
            {
              type: 'Liveness'
              httpGet: { path: '/q/health/live', port: targetPort }
              periodSeconds: 10
              failureThreshold: 3
            }
            {
              type: 'Readiness'
              httpGet: { path: '/q/health/ready', port: targetPort }
              periodSeconds: 10
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http-requests'
            http: { metadata: { concurrentRequests: string(concurrentRequests) } }
          }
        ]
      }
    }
  }
}

output fqdn string = app.properties.configuration.ingress.fqdn
