package cn.beijing.iip.registry.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * What operators rely on in every rendering of the Kubernetes manifests: base, dev and prod, from
 * the in-test renderer and, where installed, from kustomize itself.
 */
class KubernetesManifestsTest {

    private static final String RENDERINGS = "cn.beijing.iip.registry.deploy.platform.Renderings#all";
    private static final String OVERLAYS = "cn.beijing.iip.registry.deploy.platform.Renderings#overlays";
    private static final Pattern REPLICA_SET_FLAG = Pattern.compile("--replSet[ =](\\S+)");

    @ParameterizedTest(name = "{0}")
    @MethodSource(RENDERINGS)
    void probesEveryAppOnItsActuatorHealthGroups(Rendering rendering) {
        for (String app : Apps.ALL) {
            Container container = appContainer(rendering.cluster(), app);
            assertThat(container.getLivenessProbe()).as(app + " liveness probe").isNotNull();
            assertThat(container.getReadinessProbe()).as(app + " readiness probe").isNotNull();
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(app).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(app).isEqualTo("/actuator/health/readiness");
            int management = managementPort(rendering.cluster(), app);
            for (Probe probe : Arrays.asList(container.getLivenessProbe(), container.getReadinessProbe(),
                    container.getStartupProbe())) {
                if (probe != null) {
                    assertThat(portNumber(container, probe.getHttpGet().getPort())).as(app + " probe port").isEqualTo(management);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(RENDERINGS)
    void movesActuatorToAPortThatNoServiceOrIngressExposes(Rendering rendering) {
        Cluster cluster = rendering.cluster();
        for (String app : Apps.ALL) {
            Container container = appContainer(cluster, app);
            int management = managementPort(cluster, app);
            int http = portNumber(container, new IntOrString("http"));
            assertThat(http).as(app + " serves on its contract port").isEqualTo(Apps.port(app));
            assertThat(cluster.environment(container)).as(app).containsEntry("IIP_PORT", String.valueOf(http));
            assertThat(management).as(app + " actuator apart from the API").isNotEqualTo(http);
            for (Service service : cluster.all(Service.class)) {
                if (Selectors.matches(new LabelSelector(null, service.getSpec().getSelector()),
                        cluster.workload(app).labels())) {
                    for (ServicePort port : service.getSpec().getPorts()) {
                        assertThat(portNumber(container, port.getTargetPort()))
                                .as("Service " + service.getMetadata().getName() + " must not expose actuator")
                                .isNotEqualTo(management);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(RENDERINGS)
    void annotatesEveryAppForPrometheusWithItsJobName(Rendering rendering) {
        for (String app : Apps.ALL) {
            var workload = rendering.cluster().workload(app);
            Map<String, String> annotations = workload.pod().getAnnotations();
            assertThat(annotations).as(app)
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/path", "/actuator/prometheus")
                    .containsEntry("prometheus.io/port", String.valueOf(managementPort(rendering.cluster(), app)));
            assertThat(workload.labels()).as(app + ": Prometheus takes the job name from this label")
                    .containsEntry("app.kubernetes.io/name", app);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(RENDERINGS)
    void givesEveryContainerRequestsAndLimits(Rendering rendering) {
        for (var workload : rendering.cluster().workloads()) {
            for (Container container : workload.allContainers()) {
                String what = workload.kind() + " " + workload.name() + " container " + container.getName();
                assertThat(container.getResources()).as(what).isNotNull();
                assertThat(container.getResources().getRequests()).as(what + " requests").containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(what + " limits").containsKeys("cpu", "memory");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(RENDERINGS)
    void runsEveryPodAsNonRootUnderTheRestrictedPodSecurityStandard(Rendering rendering) {
        for (var workload : rendering.cluster().workloads()) {
            PodSecurityContext pod = workload.spec().getSecurityContext();
            assertThat(pod).as(workload.name()).isNotNull();
            assertThat(pod.getRunAsNonRoot()).as(workload.name() + " runAsNonRoot").isTrue();
            assertThat(pod.getRunAsUser()).as(workload.name() + " numeric non-root user").isNotNull().isPositive();
            assertThat(pod.getSeccompProfile().getType()).as(workload.name()).isEqualTo("RuntimeDefault");
            for (Container container : workload.allContainers()) {
                SecurityContext security = container.getSecurityContext();
                String what = workload.name() + "/" + container.getName();
                assertThat(security).as(what).isNotNull();
                assertThat(security.getAllowPrivilegeEscalation()).as(what + " allowPrivilegeEscalation").isFalse();
                assertThat(security.getCapabilities().getDrop()).as(what + " drops capabilities").containsExactly("ALL");
                assertThat(security.getRunAsUser() == null || security.getRunAsUser() != 0)
                        .as(what + " does not override the pod's user with root").isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(RENDERINGS)
    void keepsEveryAppsRootFilesystemReadOnlyWithAWritableTmp(Rendering rendering) {
        for (String app : Apps.ALL) {
            var workload = rendering.cluster().workload(app);
            Container container = appContainer(rendering.cluster(), app);
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(app).isTrue();
            VolumeMount tmp = container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                    .findFirst().orElseThrow(() -> new AssertionError(app + " has no volume at /tmp"));
            Volume volume = workload.spec().getVolumes().stream().filter(v -> v.getName().equals(tmp.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError(app + " mounts missing volume " + tmp.getName()));
            assertThat(volume.getEmptyDir()).as(app + " /tmp is an emptyDir").isNotNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(RENDERINGS)
    void rollsOutWithoutEverTakingAPodAwayBeforeItsReplacementIsReady(Rendering rendering) {
        for (Deployment deployment : rendering.cluster().all(Deployment.class)) {
            var strategy = deployment.getSpec().getStrategy();
            String name = deployment.getMetadata().getName();
            assertThat(strategy.getType()).as(name).isEqualTo("RollingUpdate");
            assertThat(strategy.getRollingUpdate().getMaxUnavailable()).as(name + " maxUnavailable")
                    .isEqualTo(new IntOrString(0));
            assertThat(strategy.getRollingUpdate().getMaxSurge()).as(name + " maxSurge").isNotEqualTo(new IntOrString(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(RENDERINGS)
    void scalesEveryAppWithAnAutoscalerAimedAtItsDeployment(Rendering rendering) {
        Cluster cluster = rendering.cluster();
        for (String app : Apps.ALL) {
            List<HorizontalPodAutoscaler> autoscalers = cluster.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(app)).toList();
            assertThat(autoscalers).as("autoscalers of " + app).hasSize(1);
            var spec = autoscalers.getFirst().getSpec();
            assertThat(spec.getScaleTargetRef().getKind()).isEqualTo("Deployment");
            assertThat(spec.getScaleTargetRef().getApiVersion()).isEqualTo("apps/v1");
            assertThat(cluster.find(Deployment.class, app)).as(app).isPresent();
            assertThat(spec.getMinReplicas()).as(app).isPositive();
            assertThat(spec.getMaxReplicas()).as(app).isGreaterThan(spec.getMinReplicas());
            assertThat(spec.getMetrics()).as(app + " scales on CPU")
                    .anySatisfy(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));
        }
        for (HorizontalPodAutoscaler autoscaler : cluster.all(HorizontalPodAutoscaler.class)) {
            assertThat(cluster.find(Deployment.class, autoscaler.getSpec().getScaleTargetRef().getName()))
                    .as("target of autoscaler " + autoscaler.getMetadata().getName()).isPresent();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(RENDERINGS)
    void budgetsDisruptionsOfEachAppsOwnPodsAndNoOthers(Rendering rendering) {
        Cluster cluster = rendering.cluster();
        for (String app : Apps.ALL) {
            List<PodDisruptionBudget> budgets = cluster.all(PodDisruptionBudget.class).stream()
                    .filter(b -> Selectors.matches(b.getSpec().getSelector(), cluster.workload(app).labels())).toList();
            assertThat(budgets).as("disruption budgets covering " + app).hasSize(1);
            PodDisruptionBudget budget = budgets.getFirst();
            assertThat(budget.getSpec().getMaxUnavailable()).as(app + ": one pod at a time")
                    .isEqualTo(new IntOrString(1));
        }
        for (PodDisruptionBudget budget : cluster.all(PodDisruptionBudget.class)) {
            assertThat(Selectors.isEmpty(budget.getSpec().getSelector())).as(budget.getMetadata().getName()).isFalse();
            List<String> covered = cluster.workloads().stream()
                    .filter(w -> Selectors.matches(budget.getSpec().getSelector(), w.labels()))
                    .map(Cluster.Workload::name).toList();
            assertThat(covered).as("workloads covered by budget " + budget.getMetadata().getName())
                    .containsExactly(budget.getMetadata().getName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(RENDERINGS)
    void selectsPodsByTheLabelsTheirTemplatesCarry(Rendering rendering) {
        Cluster cluster = rendering.cluster();
        for (var workload : cluster.workloads()) {
            if (!workload.kind().equals("Job")) {
                assertThat(Selectors.isEmpty(workload.selector())).as(workload.name()).isFalse();
                assertThat(Selectors.matches(workload.selector(), workload.labels()))
                        .as(workload.name() + " selector matches its own pod template").isTrue();
                List<String> others = cluster.workloads().stream()
                        .filter(w -> !w.name().equals(workload.name()) && Selectors.matches(workload.selector(), w.labels()))
                        .map(Cluster.Workload::name).toList();
                assertThat(others).as(workload.name() + " selector also matches").isEmpty();
            }
        }
        for (Service service : cluster.all(Service.class)) {
            var selector = new LabelSelector(null, service.getSpec().getSelector());
            List<Cluster.Workload> backends = cluster.workloads().stream()
                    .filter(w -> !Selectors.isEmpty(selector) && Selectors.matches(selector, w.labels())).toList();
            assertThat(backends).as("workloads behind Service " + service.getMetadata().getName()).hasSize(1);
            Container container = backends.getFirst().spec().getContainers().getFirst();
            for (ServicePort port : service.getSpec().getPorts()) {
                assertThat(portNumber(container, port.getTargetPort()))
                        .as("Service " + service.getMetadata().getName() + " target port " + port.getTargetPort())
                        .isPositive();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(RENDERINGS)
    void runsMongoAsAThreeMemberReplicaSetThatTheInitJobInitiates(Rendering rendering) {
        Cluster cluster = rendering.cluster();
        StatefulSet mongo = cluster.get(StatefulSet.class, "mongo");
        assertThat(mongo.getSpec().getReplicas()).isEqualTo(3);
        String replicaSet = replicaSetName(mongo);
        assertThat(mongo.getSpec().getVolumeClaimTemplates()).as("each member keeps its data").hasSize(1);

        Service headless = cluster.get(Service.class, mongo.getSpec().getServiceName());
        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();

        PodDisruptionBudget budget = cluster.get(PodDisruptionBudget.class, "mongo");
        assertThat(budget.getSpec().getMaxUnavailable()).as("a majority stays up").isEqualTo(new IntOrString(1));

        Job init = cluster.get(Job.class, "mongo-init");
        Map<String, String> environment = cluster.environment(init.getSpec().getTemplate().getSpec().getContainers().getFirst());
        assertThat(environment).containsEntry("MONGO_REPLICA_SET", replicaSet);
        assertThat(environment.get("MONGO_MEMBERS")).isEqualTo(String.join(",", members(mongo)));
        assertThat(init.getSpec().getTemplate().getSpec().getVolumes())
                .anySatisfy(v -> assertThat(v.getConfigMap().getName()).isEqualTo("mongo-init-script"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(RENDERINGS)
    void pointsEveryServiceAtAllMembersWithMajorityWrites(Rendering rendering) {
        Cluster cluster = rendering.cluster();
        StatefulSet mongo = cluster.get(StatefulSet.class, "mongo");
        for (String service : Apps.SERVICES) {
            Map<String, String> environment = cluster.environment(appContainer(cluster, service));
            String uri = environment.get("IIP_STORE_URI");
            assertThat(uri).as(service + " IIP_STORE_URI").isNotNull().startsWith("mongodb://");
            Map<String, String> options = queryOf(uri);
            assertThat(options).as(service).containsEntry("replicaSet", replicaSetName(mongo)).containsEntry("w", "majority");
            assertThat(hostsOf(uri)).as(service + " members").containsExactlyElementsOf(members(mongo));
            assertThat(uri).as(service + ": the password comes from the Secret")
                    .contains(":<secret mongo-credentials/IIP_STORE_PASSWORD>@");
        }
        assertThat(cluster.environment(appContainer(cluster, Apps.GATEWAY))).as("the gateway keeps no data")
                .doesNotContainKey("IIP_STORE_URI");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(RENDERINGS)
    void routesTheGatewayToTheServicesAndToASharedRateLimitStore(Rendering rendering) {
        Cluster cluster = rendering.cluster();
        Map<String, String> environment = cluster.environment(appContainer(cluster, Apps.GATEWAY));
        Map<String, String> urls = Map.of("IIP_PLATFORMS_URL", "platform-registry",
                "IIP_SOLUTION_PROVIDERS_URL", "solution-providers", "IIP_SECURITY_PRODUCTS_URL", "security-products");
        urls.forEach((variable, service) -> {
            URI url = URI.create(environment.get(variable));
            assertThat(url.getHost()).as(variable).isEqualTo(service);
            Service target = cluster.get(Service.class, service);
            assertThat(target.getSpec().getPorts()).as(variable).anySatisfy(p -> assertThat(p.getPort()).isEqualTo(url.getPort()));
        });
        URI redis = URI.create(environment.get("IIP_REDIS_URL"));
        assertThat(cluster.get(Service.class, redis.getHost()).getSpec().getPorts())
                .anySatisfy(p -> assertThat(p.getPort()).isEqualTo(redis.getPort()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(RENDERINGS)
    void exposesOnlyTheGatewayAndKeycloakThroughIngresses(Rendering rendering) {
        Cluster cluster = rendering.cluster();
        Set<String> backends = cluster.all(Ingress.class).stream()
                .flatMap(i -> i.getSpec().getRules().stream())
                .flatMap(r -> r.getHttp().getPaths().stream())
                .map(p -> p.getBackend().getService().getName())
                .collect(Collectors.toSet());
        assertThat(backends).containsExactlyInAnyOrder("gateway", "keycloak");
        for (Ingress ingress : cluster.all(Ingress.class)) {
            for (IngressRule rule : ingress.getSpec().getRules()) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    var backend = path.getBackend().getService();
                    Service service = cluster.get(Service.class, backend.getName());
                    assertThat(service.getSpec().getPorts())
                            .as("port of " + backend.getName() + " in Ingress " + ingress.getMetadata().getName())
                            .anySatisfy(p -> assertThat(backend.getPort().getName() != null
                                    ? backend.getPort().getName().equals(p.getName())
                                    : Objects.equals(backend.getPort().getNumber(), p.getPort())).isTrue());
                }
            }
        }
        List<String> keycloakPaths = ingressPaths(cluster, "keycloak");
        assertThat(keycloakPaths).as("Keycloak's admin console stays private").containsExactlyInAnyOrder("/realms/", "/resources/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(RENDERINGS)
    void runsKeycloakInProductionModeImportingTheRealm(Rendering rendering) {
        Cluster cluster = rendering.cluster();
        Deployment keycloak = cluster.get(Deployment.class, "keycloak");
        Container container = keycloak.getSpec().getTemplate().getSpec().getContainers().getFirst();
        List<String> commandLine = new ArrayList<>();
        if (container.getCommand() != null) {
            commandLine.addAll(container.getCommand());
        }
        commandLine.addAll(container.getArgs());
        assertThat(commandLine).contains("start", "--import-realm").doesNotContain("start-dev");
        Map<String, String> environment = cluster.environment(container);
        assertThat(environment).containsEntry("KC_DB", "postgres").containsEntry("KC_HEALTH_ENABLED", "true");
        assertThat(URI.create(environment.get("KC_DB_URL").substring("jdbc:".length())).getHost())
                .as("Keycloak's database").isEqualTo(cluster.get(Service.class, "keycloak-db").getMetadata().getName());
        VolumeMount realm = container.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/opt/keycloak/data/import")).findFirst()
                .orElseThrow(() -> new AssertionError("no realm mounted for import"));
        Volume volume = keycloak.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(realm.getName())).findFirst().orElseThrow();
        assertThat(cluster.configMap(volume.getConfigMap().getName())).containsKey("iip-realm.json");
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(OVERLAYS)
    void resolvesEveryConfigMapAndSecretThePodsReferTo(Rendering rendering) {
        Cluster cluster = rendering.cluster();
        for (var workload : cluster.workloads()) {
            for (Container container : workload.allContainers()) {
                String what = workload.name() + "/" + container.getName();
                for (EnvFromSource source : container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
                    if (source.getConfigMapRef() != null) {
                        assertThat(cluster.find(ConfigMap.class, source.getConfigMapRef().getName())).as(what).isPresent();
                    }
                    if (source.getSecretRef() != null) {
                        assertThat(cluster.find(Secret.class, source.getSecretRef().getName())).as(what).isPresent();
                    }
                }
                for (EnvVar variable : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
                    if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                        var ref = variable.getValueFrom().getSecretKeyRef();
                        Secret secret = cluster.get(Secret.class, ref.getName());
                        assertThat(secret.getData()).as(what + " " + variable.getName()).containsKey(ref.getKey());
                    }
                }
            }
            for (Volume volume : workload.spec().getVolumes() == null ? List.<Volume>of() : workload.spec().getVolumes()) {
                if (volume.getConfigMap() != null) {
                    assertThat(cluster.find(ConfigMap.class, volume.getConfigMap().getName())).as(workload.name()).isPresent();
                }
                if (volume.getSecret() != null) {
                    Secret secret = cluster.get(Secret.class, volume.getSecret().getSecretName());
                    if (volume.getSecret().getItems() != null) {
                        volume.getSecret().getItems().forEach(item ->
                                assertThat(secret.getData()).as(workload.name()).containsKey(item.getKey()));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(OVERLAYS)
    void namesTheSamePublicAddressesInConfigurationAndIngresses(Rendering rendering) {
        Cluster cluster = rendering.cluster();
        URI issuer = URI.create(cluster.configMap("iip-config").get("IIP_ISSUER_URI"));
        URI keycloakHost = URI.create(cluster.configMap("keycloak-config").get("KC_HOSTNAME"));
        URI publicUrl = URI.create(cluster.configMap("gateway-config").get("IIP_PUBLIC_URL"));
        assertThat(issuer.getPath()).isEqualTo("/realms/iip");
        assertThat(issuer.getScheme() + "://" + issuer.getAuthority()).as("issuer = Keycloak's public host")
                .isEqualTo(keycloakHost.toString());
        assertThat(ingressHosts(cluster, "keycloak")).containsExactly(issuer.getHost());
        assertThat(ingressHosts(cluster, "gateway")).containsExactly(publicUrl.getHost());
        for (Ingress ingress : cluster.all(Ingress.class)) {
            boolean tls = ingress.getSpec().getTls() != null && !ingress.getSpec().getTls().isEmpty();
            URI address = ingress.getMetadata().getName().equals("keycloak") ? issuer : publicUrl;
            assertThat(address.getScheme()).as("scheme of " + address + " with TLS " + tls).isEqualTo(tls ? "https" : "http");
            if (tls) {
                assertThat(ingress.getSpec().getTls().getFirst().getHosts()).containsExactly(address.getHost());
            }
        }
    }

    static Container appContainer(Cluster cluster, String app) {
        return cluster.get(Deployment.class, app).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(app)).findFirst()
                .orElseThrow(() -> new AssertionError("Deployment " + app + " has no container named " + app));
    }

    /** The actuator port: the one MANAGEMENT_SERVER_PORT names, which must be the port named management. */
    static int managementPort(Cluster cluster, String app) {
        Container container = appContainer(cluster, app);
        String configured = cluster.environment(container).get("MANAGEMENT_SERVER_PORT");
        assertThat(configured).as(app + " MANAGEMENT_SERVER_PORT").isNotNull();
        int named = portNumber(container, new IntOrString("management"));
        assertThat(named).as(app + " port named management").isEqualTo(Integer.parseInt(configured));
        return named;
    }

    static int portNumber(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + port.getStrVal()));
    }

    static String replicaSetName(StatefulSet mongo) {
        Container mongod = mongo.getSpec().getTemplate().getSpec().getContainers().getFirst();
        String commandLine = String.join(" ", mongod.getCommand() == null ? List.of() : mongod.getCommand()) + " "
                + String.join(" ", mongod.getArgs() == null ? List.of() : mongod.getArgs());
        Matcher flag = REPLICA_SET_FLAG.matcher(commandLine);
        assertThat(flag.find()).as("mongod runs with --replSet: " + commandLine).isTrue();
        return flag.group(1);
    }

    static List<String> members(StatefulSet mongo) {
        int port = mongo.getSpec().getTemplate().getSpec().getContainers().getFirst().getPorts().getFirst().getContainerPort();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < mongo.getSpec().getReplicas(); i++) {
            members.add(mongo.getMetadata().getName() + "-" + i + "." + mongo.getSpec().getServiceName() + ":" + port);
        }
        return members;
    }

    static List<String> hostsOf(String mongoUri) {
        String rest = mongoUri.substring("mongodb://".length());
        rest = rest.substring(rest.lastIndexOf('@') + 1);
        return List.of(rest.substring(0, rest.indexOf('/')).split(","));
    }

    static Map<String, String> queryOf(String uri) {
        Map<String, String> options = new LinkedHashMap<>();
        int question = uri.indexOf('?');
        if (question >= 0) {
            for (String pair : uri.substring(question + 1).split("&")) {
                String[] parts = pair.split("=", 2);
                options.put(parts[0], parts.length > 1 ? parts[1] : "");
            }
        }
        return options;
    }

    private static List<String> ingressHosts(Cluster cluster, String service) {
        return cluster.all(Ingress.class).stream()
                .flatMap(i -> i.getSpec().getRules().stream())
                .filter(r -> r.getHttp().getPaths().stream().anyMatch(p -> p.getBackend().getService().getName().equals(service)))
                .map(IngressRule::getHost).distinct().toList();
    }

    private static List<String> ingressPaths(Cluster cluster, String service) {
        return cluster.all(Ingress.class).stream()
                .flatMap(i -> i.getSpec().getRules().stream())
                .flatMap(r -> r.getHttp().getPaths().stream())
                .filter(p -> p.getBackend().getService().getName().equals(service))
                .map(HTTPIngressPath::getPath).toList();
    }
}
