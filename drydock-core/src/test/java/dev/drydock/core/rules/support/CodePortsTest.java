package dev.drydock.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.app.ServerCall;
import org.junit.jupiter.api.Test;

class CodePortsTest {

    private static ServerCall start(String server, String variable) {
        return new ServerCall(server, "server.port=8080", false, false, "src/main/resources/application.properties", 3,
                null, null, "8080", variable, null);
    }

    @Test
    void theVariableAPropertyBindsFromIsBound() {
        assertThat(CodePorts.bound(start("Spring Boot's embedded server (server.port)", "SERVER_PORT"))).isTrue();
        assertThat(CodePorts.bound(start("Spring Boot's actuator server (management.server.port)",
                "MANAGEMENT_SERVER_PORT"))).isTrue();
        assertThat(CodePorts.bound(start("Quarkus' HTTP server (quarkus.http.port)", "QUARKUS_HTTP_PORT"))).isTrue();
        assertThat(CodePorts.bound(start("Quarkus' HTTPS server (quarkus.http.ssl-port)", "QUARKUS_HTTP_SSL_PORT")))
                .isTrue();
    }

    @Test
    void aPlaceholderVariableIsNotBound() {
        assertThat(CodePorts.bound(start("Spring Boot's embedded server (server.port)", "PORT"))).isFalse();
        assertThat(CodePorts.bound(start("Node's HTTP server (app.listen)", "PORT"))).isFalse();
        assertThat(CodePorts.bound(start("Spring Boot's embedded server (server.port)", null))).isFalse();
    }
}
