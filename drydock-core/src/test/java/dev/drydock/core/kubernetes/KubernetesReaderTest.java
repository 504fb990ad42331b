package dev.drydock.core.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubernetesReaderTest {

    private static List<KubeWorkload> read(String text) {
        return KubernetesReader.read(SourceFile.of("k8s/app.yaml", text));
    }

    @Test
    void readsThePodsTerminationGracePeriod() {
        List<KubeWorkload> workloads = read("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      terminationGracePeriodSeconds: 45
                      containers:
                        - name: app
                          image: ghcr.io/acme/web:1.0
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: api
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: ghcr.io/acme/api:1.0
                """);
        assertThat(workloads).extracting(KubeWorkload::gracePeriod).containsExactly(45L, null);
    }

    @Test
    void readsTheWorkloadsOfEveryDocumentWithTheirContainersProbesAndSecurity() {
        List<KubeWorkload> workloads = read("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      securityContext:
                        runAsNonRoot: true
                        runAsUser: 10001
                      containers:
                        - name: app
                          image: ghcr.io/acme/web:1.0
                          command: ["gunicorn"]
                          args: ["--bind", "0.0.0.0:8000", "app:app"]
                          ports:
                            - containerPort: 8000
                          livenessProbe:
                            httpGet:
                              path: /healthz
                              port: http
                          readinessProbe:
                            exec:
                              command: ["cat", "/tmp/ready"]
                          startupProbe:
                            grpc:
                              port: 9000
                          securityContext:
                            runAsUser: 0
                            readOnlyRootFilesystem: true
                            allowPrivilegeEscalation: false
                            privileged: false
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: nightly
                spec:
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          containers:
                            - name: job
                              image: ghcr.io/acme/web:1.0
                """);
        assertThat(workloads).extracting(KubeWorkload::kind).containsExactly("Deployment", "CronJob");
        KubeWorkload web = workloads.get(0);
        assertThat(web.line()).isEqualTo(7);
        assertThat(web.name()).isEqualTo("web");
        KubeContainer app = web.containers().get(0);
        assertThat(app.image()).isEqualTo("ghcr.io/acme/web:1.0");
        assertThat(app.command()).containsExactly("gunicorn");
        assertThat(app.args()).containsExactly("--bind", "0.0.0.0:8000", "app:app");
        assertThat(app.portNumbers()).containsExactly(8000);
        assertThat(app.liveness().describe()).isEqualTo("httpGet /healthz on port http");
        assertThat(app.readiness().command()).containsExactly("cat", "/tmp/ready");
        assertThat(app.startup().kind()).isEqualTo("grpc");
        assertThat(app.security().readOnlyRootFilesystem()).isTrue();
        assertThat(app.security().allowPrivilegeEscalation()).isFalse();
        KubeSecurity effective = web.security(app);
        assertThat(effective.runAsUser()).as("the container's setting wins").isZero();
        assertThat(effective.runAsNonRoot()).as("the pod's where the container sets none").isTrue();
        assertThat(effective.runAsNonRootLine()).isEqualTo(14);
        assertThat(workloads.get(1).containers()).extracting(KubeContainer::name).containsExactly("job");
    }

    @Test
    void readsTheHostPathVolumesItsContainersMount() {
        KubeWorkload workload = read("""
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: rotate
                spec:
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          initContainers:
                            - name: prepare
                              image: busybox:1.37
                              volumeMounts:
                                - {name: etc, mountPath: /host/etc, readOnly: true}
                          containers:
                            - name: rotate
                              image: ghcr.io/acme/rotate:1.0.0
                              volumeMounts:
                                - {name: etc, mountPath: /host/etc}
                                - {name: logs, mountPath: /logs, readOnly: true}
                          volumes:
                            - name: etc
                              hostPath:
                                path: /etc
                            - {name: logs, hostPath: {path: /var/log}}
                            - {name: unused, hostPath: {path: /root}}
                            - {name: config, configMap: {name: rotate}}
                """).get(0);
        assertThat(workload.hostPaths()).extracting(KubeHostPath::volume, KubeHostPath::path, KubeHostPath::line,
                        KubeHostPath::readOnly)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("etc", "/etc", 24, false),
                        org.assertj.core.groups.Tuple.tuple("logs", "/var/log", 25, true));
        assertThat(workload.hostPaths().get(0).containers()).containsExactly("prepare", "rotate");
    }

    @Test
    void readsTheValuesOfSecretsDecodingDataAndSkippingSopsEncryptedOnes() {
        var manifest = KubernetesReader.readAll(SourceFile.of("k8s/secrets.yaml", """
                apiVersion: v1
                kind: Secret
                metadata:
                  name: db
                type: Opaque
                data:
                  password: aHVudGVyMg==
                  keystore: /w==
                stringData:
                  user: app
                  empty: ""
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: encrypted
                stringData:
                  password: ENC[AES256_GCM,data:abc=,type:str]
                sops:
                  version: 3.9.1
                """));
        assertThat(manifest.secrets()).singleElement().satisfies(secret -> {
            assertThat(secret.name()).isEqualTo("db");
            assertThat(secret.entries()).extracting(KubeSecret.Entry::key, KubeSecret.Entry::value,
                            KubeSecret.Entry::line, KubeSecret.Entry::field)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("password", "hunter2", 7, "data"),
                            org.assertj.core.groups.Tuple.tuple("user", "app", 10, "stringData"));
        });
    }

    @Test
    void readsTheItemsOfAList() {
        assertThat(read("""
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: v1
                    kind: Pod
                    metadata:
                      name: one
                    spec:
                      containers:
                        - name: main
                          image: busybox:1.37
                """)).extracting(KubeWorkload::name).containsExactly("one");
    }

    @Test
    void readsNothingFromTemplatesOtherYamlOrBrokenFiles() {
        assertThat(read("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n")).isEmpty();
        assertThat(read("services:\n  web:\n    image: nginx:1.27\n")).isEmpty();
        assertThat(read("apiVersion: example.com/v1\nkind: Widget\nspec:\n  template:\n    spec: {}\n")).isEmpty();
        assertThat(read("apiVersion: apps/v1\nkind: Deployment\nspec: [unclosed\n  x: {\n")).isEmpty();
        assertThat(read("kind: Deployment\nspec:\n  template:\n    spec:\n      containers: []\n")).as("no apiVersion")
                .isEmpty();
    }

    @Test
    void keepsTheDocumentsBeforeASyntaxError() {
        assertThat(read("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: first
                spec:
                  containers:
                    - name: main
                      image: busybox:1.37
                ---
                apiVersion: v1
                kind: Pod
                spec: [unclosed
                """)).extracting(KubeWorkload::name).containsExactly("first");
    }

    @Test
    void readsInitContainersAndSidecarsNamedPortsEnvironmentAndMounts() {
        KubeWorkload web = read("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      initContainers:
                        - name: migrate
                          image: ghcr.io/acme/web:1.0
                          args: ["migrate"]
                        - name: proxy
                          image: envoyproxy/envoy:v1.31.0
                          restartPolicy: Always
                      containers:
                        - name: app
                          image: ghcr.io/acme/web:1.0
                          ports:
                            - name: http
                              containerPort: 8080
                            - containerPort: 9090
                          env:
                            - name: PORT
                              value: "8080"
                          envFrom:
                            - configMapRef:
                                name: web
                          volumeMounts:
                            - name: cache
                              mountPath: /var/cache/nginx
                          livenessProbe:
                            httpGet:
                              path: /healthz
                              port: http
                          readinessProbe:
                            tcpSocket:
                              port: metrics
                """).get(0);
        assertThat(web.containers()).extracting(KubeContainer::name).containsExactly("migrate", "proxy", "app");
        assertThat(web.containers()).extracting(KubeContainer::init).containsExactly(true, false, false);
        assertThat(web.containers()).extracting(KubeContainer::place)
                .containsExactly("initContainers/0", "initContainers/1", "containers/0");
        assertThat(web.describe(web.containers().get(0))).isEqualTo("k8s/app.yaml (Deployment web, init container migrate)");
        KubeContainer app = web.containers().get(2);
        assertThat(app.ports()).containsExactly(new KubePort("http", 8080), new KubePort(null, 9090));
        assertThat(app.resolve("http")).isEqualTo(8080);
        assertThat(app.resolve("9090")).isEqualTo(9090);
        assertThat(app.resolve("metrics")).isNull();
        assertThat(app.namesUnknownPort(app.liveness())).isFalse();
        assertThat(app.namesUnknownPort(app.readiness())).isTrue();
        assertThat(app.liveness().portLine()).isEqualTo(34);
        assertThat(app.environment()).containsExactly("PORT");
        assertThat(app.envFrom()).isTrue();
        assertThat(app.mountPaths()).containsExactly("/var/cache/nginx");
    }

    @Test
    void readsReplicasAndTheAutoscalersThatScaleAWorkload() {
        String text = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  replicas: 3
                  template:
                    spec:
                      containers:
                        - name: app
                          image: ghcr.io/acme/web:1.0
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: web
                spec:
                  scaleTargetRef:
                    kind: Deployment
                    name: web
                  maxReplicas: 8
                """;
        KubeWorkload web = read(text).get(0);
        assertThat(web.replicas().count()).isEqualTo(3L);
        assertThat(web.replicas().line()).isEqualTo(6);
        List<KubeAutoscaler> scalers = KubernetesReader.readAll(SourceFile.of("k8s/app.yaml", text)).autoscalers();
        assertThat(scalers).singleElement().satisfies(a -> {
            assertThat(a.scales(web)).isTrue();
            assertThat(a.maxReplicas()).isEqualTo(8L);
        });
        assertThat(web.scaledBy(scalers.get(0)).replicas().describe())
                .isEqualTo("HorizontalPodAutoscaler web up to 8 pods, k8s/app.yaml line 14");
    }

    @Test
    void readsServicesWithTheirSelectorAndPorts() {
        var manifest = KubernetesReader.readAll(SourceFile.of("k8s/web.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  namespace: shop
                spec:
                  selector:
                    app: web
                    tier: front
                  ports:
                    - name: http
                      port: 80
                      targetPort: 8080
                    - port: 9090
                      protocol: udp
                    - name: admin
                      port: 81
                      targetPort: admin
                    - name: broken
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: db
                spec:
                  clusterIP: None
                  ports:
                    - port: 5432
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: search
                spec:
                  type: ExternalName
                  externalName: search.example.com
                """));
        assertThat(manifest.services()).hasSize(3);
        KubeService web = manifest.services().get(0);
        assertThat(web.name()).isEqualTo("web");
        assertThat(web.namespace()).isEqualTo("shop");
        assertThat(web.line()).isEqualTo(2);
        assertThat(web.selector()).containsExactly(java.util.Map.entry("app", "web"), java.util.Map.entry("tier", "front"));
        assertThat(web.proxiesToPods()).isTrue();
        assertThat(web.ports()).containsExactly(
                new KubeServicePort("http", 80, "8080", "TCP", 11, 13),
                new KubeServicePort(null, 9090, null, "UDP", 14, 0),
                new KubeServicePort("admin", 81, "admin", "TCP", 16, 18));
        assertThat(web.ports().get(0).targetNumber()).isEqualTo(8080);
        assertThat(web.ports().get(1).targetNumber()).isEqualTo(9090);
        assertThat(web.ports().get(1).reportLine()).isEqualTo(14);
        assertThat(web.ports().get(2).namedTarget()).isTrue();
        assertThat(web.ports().get(2).targetNumber()).isNull();
        KubeService db = manifest.services().get(1);
        assertThat(db.headless()).isTrue();
        assertThat(db.selector()).isEmpty();
        assertThat(db.proxiesToPods()).isFalse();
        assertThat(manifest.services().get(2).type()).isEqualTo("ExternalName");
        assertThat(manifest.services().get(2).proxiesToPods()).isFalse();
    }

    @Test
    void readsThePodLabelsServicesSelectBy() {
        var manifest = KubernetesReader.readAll(SourceFile.of("k8s/web.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  namespace: shop
                  labels:
                    app: not-the-pods
                spec:
                  selector:
                    matchLabels:
                      app: web
                  template:
                    metadata:
                      labels:
                        app: web
                        tier: front
                    spec:
                      containers:
                        - name: web
                          image: ghcr.io/acme/web:1.0
                          ports:
                            - name: metrics
                              containerPort: 9090
                              protocol: UDP
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: debug
                  labels:
                    app: web
                spec:
                  containers:
                    - name: shell
                      image: busybox:1.37
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: web
                  namespace: shop
                spec:
                  selector:
                    app: web
                    tier: front
                  ports:
                    - port: 80
                """));
        KubeWorkload web = manifest.workloads().get(0);
        assertThat(web.namespace()).isEqualTo("shop");
        assertThat(web.podLabels()).containsExactly(java.util.Map.entry("app", "web"), java.util.Map.entry("tier", "front"));
        assertThat(web.containers().get(0).ports()).containsExactly(new KubePort("metrics", 9090, "UDP"));
        assertThat(manifest.workloads().get(1).podLabels()).containsExactly(java.util.Map.entry("app", "web"));
        KubeService service = manifest.services().get(0);
        assertThat(service.selects(web)).isTrue();
        assertThat(service.selects(manifest.workloads().get(1))).isFalse();
    }

    @Test
    void eachVolumeMountKnowsWhatItsPodVolumeIs() {
        KubeWorkload db = read("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: notes
                spec:
                  template:
                    spec:
                      containers:
                        - name: api
                          image: notes:1.0.0
                          volumeMounts:
                            - name: scratch
                              mountPath: /tmp/work
                            - name: data
                              mountPath: /srv/data
                            - name: uploads
                              mountPath: /srv/uploads
                            - name: missing
                              mountPath: /srv/other
                      volumes:
                        - name: scratch
                          emptyDir: {}
                        - name: uploads
                          persistentVolumeClaim:
                            claimName: uploads
                  volumeClaimTemplates:
                    - metadata:
                        name: data
                """).get(0);
        assertThat(db.containers().get(0).volumeMounts()).containsExactly(
                new KubeVolumeMount("/tmp/work", "scratch", "emptyDir"),
                new KubeVolumeMount("/srv/data", "data", KubeVolumeMount.CLAIM_TEMPLATE),
                new KubeVolumeMount("/srv/uploads", "uploads", "persistentVolumeClaim"),
                new KubeVolumeMount("/srv/other", "missing", null));
    }
}
