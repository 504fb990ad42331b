package dev.drydock.core.project;

import java.util.List;
import java.util.Map;

/**
 * A build of a Dockerfile that the project's CI or task files or its dev container configuration spell out ({@code docker build -f
 * docker/Dockerfile --target prod .}, a {@code docker/build-push-action} step, a kaniko executor):
 * the context and target the image is really built with, where no compose file says so.
 *
 * @param dockerfile the Dockerfile's path relative to the project root
 * @param context the context folder relative to the project root ("" for the root itself)
 * @param target the target stage, or null for the last stage
 * @param args the build arguments given with literal values
 * @param arguments every build argument passed, literal or not, in the order written
 * @param tags the names the image is tagged with, as written ({@code ghcr.io/${{ github.repository }}:latest})
 * @param origin the command or step that declares the build
 * @param tool what runs the build
 * @param labels the labels the build puts on the image
 * @param output what the build leaves behind: an image, a pushed image or exported files
 * @param supplied the files, relative to the context, that the tool puts into the context besides the folder's own
 *     ({@link BuildLink#supplies})
 */
public record DeclaredBuild(String dockerfile, String context, String target, Map<String, String> args,
        List<BuildArgument> arguments, List<String> tags, Origin origin, BuildTool tool, BuildLabels labels,
        BuildOutput output, List<String> supplied) {

    public DeclaredBuild {
        args = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        arguments = List.copyOf(arguments);
        tags = List.copyOf(tags);
        labels = labels == null ? BuildLabels.NONE : labels;
        output = output == null ? BuildOutput.IMAGE : output;
        supplied = supplied == null ? List.of() : List.copyOf(supplied);
    }

    /** A build from a folder of the project as it is. */
    public DeclaredBuild(String dockerfile, String context, String target, Map<String, String> args,
            List<BuildArgument> arguments, List<String> tags, Origin origin, BuildTool tool, BuildLabels labels,
            BuildOutput output) {
        this(dockerfile, context, target, args, arguments, tags, origin, tool, labels, output, List.of());
    }

    /** A build whose output its declaration does not tell. */
    public DeclaredBuild(String dockerfile, String context, String target, Map<String, String> args,
            List<BuildArgument> arguments, List<String> tags, Origin origin, BuildTool tool, BuildLabels labels) {
        this(dockerfile, context, target, args, arguments, tags, origin, tool, labels, BuildOutput.IMAGE);
    }

    /** The same build of the Dockerfile's last stage. */
    DeclaredBuild withoutTarget() {
        return new DeclaredBuild(dockerfile, context, null, args, arguments, tags, origin, tool, labels, output,
                supplied);
    }

    /** A build that sets no labels. */
    public DeclaredBuild(String dockerfile, String context, String target, Map<String, String> args,
            List<BuildArgument> arguments, List<String> tags, Origin origin, BuildTool tool) {
        this(dockerfile, context, target, args, arguments, tags, origin, tool, BuildLabels.NONE);
    }

    /** A build whose arguments are only known by value (a dev container configuration's {@code build.args}). */
    public DeclaredBuild(String dockerfile, String context, String target, Map<String, String> args,
            List<String> tags, Origin origin) {
        this(dockerfile, context, target, args, List.of(), tags, origin, BuildTool.DEV_CONTAINER);
    }
}
