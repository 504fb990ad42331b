package dev.drydock.cli;

import dev.drydock.core.discovery.ExplicitFile;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.ProjectFiles;
import dev.drydock.core.dockerfile.syntax.BuildkitAstDump;
import dev.drydock.core.dockerfile.syntax.DockerfileParser;
import dev.drydock.core.json.ProjectJson;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.project.Project;
import dev.drydock.core.project.ProjectLoader;
import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.Printable;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code drydock parse PATH}: shows how drydock read a project folder or a file. */
final class ParseCommand implements Callable<Integer> {

    enum Format { text, json, buildkit }

    enum Kind { dockerfile, compose }

    Path path;
    Format format;
    Kind as;
    private final Invocation invocation;

    ParseCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    final CommandSpec spec = Specs.command(this, "parse",
                    "Show what drydock understood of a project folder or a file: the files it found, each",
                    "Dockerfile's stages, the compose services and what each one builds and runs.")
            .addPositional(Specs.path(v -> path = v))
            .addOption(Specs.option(Format.class, v -> format = v, "FORMAT", "text (a summary), json (the whole model)"
                    + " or buildkit (BuildKit's AST dump of each Dockerfile).", "-f", "--format")
                    .defaultValue("text").build())
            .addOption(Specs.option(Kind.class, v -> as = v, "KIND",
                    "Read the file given as this kind whatever its name: dockerfile or compose.", "--as").build());

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path at = invocation.resolve(path);
        if (format == Format.buildkit && Files.isRegularFile(at)) {
            printLines(out, BuildkitAstDump.dump(DockerfileParser.parse(readAlone(at, path))));
            return 0;
        }
        Project project = as == null || !Files.isRegularFile(at) ? new ProjectLoader().load(at)
                : new ProjectLoader().load(at.toAbsolutePath().getParent(), List.of(ExplicitFile.as(at,
                        as == Kind.dockerfile ? FileType.DOCKERFILE : FileType.COMPOSE_VARIANT)));
        switch (format) {
            case json -> ProjectJson.write(project, out);
            case text -> {
                // the summary quotes names, images and commands from the project: no control character goes out raw
                java.io.StringWriter summary = new java.io.StringWriter();
                ParseSummary.print(project, new PrintWriter(summary));
                out.print(Printable.escape(summary.toString()));
            }
            case buildkit -> {
                for (DockerfileSource source : project.dockerfiles().values()) {
                    if (source.parsed()) {
                        out.println("# " + source.file().path());
                        printLines(out, BuildkitAstDump.dump(source.syntax()));
                    }
                }
            }
        }
        if (format == Format.json) {
            out.println();
        }
        out.flush();
        int exit = 0;
        for (Diagnostic d : project.diagnostics()) {
            if (d.level() == Diagnostic.Level.ERROR) {
                err.println("drydock: " + d);
                exit = Main.INPUT_ERROR;
            }
        }
        return exit;
    }

    private static void printLines(PrintWriter out, String text) {
        out.print(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out.println();
        }
        out.flush();
    }

    /** The file at {@code file}, named {@code shown} as the user gave it. */
    private static SourceFile readAlone(Path file, Path shown) {
        Path absolute = file.toAbsolutePath().normalize();
        var read = ProjectFiles.open(absolute.getParent()).read(absolute.getFileName().toString());
        if (read.file() == null) {
            throw SourceException.ofFile(shown.toString(), "cannot be read");
        }
        return SourceFile.of(shown.toString(), read.file().text());
    }
}
