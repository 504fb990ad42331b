package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.skaffold.SkaffoldArtifact;
import dev.drydock.core.skaffold.SkaffoldConfig;
import dev.drydock.core.skaffold.SkaffoldFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The builds the skaffold.yaml files declare, as {@code skaffold build} run in their folder makes them: each artifact's
 * context ({@code .} by default, relative to the file's folder), Dockerfile ({@code Dockerfile} by default, relative to
 * the context), target and build arguments, tagged with the artifact's image name so that the manifests that run
 * that name link to the Dockerfile. The configurations' own artifacts come first; a profile's artifacts
 * ({@code skaffold -p NAME}) add the images no configuration of the file builds by default. A profile's JSON
 * {@code patches} are not applied.
 */
final class SkaffoldBuilds {

    private SkaffoldBuilds() {}

    static List<DeclaredBuild> read(List<SkaffoldFile> files, Predicate<String> isDirectory, Predicate<String> isFile) {
        List<DeclaredBuild> out = new ArrayList<>();
        for (SkaffoldFile file : files) {
            String folder = PathNames.parent(file.path());
            Set<String> images = new HashSet<>();
            for (SkaffoldConfig config : file.configs()) {
                for (SkaffoldArtifact artifact : config.artifacts()) {
                    images.add(artifact.image());
                    build(file.path(), folder, artifact, isDirectory, isFile).ifPresent(out::add);
                }
            }
            for (SkaffoldConfig config : file.configs()) {
                for (SkaffoldConfig.Profile profile : config.profiles()) {
                    for (SkaffoldArtifact artifact : profile.artifacts() == null ? List.<SkaffoldArtifact>of()
                            : profile.artifacts()) {
                        if (images.add(artifact.image())) {
                            build(file.path(), folder, artifact, isDirectory, isFile).ifPresent(out::add);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static Optional<DeclaredBuild> build(String path, String folder, SkaffoldArtifact artifact,
            Predicate<String> isDirectory, Predicate<String> isFile) {
        String context = DeclaredBuilds.resolve(folder, artifact.context());
        if (context == null || !context.isEmpty() && !isDirectory.test(context)) {
            return Optional.empty();
        }
        String dockerfile = DeclaredBuilds.resolve(context, artifact.dockerfile());
        if (dockerfile == null || !isFile.test(dockerfile)) {
            return Optional.empty();
        }
        Map<String, String> args = new LinkedHashMap<>();
        List<BuildArgument> arguments = new ArrayList<>();
        for (SkaffoldArtifact.BuildArg arg : artifact.buildArgs()) {
            BuildArgument argument = new BuildArgument(arg.name(), arg.value(), new Origin(path, arg.span()));
            arguments.add(argument);
            if (argument.literal()) {
                args.put(arg.name(), arg.value());
            }
        }
        String target = artifact.target() == null || artifact.target().contains("{{") ? null : artifact.target();
        return Optional.of(new DeclaredBuild(dockerfile, context, target, args, arguments, List.of(artifact.image()),
                new Origin(path, artifact.span()), artifact.kaniko() ? BuildTool.KANIKO : BuildTool.SKAFFOLD,
                BuildLabels.NONE, BuildOutput.SHIPPED)); // skaffold deploys what it builds
    }
}
