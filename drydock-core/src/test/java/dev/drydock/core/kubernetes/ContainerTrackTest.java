package dev.drydock.core.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerTrackTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      image: acme/app
                    - name: api
                      image: acme/api
                      readinessProbe:
                        httpGet: {path: /ready, port: 8000}
            """;

    private static ContainerTrack api() {
        KubeWorkload w = KubernetesReader.read(SourceFile.of("k8s/web.yaml", DEPLOYMENT)).get(0);
        return new ContainerTrack(w, w.containers().get(1));
    }

    private static Map<String, Object> op(String op, String path) {
        return Map.of("op", op, "path", path);
    }

    @Test
    void insertsBeforeTheContainerMoveItAndAppendsDoNot() {
        ContainerTrack t = api();
        assertThat(t.operate(op("add", "/spec/template/spec/containers/0"), "readinessProbe")).isFalse();
        assertThat(t.place()).isEqualTo("containers/2");
        assertThat(t.operate(op("add", "/spec/template/spec/containers/-"), "readinessProbe")).isFalse();
        assertThat(t.operate(op("add", "/spec/template/spec/containers/4"), "readinessProbe")).isFalse();
        assertThat(t.place()).isEqualTo("containers/2");
        assertThat(t.operate(op("remove", "/spec/template/spec/containers/1/readinessProbe"), "readinessProbe"))
                .isFalse();
        assertThat(t.operate(op("remove", "/spec/template/spec/containers/2/readinessProbe"), "readinessProbe"))
                .isTrue();
    }

    @Test
    void removingAContainerBeforeShiftsItDown() {
        ContainerTrack t = api();
        assertThat(t.operate(op("remove", "/spec/template/spec/containers/0"), "readinessProbe")).isFalse();
        assertThat(t.place()).isEqualTo("containers/0");
        assertThat(t.operate(op("replace", "/spec/template/spec/containers/0/readinessProbe/httpGet/path"),
                "readinessProbe")).isTrue();
    }

    @Test
    void movingTheContainerFollowsIt() {
        ContainerTrack t = api();
        assertThat(t.operate(Map.of("op", "move", "from", "/spec/template/spec/containers/1",
                "path", "/spec/template/spec/containers/0"), "readinessProbe")).isFalse();
        assertThat(t.place()).isEqualTo("containers/0");
    }

    @Test
    void anOperationKustomizeCannotApplyFailsTheBuild() {
        assertThat(api().operate(op("remove", "/spec/template/spec/containers/7/readinessProbe"), "readinessProbe"))
                .isTrue();
        assertThat(api().operate(op("add", "/spec/template/spec/containers/3"), "readinessProbe")).isTrue();
        assertThat(api().operate(op("replace", "/spec/template/spec/containers/x/image"), "readinessProbe")).isTrue();
        assertThat(api().operate(op("remove", "/spec/template/spec/containers/-"), "readinessProbe")).isTrue();
        assertThat(api().operate(op("remove", "/spec/template/spec/containers/99999999999"), "readinessProbe"))
                .isTrue();
    }

    @Test
    void operationsElsewhereOrMalformedChangeNothing() {
        ContainerTrack t = api();
        assertThat(t.operate(op("add", "/spec/template/spec/initContainers/0"), "readinessProbe")).isFalse();
        assertThat(t.operate(op("replace", "/spec/replicas"), "readinessProbe")).isFalse();
        assertThat(t.operate(Map.of("op", "remove"), "readinessProbe")).isFalse();
        assertThat(t.operate(Map.of("path", 3), "readinessProbe")).isFalse();
        assertThat(t.place()).isEqualTo("containers/1");
        assertThat(t.operate(op("replace", "/spec/template"), "readinessProbe")).isTrue();
    }
}
