import AutoResponderService
import Foundation
import Testing
import TestSupport

/// deploy/kubernetes: every manifest parses; the dispatcher and worker containers set only variables
/// the service reads (``ServiceEnvironment``), all the required ones, secrets from Secrets; probes on the
/// operations endpoints; a grace period above the service's; KEDA scales on the jobs queue.
@Suite struct KubernetesManifestTests {
    static let overlays = ["base", "overlays/local"]
    /// The service's default shutdown grace (`SHUTDOWN_GRACE_MS`, 25 s): Kubernetes must wait longer.
    static let shutdownGraceSeconds = 25

    @Test func everyManifestParses() throws {
        let files = Manifests.files()
        #expect(files.count >= 10, "\(files)")
        for file in files {
            let documents = try Manifests.documents(file)
            #expect(!documents.isEmpty, "\(file) is empty")
            for document in documents where !file.hasSuffix("kustomization.yaml") {
                #expect(document.object["apiVersion"] is String, "\(file): no apiVersion")
                #expect(!document.kind.isEmpty, "\(file): no kind")
                #expect(!document.name.isEmpty, "\(file): a \(document.kind) has no name")
            }
        }
    }

    @Test(arguments: overlays) func everyResourceAndPatchExists(_ directory: String) throws {
        let (resources, patches) = try Manifests.tree(directory)
        let names = Set(resources.map { "\($0.kind)/\($0.name)" })
        for patch in patches {
            #expect(names.contains("\(patch.kind)/\(patch.name)"), "\(patch.file) patches a missing \(patch.kind)/\(patch.name)")
        }
    }

    @Test(arguments: overlays) func serviceContainersSetOnlyWhatTheServiceReads(_ directory: String) throws {
        let containers = try ServiceContainer.all(in: directory)
        #expect(Set(containers.map(\.command)) == ["dispatcher", "worker"], "\(containers.map(\.deployment))")
        for container in containers {
            let unknown = container.variables.subtracting(try ServiceEnvironment.names(configDirectory: TestEnvironment.repositoryRoot.appendingPathComponent("config")))
            #expect(unknown.isEmpty, "\(container.deployment) sets variables the service never reads: \(unknown.sorted())")
            let needed = ServiceEnvironment.variables.filter { $0.need != .optional }.map(\.name)
            let missing = Set(needed).subtracting(container.variables)
            #expect(missing.isEmpty, "\(container.deployment) does not set \(missing.sorted())")
            for variable in ServiceEnvironment.variables where variable.isSecret && container.variables.contains(variable.name) {
                #expect(
                    container.fromSecrets.contains(variable.name),
                    "\(container.deployment): \(variable.name) is a secret: take it from a Secret (secretKeyRef)")
            }
            #expect(container.usesSecretEnvFrom == false, "\(container.deployment): name each secret with secretKeyRef")
        }
    }

    @Test func probesGraceAndResources() throws {
        let (resources, _) = try Manifests.tree("base")
        let opsPort = try ServiceContainer.configMap(resources)["OPS_PORT"]
        #expect(opsPort == "9090")
        for deployment in resources where deployment.kind == "Deployment" {
            let pod = deployment.value("spec.template.spec") as? [String: Any] ?? [:]
            let grace = pod["terminationGracePeriodSeconds"] as? Int ?? 30
            #expect(grace > Self.shutdownGraceSeconds, "\(deployment.name): \(grace) s")
            for container in pod["containers"] as? [[String: Any]] ?? [] {
                let ports = container["ports"] as? [[String: Any]] ?? []
                #expect(ports.contains { $0["name"] as? String == "ops" && $0["containerPort"] as? Int == Int(opsPort ?? "") })
                #expect(Manifests.value(container, "readinessProbe.httpGet.path") as? String == "/readyz")
                #expect(Manifests.value(container, "livenessProbe.httpGet.path") as? String == "/healthz")
                #expect(Manifests.value(container, "readinessProbe.httpGet.port") as? String == "ops")
                for key in ["requests.cpu", "requests.memory", "limits.cpu", "limits.memory"] {
                    #expect(Manifests.value(container, "resources.\(key)") != nil, "\(deployment.name): no \(key)")
                }
            }
        }
    }

    @Test func kedaScalesTheWorkersOnTheJobsQueue() throws {
        let (resources, _) = try Manifests.tree("base")
        let prefix = try ServiceContainer.configMap(resources)["AMQP_PREFIX"] ?? "autoresponder"
        let scaled = try #require(resources.first { $0.kind == "ScaledObject" })
        let worker = try #require(resources.first { $0.kind == "Deployment" && $0.name.hasSuffix("worker") })
        #expect(scaled.value("spec.scaleTargetRef.name") as? String == worker.name)
        let trigger = try #require((scaled.value("spec.triggers") as? [[String: Any]])?.first)
        #expect(trigger["type"] as? String == "rabbitmq")
        let jobs = JobTopology(prefix: prefix, retryDelays: [.seconds(2)]).jobsQueue
        #expect(Manifests.value(trigger, "metadata.queueName") as? String == jobs)
        #expect(Manifests.value(trigger, "metadata.mode") as? String == "QueueLength")
        let authentication = Manifests.value(trigger, "authenticationRef.name") as? String
        #expect(resources.contains { $0.kind == "TriggerAuthentication" && $0.name == authentication })
        #expect((scaled.value("spec.minReplicaCount") as? Int ?? 0) >= 1)
    }

    @Test func disruptionBudgetsSelectTheDeployments() throws {
        let (resources, _) = try Manifests.tree("base")
        let budgets = resources.filter { $0.kind == "PodDisruptionBudget" }
        let deployments = resources.filter { $0.kind == "Deployment" }
        #expect(budgets.count == deployments.count)
        for budget in budgets {
            let selector = budget.value("spec.selector.matchLabels") as? [String: String] ?? [:]
            let matched = deployments.filter { deployment in
                let labels = deployment.value("spec.template.metadata.labels") as? [String: String] ?? [:]
                return !selector.isEmpty && selector.allSatisfy { labels[$0.key] == $0.value }
            }
            #expect(matched.count == 1, "\(budget.name) selects \(matched.map(\.name))")
        }
    }

    @Test func aThreeNodeRabbitMQClusterWithDispatchersToSpare() throws {
        let (resources, _) = try Manifests.tree("base")
        let rabbit = try #require(resources.first { $0.kind == "RabbitmqCluster" })
        #expect(rabbit.value("spec.replicas") as? Int == 3)
        let dispatcher = try #require(resources.first { $0.kind == "Deployment" && $0.name.hasSuffix("dispatcher") })
        #expect(dispatcher.value("spec.replicas") as? Int == 2)
    }
}

/// A dispatcher or worker container of a Deployment, with the variables it gets.
struct ServiceContainer {
    let deployment: String
    let command: String
    /// Every variable set: `env` names and the keys of the ConfigMaps of `envFrom`.
    let variables: Set<String>
    /// The variables taken from a Secret (`valueFrom.secretKeyRef`).
    let fromSecrets: Set<String>
    let usesSecretEnvFrom: Bool

    static func all(in directory: String) throws -> [ServiceContainer] {
        let (resources, patches) = try Manifests.tree(directory)
        let configMaps = try configMaps(resources + patches)
        var found: [ServiceContainer] = []
        for deployment in resources where deployment.kind == "Deployment" {
            for container in deployment.value("spec.template.spec.containers") as? [[String: Any]] ?? [] {
                guard let command = (container["command"] as? [String])?.first, ["dispatcher", "worker"].contains(command)
                else { continue }
                let env = container["env"] as? [[String: Any]] ?? []
                var variables = Set(env.compactMap { $0["name"] as? String })
                let fromSecrets = Set(env.filter { Manifests.value($0, "valueFrom.secretKeyRef") != nil }.compactMap { $0["name"] as? String })
                var secretEnvFrom = false
                for source in container["envFrom"] as? [[String: Any]] ?? [] {
                    if let name = Manifests.value(source, "configMapRef.name") as? String {
                        guard let keys = configMaps[name] else { throw ManifestError("\(deployment.name): no ConfigMap \(name)") }
                        variables.formUnion(keys)
                    }
                    if source["secretRef"] != nil { secretEnvFrom = true }
                }
                found.append(
                    ServiceContainer(
                        deployment: deployment.name, command: command, variables: variables, fromSecrets: fromSecrets,
                        usesSecretEnvFrom: secretEnvFrom))
            }
        }
        return found
    }

    /// The keys of every ConfigMap, patches merged in.
    static func configMaps(_ documents: [Manifests.Document]) throws -> [String: Set<String>] {
        var maps: [String: Set<String>] = [:]
        for document in documents where document.kind == "ConfigMap" {
            maps[document.name, default: []].formUnion((document.object["data"] as? [String: Any] ?? [:]).keys)
        }
        return maps
    }

    /// The data of the base's ConfigMap (the one the containers take their settings from).
    static func configMap(_ documents: [Manifests.Document]) throws -> [String: String] {
        let map = try #require(documents.first { $0.kind == "ConfigMap" })
        return (map.object["data"] as? [String: Any] ?? [:]).compactMapValues { $0 as? String }
    }
}
