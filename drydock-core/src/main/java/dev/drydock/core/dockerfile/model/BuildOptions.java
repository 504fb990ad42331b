package dev.drydock.core.dockerfile.model;

import java.util.Map;

/**
 * What a build is given besides the Dockerfile: build arguments ({@code --build-arg}, compose
 * {@code build.args}), the target stage and the target platform (for the automatic platform ARGs).
 */
public record BuildOptions(Map<String, String> buildArgs, String target, String targetPlatform) {

    public static final BuildOptions DEFAULT = new BuildOptions(Map.of(), null, "linux/amd64");

    public BuildOptions {
        buildArgs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(buildArgs));
        targetPlatform = targetPlatform == null ? "linux/amd64" : targetPlatform;
    }

    public BuildOptions withBuildArgs(Map<String, String> args) {
        return new BuildOptions(args, target, targetPlatform);
    }

    public BuildOptions withTarget(String stage) {
        return new BuildOptions(buildArgs, stage, targetPlatform);
    }
}
