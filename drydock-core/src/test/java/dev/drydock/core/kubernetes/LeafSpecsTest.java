package dev.drydock.core.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeafSpecsTest {

    private static final String BASE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
            spec:
              template:
                spec:
                  securityContext:
                    runAsUser: 10001
                  containers:
                    - name: api
                      image: acme/api
                      securityContext:
                        capabilities:
                          drop: [ALL]
            """;

    private static final String NO_SECURITY = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
            spec:
              template:
                spec:
                  containers:
                    - name: api
                      image: acme/api
            """;

    private static List<LeafSpec> specs(String manifest, Map<String, String> files) {
        KubeWorkload w = KubernetesReader.read(SourceFile.of("base/api.yaml", manifest)).get(0);
        List<Kustomization> all = files.entrySet().stream().filter(e -> e.getKey().endsWith("kustomization.yaml"))
                .map(e -> Kustomization.read(e.getKey(), e.getValue()).orElseThrow()).toList();
        return LeafSpecs.of(new Kustomizations(all), p -> KustomizePatch.of(p, path -> Optional.ofNullable(files.get(path))),
                w, w.containers().get(0));
    }

    @Test
    void aManifestNoKustomizationListsKeepsItsOwnSettings() {
        List<LeafSpec> specs = specs(BASE, Map.of());

        assertThat(specs).hasSize(1);
        assertThat(specs.get(0).leaf()).isNull();
        assertThat(specs.get(0).security().runAsUser()).isEqualTo(10001L);
    }

    @Test
    void aStrategicMergePatchMergesThePodsAndTheContainersSecurityContextsWithTheirLines() {
        List<LeafSpec> specs = specs(NO_SECURITY, Map.of(
                "base/kustomization.yaml", "resources: [api.yaml]",
                "prod/kustomization.yaml", "resources: [../base]\npatches:\n  - path: security.yaml",
                "prod/security.yaml", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: api
                        spec:
                          template:
                            spec:
                              securityContext:
                                runAsNonRoot: true
                                runAsUser: 10001
                              containers:
                                - name: api
                                  securityContext:
                                    readOnlyRootFilesystem: true
                                    capabilities:
                                      drop: [ALL]
                        """));

        KubeSecurity security = specs.get(0).security();
        assertThat(specs.get(0).leaf()).isEqualTo("prod");
        assertThat(security.runAsUser()).isEqualTo(10001L);
        assertThat(security.runAsUserLine()).isEqualTo(10);
        assertThat(security.file("runAsUser", "base/api.yaml")).isEqualTo("prod/security.yaml");
        assertThat(security.readOnlyRootFilesystem()).isTrue();
        assertThat(security.capabilitiesDrop()).containsExactly("ALL");
        assertThat(security.capabilitiesDropLine()).isEqualTo(16);
    }

    @Test
    void theContainersSettingWinsOverThePodsAndUnchangedSettingsKeepTheManifestsLine() {
        List<LeafSpec> specs = specs(BASE, Map.of(
                "base/kustomization.yaml", "resources: [api.yaml]",
                "prod/kustomization.yaml", """
                        resources: [../base]
                        patches:
                          - target: {kind: Deployment, name: api}
                            patch: |-
                              - op: add
                                path: /spec/template/spec/containers/0/securityContext/runAsUser
                                value: 0
                              - op: add
                                path: /spec/template/spec/containers/0/securityContext/capabilities/add
                                value: [CHOWN]
                        """));

        KubeSecurity security = specs.get(0).security();
        assertThat(specs.get(0).known()).isTrue();
        assertThat(security.runAsUser()).isZero();
        assertThat(security.file("runAsUser", "base/api.yaml")).isEqualTo("prod/kustomization.yaml");
        assertThat(security.capabilitiesAdd()).containsExactly("CHOWN");
        assertThat(security.capabilitiesDrop()).containsExactly("ALL");
        assertThat(security.capabilitiesDropLine()).isEqualTo(15);
        assertThat(security.file("capabilities.drop", "base/api.yaml")).isEqualTo("base/api.yaml");
    }

    @Test
    void eachLeafGetsItsOwnSpecAndRemovalsAndNullsUnsetSettings() {
        List<LeafSpec> specs = specs(BASE, Map.of(
                "base/kustomization.yaml", "resources: [api.yaml]",
                "prod/kustomization.yaml", "resources: [../base]",
                "dev/kustomization.yaml", """
                        resources: [../base]
                        patches:
                          - target: {kind: Deployment}
                            patch: |-
                              - op: remove
                                path: /spec/template/spec/securityContext/runAsUser
                          - patch: |-
                              apiVersion: apps/v1
                              kind: Deployment
                              metadata: {name: api}
                              spec: {template: {spec: {containers: [{name: api, securityContext: {capabilities: null}}]}}}
                        """));

        assertThat(specs).extracting(LeafSpec::leaf).containsExactlyInAnyOrder("prod", "dev");
        LeafSpec dev = specs.stream().filter(s -> s.leaf().equals("dev")).findFirst().orElseThrow();
        assertThat(dev.security().runAsUser()).isNull();
        assertThat(dev.security().capabilitiesDrop()).isEmpty();
    }

    @Test
    void whatDrydockCannotTellLeavesTheLeafUnknownAndBadInputNeverThrows() {
        for (String patch : List.of(
                "  - path: missing.yaml",
                "  - target: {kind: Deployment, labelSelector: app=api}\n    patch: '[{op: replace, path: /spec/template/spec/securityContext/runAsUser, value: 0}]'",
                "  - target: {kind: Deployment}\n    patch: '[{op: replace, path: /spec/template/spec/containers/0/securityContext/runAsUser, value: 0}]'",
                "  - target: {kind: Deployment}\n    patch: '[{op: add, path: /spec/template/spec/securityContext/runAsUser, value: root}]'",
                "  - target: {kind: Deployment}\n    patch: '[{op: remove, path: /spec/template/spec/containers/0}]'",
                "  - target: {kind: Deployment}\n    patch: '[{op: add, path: /spec/template/spec/containers/0/securityContext/capabilities/drop/7, value: X}]'",
                "  - target: {kind: Deployment}\n    patch: '[{op: add, path: /spec/template/spec/containers/0/securityContext/capabilities/add/-, value: X}]'",
                "  - target: {kind: Deployment}\n    patch: '[{op: move, from: /spec/template/spec/securityContext, path: /spec/template/spec/containers/0/securityContext}]'",
                "  - patch: 'kind: Deployment\n      metadata: {name: api}\n      spec: {template: {spec: {containers: [{name: api, $patch: delete}]}}}'",
                "  - patch: '{{ not: yaml'")) {
            List<LeafSpec> specs = specs(BASE, Map.of(
                    "base/kustomization.yaml", "resources: [api.yaml]",
                    "prod/kustomization.yaml", "resources: [../base]\npatches:\n" + patch));

            assertThat(specs).as(patch).singleElement().satisfies(s -> assertThat(s.known()).isFalse());
        }
    }

    @Test
    void aPatchOfAnotherObjectOrContainerChangesNothing() {
        List<LeafSpec> specs = specs(BASE, Map.of(
                "base/kustomization.yaml", "resources: [api.yaml]",
                "prod/kustomization.yaml", """
                        resources: [../base]
                        patches:
                          - target: {kind: StatefulSet}
                            patch: '[{op: replace, path: /spec/template/spec/securityContext/runAsUser, value: 0}]'
                          - patch: |-
                              kind: Deployment
                              metadata: {name: api}
                              spec: {template: {spec: {containers: [{name: worker, securityContext: {runAsUser: 0}}]}}}
                        """));

        assertThat(specs.get(0).known()).isTrue();
        assertThat(specs.get(0).security().runAsUser()).isEqualTo(10001L);
        assertThat(specs.get(0).security().files()).isEmpty();
    }

    private static final String LIMITED = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
            spec:
              template:
                spec:
                  containers:
                    - name: api
                      image: acme/api
                      resources:
                        limits:
                          memory: 512Mi
                          cpu: "1"
            """;

    @Test
    void resourcesFollowStrategicMergeByKey() {
        List<LeafSpec> specs = specs(LIMITED, Map.of(
                "prod/kustomization.yaml", "resources: [../base]\npatches:\n  - path: limits.yaml\n",
                "base/kustomization.yaml", "resources: [api.yaml]\n",
                "prod/limits.yaml", """
                        kind: Deployment
                        metadata:
                          name: api
                        spec:
                          template:
                            spec:
                              containers:
                                - name: api
                                  resources:
                                    limits:
                                      memory: 2Gi
                                    requests:
                                      memory: 1Gi
                        """));

        KubeResources r = specs.get(0).resources();
        assertThat(r.memoryLimit().text()).isEqualTo("2Gi");
        assertThat(r.memoryLimit().file()).isEqualTo("prod/limits.yaml");
        assertThat(r.memoryLimit().line()).isEqualTo(11);
        assertThat(r.cpuLimit().text()).isEqualTo("1");
        assertThat(r.cpuLimit().file()).isNull();
        assertThat(r.set("requests.memory").mib()).isEqualTo(1024);
    }

    @Test
    void aJson6902RemovalLeavesAMarkWhereItRemoves() {
        List<LeafSpec> specs = specs(LIMITED, Map.of(
                "prod/kustomization.yaml", "resources: [../base]\npatches:\n  - path: ops.yaml\n"
                        + "    target: {kind: Deployment, name: api}\n",
                "base/kustomization.yaml", "resources: [api.yaml]\n",
                "prod/ops.yaml", """
                        - op: remove
                          path: /spec/template/spec/containers/0/resources/limits/memory
                        """));

        KubeResources r = specs.get(0).resources();
        assertThat(r.memoryLimit()).isNull();
        assertThat(r.removed("limits.memory").where("base/api.yaml")).isEqualTo("prod/ops.yaml line 2");
        assertThat(r.cpuLimit().text()).isEqualTo("1");
    }

    @Test
    void anUnreadablePatchMakesResourcesUnknown() {
        List<LeafSpec> specs = specs(LIMITED, Map.of(
                "prod/kustomization.yaml", "resources: [../base]\npatches:\n  - path: missing.yaml\n",
                "base/kustomization.yaml", "resources: [api.yaml]\n"));

        assertThat(specs.get(0).resources()).isNull();
    }

    @Test
    void aFailingOperationMakesResourcesUnknownButKeepsSecurity() {
        List<LeafSpec> specs = specs(NO_SECURITY, Map.of(
                "prod/kustomization.yaml", "resources: [../base]\npatches:\n  - path: ops.yaml\n"
                        + "    target: {kind: Deployment, name: api}\n",
                "base/kustomization.yaml", "resources: [api.yaml]\n",
                "prod/ops.yaml", """
                        - op: add
                          path: /spec/template/spec/containers/0/resources/limits/memory
                          value: 1Gi
                        """));

        assertThat(specs.get(0).resources()).isNull();
        assertThat(specs.get(0).known()).isTrue();
    }
}
