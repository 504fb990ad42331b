package dev.drydock.cli;

import dev.drydock.core.compose.ComposeFile;
import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.discovery.FileKind;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.Project;
import dev.drydock.core.source.Diagnostic;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The text form of {@code drydock parse}: what was found and how it links, one screen for a small project. */
final class ParseSummary {

    private ParseSummary() {}

    static void print(Project project, PrintWriter out) {
        out.println("Project " + project.root());
        for (FileKind kind : FileKind.values()) {
            var entries = project.layout().entries(kind);
            if (!entries.isEmpty() && kind != FileKind.SOURCE && kind != FileKind.APP_CONFIG) {
                out.printf("  %-13s %s%n", lower(kind.name()) + ":",
                        entries.stream().map(e -> e.path()).collect(Collectors.joining(", ")));
            }
        }
        int sources = project.layout().entries(FileKind.SOURCE).size();
        if (sources > 0) {
            out.printf("  %-13s %d files%n", "sources:", sources);
        }
        for (DockerfileSource source : project.dockerfiles().values()) {
            if (!source.parsed()) {
                continue;
            }
            out.println();
            out.println(source.file().path() + ": " + source.syntax().instructions().size() + " instructions, "
                    + source.model().stages().size() + " stage(s)");
            for (Stage stage : source.model().stages()) {
                out.println("  stage " + stage.index() + (stage.name() == null ? "" : " " + stage.name()) + " from "
                        + base(stage.base()) + " (line " + stage.from().span().startLine() + ")");
            }
        }
        for (ComposeProject compose : project.composeProjects()) {
            out.println();
            out.println(compose.files().stream().map(ComposeFile::displayPath).distinct()
                    .collect(Collectors.joining(" + ")) + ": services " + String.join(", ", compose.services().keySet()));
        }
        for (Container c : project.containers()) {
            out.println();
            out.println("Container " + c.name() + (c.origin() == null ? "" : " (" + c.origin() + ")"));
            if (c.build() != null) {
                out.println("  build:       " + c.build().dockerfile() + ", context "
                        + (c.build().context().isEmpty() ? "." : c.build().context())
                        + (c.build().stage() == null ? "" : ", stage " + c.build().stage().index())
                        + (c.build().dockerignore() == null ? ", no .dockerignore" : ", ignore file " + c.build().dockerignore())
                        + (c.build().origin() == null || c.service() != null ? "" : ", as " + c.build().origin() + " builds it"));
                project.declaredBuilds().stream()
                        .filter(b -> b.dockerfile().equals(c.build().dockerfile()) && !b.labels().isEmpty())
                        .forEach(b -> out.println("  labels:      " + b.labels().describe() + " (" + b.origin() + ")"));
            }
            if (c.image() != null) {
                out.println("  image:       " + c.image());
            }
            if (!c.manifests().isEmpty()) {
                out.println("  manifests:   " + c.manifests().stream().map(Manifest::file).collect(Collectors.joining(", ")));
            }
            EffectiveCommand command = c.command();
            if (command != null) {
                out.println("  command:     " + shown(command) + " (" + (command.shellForm() ? "shell" : "exec")
                        + " form, " + command.origin() + ")");
            }
            if (c.entryPoint() != null) {
                out.println("  runs:        " + lower(c.entryPoint().runtime().name())
                        + (c.entryFiles().isEmpty() ? "" : " " + String.join(", ", c.entryFiles())));
            }
            if (c.healthcheck() != null) {
                out.println("  healthcheck: " + String.join(" ", c.healthcheck().test()) + " (" + c.healthcheck().source()
                        + ", " + c.healthcheck().origin() + ")");
            }
            out.println("  user:        " + (c.user() == null ? "(the base image's default)" : c.user().value() + " ("
                    + c.user().origin() + ")"));
        }
        List<Diagnostic> diagnostics = project.diagnostics();
        if (!diagnostics.isEmpty()) {
            out.println();
            out.println("Reading problems:");
            diagnostics.forEach(d -> out.println("  " + lower(d.level().name()) + ": " + d));
        }
    }

    /** The argv as a command line; a shell script in quotes so it reads as one argument. */
    private static String shown(EffectiveCommand command) {
        List<String> argv = command.argv();
        if (command.script() != null && !argv.isEmpty() && argv.get(argv.size() - 1).equals(command.script())) {
            return String.join(" ", argv.subList(0, argv.size() - 1)) + " \"" + command.script() + "\"";
        }
        return String.join(" ", argv);
    }

    private static String base(BaseImage base) {
        return switch (base) {
            case BaseImage.Scratch s -> "scratch";
            case BaseImage.OfStage s -> "stage " + s.stageIndex();
            case BaseImage.External e -> e.expanded() + (e.reference() == null ? " (" + e.problem() + ")" : "");
        };
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

}
