package dev.drydock.core.project;

import static dev.drydock.core.source.PlainYaml.mapping;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.source.PlainYaml;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Map;

/**
 * The build Kamal runs for the application whose config/deploy.yml sits in a Dockerfile's folder: the builder's
 * dockerfile ({@code Dockerfile} by default), context ({@code .}, the application's folder) and target (the last
 * stage unless {@code builder.target} names one), all relative to that folder.
 */
final class KamalBuilder {

    private KamalBuilder() {}

    /** Kamal's build of the Dockerfile, or null when no Kamal configuration beside it builds it. */
    static DeclaredBuild of(ProjectLoader.Reading reading, String dockerfile) {
        String folder = PathNames.parent(dockerfile);
        String path = PathNames.join(folder, "config/deploy.yml");
        if (!reading.files.exists(path)) {
            return null;
        }
        SourceFile file = reading.text(path);
        Map<?, ?> root = file == null ? Map.of() : mapping(PlainYaml.load(file));
        if (!(root.get("service") instanceof String) || root.get("servers") == null) {
            return null;
        }
        Map<?, ?> builder = mapping(root.get("builder"));
        String named = builder.get("dockerfile") instanceof String d ? d : "Dockerfile";
        String context = builder.get("context") instanceof String c ? DeclaredBuilds.resolve(folder, c) : folder;
        if (!dockerfile.equals(DeclaredBuilds.resolve(folder, named)) || context == null
                || !context.isEmpty() && !reading.files.isDirectory(context)) {
            return null;
        }
        String target = builder.get("target") instanceof String t && !t.isBlank() ? t : null;
        int line = 1;
        for (int n = 1; n <= file.lineCount(); n++) {
            if (file.line(n).startsWith("builder:")) {
                line = n;
                break;
            }
        }
        return new DeclaredBuild(dockerfile, context, target, Map.of(), List.of(), List.of(),
                new Origin(path, file.lines(line, line)), BuildTool.KAMAL, BuildLabels.NONE, BuildOutput.SHIPPED);
    }
}
