package dev.drydock.core.rules.compose;

import dev.drydock.core.app.ActuatorExposure;
import dev.drydock.core.app.ServerCall;
import dev.drydock.core.compose.Service;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.LoopbackHosts;
import dev.drydock.core.rules.support.SpringBootBuilds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@RuleDefinition(
        id = "spring-actuator-endpoints-exposed",
        title = "Spring Boot's actuator serves its sensitive endpoints to anyone on a published port",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "Compose services that build a Spring Boot application with spring-boot-starter-actuator and without"
                + " Spring Security, whose configuration (application.properties or .yml, the active profiles' files,"
                + " SPRING_ and MANAGEMENT_ variables of the environment, -D options of the java command) exposes over"
                + " HTTP any of heapdump, env, configprops, jolokia, shutdown, loggers, threaddump or logfile, by"
                + " `management.endpoints.web.exposure.include: \"*\"` or by name, less those `exclude` removes or"
                + " that are turned off (`access: none`, `enabled: false`, a default access of none). Counted as"
                + " their Spring Boot release serves them: heapdump from 3.5 only with `access: unrestricted`,"
                + " shutdown only when turned on, env and configprops with their values from 3.0 only with"
                + " `show-values: always`. Reported when the actuator's port (management.server.port, else"
                + " server.port) is a port the service publishes on every interface of the host and"
                + " management.server.address does not bind it to the loopback: high when an exposed endpoint hands"
                + " out secrets or stops the application (heapdump, env or configprops with values, jolokia,"
                + " shutdown), medium for the others, low in development files. Ports published on 127.0.0.1 only,"
                + " or not published, are left alone.",
        problem = "The actuator serves each exposed endpoint on the application's port (or management.server.port)"
                + " to any client unless Spring Security is on the classpath: heapdump returns the JVM's whole heap,"
                + " env and configprops every property and environment variable, jolokia JMX operations, loggers"
                + " changes log levels with a POST and shutdown stops the application.",
        impact = "Whoever reaches the published port downloads the heap and reads the database password, API keys,"
                + " signing keys and users' session tokens from it, or reads them from env; scanners look for"
                + " /actuator/heapdump and /actuator/env on every address.",
        recommendation = "Expose only what is monitored (`management.endpoints.web.exposure.include:"
                + " health,info,prometheus`), move the actuator to a port of its own that the service does not"
                + " publish (`management.server.port: 8081`), or add Spring Security and require a role for the"
                + " actuator's endpoints.",
        references = {
                "https://docs.spring.io/spring-boot/reference/actuator/endpoints.html#actuator.endpoints.exposing",
                "https://docs.spring.io/spring-boot/reference/actuator/endpoints.html#actuator.endpoints.security",
                "https://github.com/spring-projects/spring-boot/wiki/Spring-Boot-3.5-Release-Notes"},
        aliases = {},
        effort = "15 min",
        examples = @RuleExample(file = "src/main/resources/application.yml",
                bad = """
                        management:
                          endpoints:
                            web:
                              exposure:
                                include: "*"
                          endpoint:
                            health:
                              show-details: always
                        """,
                good = """
                        management:
                          endpoints:
                            web:
                              exposure:
                                include: health,info,prometheus
                          endpoint:
                            health:
                              probes:
                                enabled: true
                        """,
                alongside = {
                        @ExampleFile(name = "compose.yaml", content = """
                                services:
                                  orders:
                                    build: .
                                    ports:
                                      - "8080:8080"
                                """),
                        @ExampleFile(name = "Dockerfile", content = """
                                FROM eclipse-temurin:21.0.9_10-jre
                                COPY target/orders-1.0.0.jar /app/app.jar
                                USER 10001
                                ENTRYPOINT ["java", "-jar", "/app/app.jar"]
                                """),
                        @ExampleFile(name = "pom.xml", content = """
                                <project xmlns="http://maven.apache.org/POM/4.0.0">
                                  <modelVersion>4.0.0</modelVersion>
                                  <parent>
                                    <groupId>org.springframework.boot</groupId>
                                    <artifactId>spring-boot-starter-parent</artifactId>
                                    <version>3.4.11</version>
                                  </parent>
                                  <artifactId>orders</artifactId>
                                  <version>1.0.0</version>
                                  <dependencies>
                                    <dependency>
                                      <groupId>org.springframework.boot</groupId>
                                      <artifactId>spring-boot-starter-web</artifactId>
                                    </dependency>
                                    <dependency>
                                      <groupId>org.springframework.boot</groupId>
                                      <artifactId>spring-boot-starter-actuator</artifactId>
                                    </dependency>
                                  </dependencies>
                                </project>
                                """)}))
public final class SpringActuatorEndpointsExposed implements Rule {

    /** An exposed endpoint as the application serves it: whether it hands out secrets, and what it gives. */
    private record Served(String id, boolean secrets, String gives) {}

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            Container c = ComposeServices.container(context, service);
            if (c == null || c.build() == null) {
                continue;
            }
            ActuatorExposure exposure = Apps.of(context, c).actuatorExposure().orElse(null);
            if (exposure == null || exposure.security()
                    || exposure.address() != null && LoopbackHosts.isLoopback(exposure.address())) {
                continue;
            }
            Optional<SpringBootBuilds.Build> boot = SpringBootBuilds.of(context, c);
            List<Served> served = served(exposure, boot);
            Integer port = actuatorPort(Apps.of(context, c).serverCalls());
            if (served.isEmpty() || port == null) {
                continue;
            }
            Service.Port published = PublishedPorts.of(service).stream()
                    .filter(p -> p.targetStart() <= port && port <= p.targetEnd()).filter(PublishedPorts::onAllInterfaces)
                    .findFirst().orElse(null);
            if (published == null) {
                continue;
            }
            boolean development = ComposeServices.isDevelopmentFile(context, published.node().file().path());
            boolean secrets = served.stream().anyMatch(Served::secrets);
            Severity severity = development ? Severity.LOW : secrets ? Severity.HIGH : Severity.MEDIUM;
            String setting = exposure.variable() != null ? exposure.variable() + "=" + exposure.include()
                    : "management.endpoints.web.exposure.include=" + exposure.include();
            String details = "always".equals(exposure.showDetails()) ? "; management.endpoint.health.show-details:"
                    + " always also shows every health indicator's details (database, disk, versions) to anyone" : "";
            context.finding(this, where(context, ref, exposure), "The Spring Boot application of " + service.name()
                            + " exposes actuator endpoints with `" + setting + "` and has no Spring Security to protect them,"
                            + " on port " + port + ", which " + service.name() + " publishes as "
                            + PublishedPorts.describe(published) + " on every interface of the host: "
                            + String.join("; ", served.stream().map(s -> s.id() + " " + s.gives()).toList()) + details)
                    .severity(severity)
                    .recommendation("Expose only what is monitored (`management.endpoints.web.exposure.include:"
                            + " health,info,prometheus`); or serve the actuator on a port of its own that "
                            + service.name() + " does not publish (`management.server.port: 8081`, which the other"
                            + " services and the monitoring still reach on the compose network); or add"
                            + " spring-boot-starter-security and require a role for EndpointRequest.toAnyEndpoint().")
                    .add();
        }
    }

    /** The exposed endpoints as the application's Spring Boot release serves them, most sensitive first. */
    private static List<Served> served(ActuatorExposure exposure, Optional<SpringBootBuilds.Build> boot) {
        // a build of no known release is taken as a current one, which serves the least
        boolean boot3 = boot.map(b -> b.major() >= 3).orElse(true);
        boolean boot35 = boot.map(b -> b.major() > 3 || b.major() == 3 && b.minor() >= 5).orElse(true);
        boolean valuesShown = !boot3 || "always".equals(exposure.showValues());
        List<Served> out = new ArrayList<>();
        for (Map.Entry<String, ActuatorExposure.Access> e : exposure.endpoints().entrySet()) {
            boolean on = e.getValue() == ActuatorExposure.Access.ON;
            switch (e.getKey()) {
                case "heapdump" -> {
                    if (on || !boot35) {
                        out.add(new Served("heapdump", true, "hands out the JVM's heap, with every password, key and"
                                + " session token the application holds"));
                    }
                }
                case "env", "configprops" -> {
                    int env = out.stream().map(Served::id).toList().indexOf("env");
                    if (env >= 0) { // configprops says what env says: one entry for both
                        Served both = out.get(env);
                        out.set(env, new Served("env and configprops", both.secrets(), both.gives().replace("lists",
                                "list")));
                    } else {
                        out.add(valuesShown
                                ? new Served(e.getKey(), true, "lists every property and environment variable with its"
                                        + " value" + (boot3 ? " (show-values: always)" : " (Spring Boot 2 masks only"
                                                + " keys named like password, secret, key or token)"))
                                : new Served(e.getKey(), false, "lists every property's name and source (Spring Boot 3"
                                        + " masks the values)"));
                    }
                }
                case "jolokia" -> out.add(new Served("jolokia", true, "runs JMX operations over HTTP"));
                case "shutdown" -> {
                    if (on) {
                        out.add(new Served("shutdown", true, "stops the application on a POST"));
                    }
                }
                case "loggers" -> out.add(new Served("loggers", false, "changes log levels on a POST (DEBUG logs"
                        + " requests and queries)"));
                case "threaddump" -> out.add(new Served("threaddump", false, "shows every thread's stack"));
                case "logfile" -> out.add(new Served("logfile", false, "serves the log file"));
                default -> { }
            }
        }
        out.sort((a, b) -> Boolean.compare(b.secrets(), a.secrets()));
        return out;
    }

    /** The actuator's port: the management server's when it has one, else the embedded server's; null when unknown. */
    private static Integer actuatorPort(List<ServerCall> calls) {
        Optional<ServerCall> management = calls.stream()
                .filter(s -> s.server().startsWith("Spring Boot's actuator server")).findFirst();
        if (management.isPresent()) {
            return management.get().port();
        }
        return calls.stream().filter(s -> s.server().startsWith("Spring Boot's embedded server"))
                .map(ServerCall::port).findFirst().orElse(null);
    }

    /** The exposure setting: the compose variable that sets it, the line of the file, else the service. */
    private static Location where(ReviewContext context, ComposeServices.Ref ref, ActuatorExposure exposure) {
        if (exposure.variable() != null) {
            Optional<Service.EnvVar> env = ref.service().env(exposure.variable());
            if (env.isPresent()) {
                return ComposeServices.envEntry(ref.service(), env.get());
            }
        }
        if (exposure.file() != null && exposure.line() > 0) {
            var file = context.project().source(exposure.file()).orElse(null);
            if (file != null && exposure.line() <= file.lineCount()) {
                return new Location(exposure.file(), file.lines(exposure.line(), exposure.line()));
            }
        }
        return ref.nameLocation();
    }
}
