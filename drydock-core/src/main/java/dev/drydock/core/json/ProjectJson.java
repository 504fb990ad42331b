package dev.drydock.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.drydock.core.compose.ComposeFile;
import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.devcontainer.DevContainer;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.LockFile;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.project.EffectiveHealthcheck;
import dev.drydock.core.project.Origin;
import dev.drydock.core.project.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;

/** Writes a {@link Project} as JSON: the files found, each one's parse, and the containers linked. */
public final class ProjectJson {

    private static final JsonFactory FACTORY = new JsonFactory();

    private ProjectJson() {}

    public static void write(Project project, Writer writer) {
        try (JsonGenerator g = FACTORY.createGenerator(writer)) {
            g.useDefaultPrettyPrinter();
            write(project, new JsonOut(g));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Project project, JsonOut out) {
        out.startObject().field("root", project.root().toString());
        out.startArray("files");
        for (ProjectEntry entry : project.layout().entries()) {
            out.startObject().field("path", entry.path()).field("kind", lower(entry.kind().name()))
                    .field("type", lower(entry.type().name())).endObject();
        }
        out.endArray();
        out.startArray("dockerfiles");
        DockerfileJson dockerfiles = new DockerfileJson(out);
        for (DockerfileSource source : project.dockerfiles().values()) {
            if (source.parsed()) {
                dockerfiles.write(source.model());
            }
        }
        out.endArray();
        out.startArray("compose");
        for (ComposeProject compose : project.composeProjects()) {
            compose(out, compose);
        }
        out.endArray();
        out.startArray("manifests");
        for (Manifest manifest : project.manifests()) {
            manifest(out, manifest);
        }
        out.endArray();
        out.startArray("containers");
        for (Container container : project.containers()) {
            container(out, container);
        }
        out.endArray();
        out.startArray("devContainers");
        for (DevContainer dev : project.devContainers()) {
            devContainer(out, dev);
        }
        out.endArray();
        DiagnosticsJson.write(out, project.diagnostics());
        out.endObject();
    }

    private static void devContainer(JsonOut out, DevContainer dev) {
        out.startObject().field("path", dev.path());
        if (dev.image() != null) {
            out.field("image", dev.image().value());
        }
        if (dev.build() != null) {
            out.startObject("build").field("dockerfile", dev.build().dockerfile()).field("context", dev.build().context())
                    .field("target", dev.build().target()).endObject();
        }
        if (dev.compose() != null) {
            out.startObject("compose").field("service", dev.compose().service());
            out.strings("files", dev.compose().files());
            out.endObject();
        }
        if (dev.remoteUser() != null) {
            out.field("remoteUser", dev.remoteUser().value());
        }
        if (dev.containerUser() != null) {
            out.field("containerUser", dev.containerUser().value());
        }
        out.endObject();
    }

    private static void compose(JsonOut out, ComposeProject compose) {
        out.startObject().field("projectName", compose.projectName());
        out.strings("files", compose.files().stream().map(ComposeFile::displayPath).distinct().toList());
        if (compose.version() != null) {
            out.startObject("version").field("value", compose.version().value()).span(compose.version().span())
                    .endObject();
        }
        out.strings("services", compose.services().keySet());
        out.strings("networks", compose.networks().keySet());
        out.strings("volumes", compose.volumes().keySet());
        out.startArray("variables");
        for (var ref : compose.variableReferences()) {
            out.startObject().field("name", ref.name()).field("set", ref.isSet());
            if (ref.hasDefault()) {
                out.field("default", ref.defaultText()).field("usedDefault", ref.usedDefault());
            }
            out.field("file", ref.file().path()).span(ref.span()).endObject();
        }
        out.endArray();
        out.endObject();
    }

    private static void manifest(JsonOut out, Manifest manifest) {
        out.startObject().field("path", manifest.file()).field("ecosystem", manifest.ecosystem().id())
                .field("kind", lower(manifest.kind().name()));
        out.strings("lockFiles", manifest.lockFiles().stream().map(LockFile::fileName).toList());
        out.startArray("dependencies");
        for (Dependency d : manifest.dependencies()) {
            out.startObject().field("name", d.name()).field("constraint", d.constraint()).field("pinned", d.pinned())
                    .field("scope", lower(d.scope().name())).span(d.span()).endObject();
        }
        out.endArray();
        out.endObject();
    }

    private static void container(JsonOut out, Container c) {
        out.startObject().field("name", c.name()).field("composeFile", c.composeFile());
        origin(out, "origin", c.origin());
        BuildLink build = c.build();
        if (build != null) {
            out.startObject("build").field("dockerfile", build.dockerfile()).field("context", build.context())
                    .field("target", build.target()).field("dockerignore", build.dockerignore());
            if (build.stage() != null) {
                out.field("stage", build.stage().index()).field("stageName", build.stage().name());
            }
            origin(out, "origin", build.origin());
            out.endObject();
        }
        out.field("image", c.image());
        out.strings("manifests", c.manifests().stream().map(Manifest::file).toList());
        command(out, c.command());
        entryPoint(out, c.entryPoint());
        out.strings("entryFiles", c.entryFiles());
        healthcheck(out, c.healthcheck());
        if (c.user() != null) {
            out.startObject("user").field("value", c.user().value());
            origin(out, "origin", c.user().origin());
            out.endObject();
        }
        out.endObject();
    }

    private static void command(JsonOut out, EffectiveCommand command) {
        if (command == null) {
            return;
        }
        out.startObject("command").strings("argv", command.argv()).field("form", command.shellForm() ? "shell" : "exec")
                .strings("entrypoint", command.entrypoint()).strings("cmd", command.cmd()).field("script", command.script());
        origin(out, "entrypointOrigin", command.entrypointOrigin());
        origin(out, "cmdOrigin", command.cmdOrigin());
        out.field("entrypointImage", command.entrypointImage());
        out.endObject();
    }

    private static void entryPoint(JsonOut out, EntryPoint entry) {
        if (entry == null) {
            return;
        }
        out.startObject("entryPoint").field("runtime", lower(entry.runtime().name()))
                .field("target", entry.target().value()).field("targetKind", lower(entry.target().kind().name()))
                .field("module", entry.target().module()).field("attribute", entry.target().attribute())
                .field("workdir", entry.workdir()).map("options", entry.options())
                .strings("targetFiles", entry.targetFiles()).endObject();
    }

    private static void healthcheck(JsonOut out, EffectiveHealthcheck health) {
        if (health == null) {
            return;
        }
        out.startObject("healthcheck").field("source", health.source()).strings("test", health.test())
                .field("disabled", health.disabled()).field("interval", GoDurations.format(health.interval()))
                .field("timeout", GoDurations.format(health.timeout()))
                .field("startPeriod", GoDurations.format(health.startPeriod()));
        if (health.retries() != null) {
            out.field("retries", health.retries().longValue());
        }
        origin(out, "origin", health.origin());
        out.endObject();
    }

    private static void origin(JsonOut out, String name, Origin origin) {
        if (origin == null) {
            return;
        }
        out.startObject(name).field("file", origin.file()).span(origin.span()).endObject();
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
