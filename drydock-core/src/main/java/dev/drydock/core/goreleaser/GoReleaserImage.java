package dev.drydock.core.goreleaser;

import dev.drydock.core.source.Span;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image a {@code dockers} (v1) or {@code dockers_v2} entry builds. GoReleaser runs the build in a temporary folder
 * holding the Dockerfile, the binaries of its builds and the {@code extra_files}; every value is as written, templates
 * ({@code {{ .Tag }}}) left in.
 *
 * @param dockerfile the Dockerfile, relative to the folder GoReleaser runs in ({@code Dockerfile} when not set)
 * @param names the image names with their tags: v1's {@code image_templates}, v2's {@code images} each with each of
 *     its {@code tags} ({@code {{ .Tag }}} when none is set)
 * @param labels the labels: v1's {@code --label} build flags, v2's {@code labels}
 * @param buildArgs the build arguments: v1's {@code --build-arg} build flags, v2's {@code build_args}
 * @param target the {@code --target} build flag's stage, or null
 * @param extraFiles the {@code extra_files} copied into the context under the same relative path
 * @param binaryFolders where the binaries land in the context: its root for v1, one folder a platform for v2
 *     ({@code linux/amd64/NAME})
 * @param pushed whether a release pushes the image (v1's {@code skip_push} not {@code true})
 * @param span where the entry is written
 */
public record GoReleaserImage(String dockerfile, List<String> names, Map<String, String> labels,
        List<BuildArg> buildArgs, String target, List<String> extraFiles, List<String> binaryFolders, boolean pushed,
        Span span) {

    public GoReleaserImage {
        names = List.copyOf(names);
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        buildArgs = List.copyOf(buildArgs);
        extraFiles = List.copyOf(extraFiles);
        binaryFolders = List.copyOf(binaryFolders);
    }

    /** A build argument as written, {@code NAME=value} split, with where it is written. */
    public record BuildArg(String name, String value, Span span) {}
}
