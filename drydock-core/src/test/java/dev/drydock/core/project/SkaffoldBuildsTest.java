package dev.drydock.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.source.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkaffoldBuildsTest {

    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void deployment(String path, String image) throws IOException {
        write(path, """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: %s
                """.formatted(image));
    }

    private List<String> links(Project project) {
        return project.kubernetesWorkloads().stream().flatMap(w -> w.containers().stream())
                .map(KubeContainer::dockerfile).toList();
    }

    @Test
    void anArtifactBuildsTheDockerfileRelativeToItsContextAndLinksTheManifestsThatRunItsImage() throws IOException {
        write("services/cart/src/build/prod.Dockerfile", "FROM python:3.12.7-slim AS runtime\nARG MODE\n"
                + "FROM runtime AS debug\n");
        write("skaffold.yaml", """
                apiVersion: skaffold/v4beta11
                kind: Config
                build:
                  artifacts:
                    - image: cart
                      context: services/cart/src
                      docker:
                        dockerfile: build/prod.Dockerfile
                        target: runtime
                        buildArgs:
                          MODE: prod
                          KEY: '{{.API_KEY}}'
                manifests:
                  rawYaml:
                    - ./config/**/*.yaml
                """);
        deployment("config/cluster/cart.yaml", "cart");
        Project project = new ProjectLoader().load(dir);
        DeclaredBuild build = project.declaredBuilds().get(0);
        assertThat(build.dockerfile()).isEqualTo("services/cart/src/build/prod.Dockerfile");
        assertThat(build.context()).isEqualTo("services/cart/src");
        assertThat(build.target()).isEqualTo("runtime");
        assertThat(build.args()).isEqualTo(Map.of("MODE", "prod"));
        assertThat(build.arguments()).extracting(BuildArgument::value).containsExactly("prod", "${API_KEY}");
        assertThat(build.tags()).containsExactly("cart");
        assertThat(build.tool()).isEqualTo(BuildTool.SKAFFOLD);
        assertThat(build.origin().toString()).isEqualTo("skaffold.yaml:5:7");
        assertThat(project.kubernetesWorkloads()).hasSize(1);
        assertThat(project.kubernetesWorkloads().get(0).containers().get(0).stage()).isEqualTo(0);
        assertThat(links(project)).containsExactly("services/cart/src/build/prod.Dockerfile");
    }

    @Test
    void aFileOfSeveralConfigsAndAProfileImageAllBuild() throws IOException {
        write("api/Dockerfile", "FROM python:3.12.7-slim\n");
        write("worker/Dockerfile", "FROM python:3.12.7-slim\n");
        write("mock/Dockerfile", "FROM python:3.12.7-slim\n");
        write("other/Dockerfile", "FROM python:3.12.7-slim\n");
        write("deploy/skaffold.yml", """
                apiVersion: skaffold/v2beta29
                kind: Config
                metadata: {name: api}
                build:
                  artifacts:
                    - image: api
                      context: ../api
                profiles:
                  - name: test
                    build:
                      artifacts:
                        - image: api
                          context: ../other
                        - image: mock
                          context: ../mock
                ---
                apiVersion: skaffold/v2beta29
                kind: Config
                metadata: {name: worker}
                build:
                  artifacts:
                    - image: worker
                      context: ../worker
                """);
        Project project = new ProjectLoader().load(dir);
        assertThat(project.declaredBuilds()).extracting(DeclaredBuild::dockerfile)
                .containsExactly("api/Dockerfile", "worker/Dockerfile", "mock/Dockerfile");
    }

    @Test
    void aKustomizeFolderItDeploysIsReadWithTheManifestsItLists() throws IOException {
        write("Dockerfile", "FROM python:3.12.7-slim\n");
        write("skaffold.yaml", """
                apiVersion: skaffold/v4beta11
                kind: Config
                build:
                  artifacts:
                    - image: ghcr.io/acme/web
                manifests:
                  kustomize:
                    paths: [ops/overlay]
                """);
        write("ops/overlay/kustomization.yaml", "resources:\n  - ../app\n");
        write("ops/app/kustomization.yaml", "resources:\n  - web.yaml\n");
        deployment("ops/app/web.yaml", "ghcr.io/acme/web:1.0");
        Project project = new ProjectLoader().load(dir);
        assertThat(links(project)).containsExactly("Dockerfile");
    }

    @Test
    void aSkaffoldFileThatIsNotYamlIsReportedAtItsLineAndTheRestIsRead() throws IOException {
        write("Dockerfile", "FROM python:3.12.7-slim\n");
        write("skaffold.yaml", "apiVersion: skaffold/v4beta11\nkind: Config\nbuild:\n  artifacts: [\n    - image: a\n");
        deployment("k8s/app.yaml", "app");
        Project project = new ProjectLoader().load(dir);
        assertThat(project.diagnostics()).filteredOn(d -> d.path().equals("skaffold.yaml"))
                .singleElement().satisfies(d -> {
                    assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR);
                    assertThat(d.line()).isGreaterThan(3);
                });
        assertThat(project.dockerfiles()).containsKey("Dockerfile");
        assertThat(project.kubernetesWorkloads()).hasSize(1);
        assertThat(project.declaredBuilds()).isEmpty();
    }
}
