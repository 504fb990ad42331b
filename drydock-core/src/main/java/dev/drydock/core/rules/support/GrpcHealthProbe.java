package dev.drydock.core.rules.support;

import java.util.Set;

/**
 * grpc_health_probe, the client of the standard gRPC health service (grpc.health.v1) that healthchecks of gRPC servers
 * run. No base image ships it: a Dockerfile downloads it from the project's GitHub releases, builds it with go install
 * (as grpc-health-probe) or copies it from the project's image, ghcr.io/grpc-ecosystem/grpc-health-probe, which keeps
 * it at /ko-app/grpc-health-probe.
 */
public final class GrpcHealthProbe {

    /** The names it is installed under: the release assets' and the Go module's. */
    public static final Set<String> NAMES = Set.of("grpc_health_probe", "grpc-health-probe");

    private static final String IMAGE = "ghcr.io/grpc-ecosystem/grpc-health-probe:v0.4.53";

    private GrpcHealthProbe() {}

    public static boolean is(String program) {
        return NAMES.contains(program);
    }

    /** Whether a text (a RUN's script, a COPY's paths) names the program. */
    public static boolean named(String text) {
        return NAMES.stream().anyMatch(text::contains);
    }

    /** The instruction that copies it into a stage at {@code path}. */
    public static String copyInstruction(String path) {
        return "COPY --from=" + IMAGE + " /ko-app/grpc-health-probe " + path;
    }
}
