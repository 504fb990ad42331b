package dev.drydock.core.json;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.HealthcheckSpec;
import dev.drydock.core.dockerfile.model.ImageConfig;
import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.dockerfile.syntax.ArgList;
import dev.drydock.core.dockerfile.syntax.Arguments;
import dev.drydock.core.dockerfile.syntax.Comment;
import dev.drydock.core.dockerfile.syntax.ExecForm;
import dev.drydock.core.dockerfile.syntax.Flag;
import dev.drydock.core.dockerfile.syntax.HealthcheckArguments;
import dev.drydock.core.dockerfile.syntax.Heredoc;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.KeyValue;
import dev.drydock.core.dockerfile.syntax.KeyValueList;
import dev.drydock.core.dockerfile.syntax.NoArguments;
import dev.drydock.core.dockerfile.syntax.OnbuildArguments;
import dev.drydock.core.dockerfile.syntax.ParserDirective;
import dev.drydock.core.dockerfile.syntax.PlainText;
import dev.drydock.core.dockerfile.syntax.ShellForm;
import dev.drydock.core.dockerfile.syntax.UnparsedArguments;
import dev.drydock.core.dockerfile.syntax.WordList;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.shell.Command;
import java.time.Duration;
import java.util.List;

/** Writes a Dockerfile's syntax tree and model as JSON: what {@code drydock parse --format json} shows. */
public final class DockerfileJson {

    private final JsonOut out;

    public DockerfileJson(JsonOut out) {
        this.out = out;
    }

    public void write(DockerfileModel model) {
        var syntax = model.syntax();
        out.startObject().field("path", syntax.file().path()).field("escape", String.valueOf(syntax.escapeChar()));
        out.startArray("directives");
        for (ParserDirective d : syntax.directives()) {
            out.startObject().field("name", d.name()).field("value", d.value()).span(d.span()).endObject();
        }
        out.endArray();
        out.startArray("instructions");
        for (Instruction instruction : syntax.instructions()) {
            instruction(instruction);
        }
        out.endArray();
        out.map("globalArgs", model.globalArgs().of(Variables.Kind.ARG));
        out.startArray("stages");
        for (Stage stage : model.stages()) {
            stage(model, stage);
        }
        out.endArray();
        model.targetStage().ifPresent(s -> out.field("targetStage", s.index()));
        DiagnosticsJson.write(out, model.diagnostics());
        out.endObject();
    }

    private void instruction(Instruction instruction) {
        out.startObject().field("keyword", instruction.keyword().value()).span(instruction.span());
        if (!instruction.flags().isEmpty()) {
            out.startArray("flags");
            for (Flag flag : instruction.flags()) {
                out.startObject().field("name", flag.name()).field("value", flag.value()).span(flag.span()).endObject();
            }
            out.endArray();
        }
        arguments(instruction.arguments());
        if (!instruction.heredocs().isEmpty()) {
            out.startArray("heredocs");
            for (Heredoc heredoc : instruction.heredocs()) {
                out.startObject().field("name", heredoc.name()).field("expand", heredoc.expand())
                        .field("stripTabs", heredoc.stripTabs()).span(heredoc.span()).endObject();
            }
            out.endArray();
        }
        comments("comments", instruction.precedingComments());
        comments("innerComments", instruction.innerComments());
        out.endObject();
    }

    private void comments(String name, List<Comment> comments) {
        if (comments.isEmpty()) {
            return;
        }
        out.startArray(name);
        for (Comment comment : comments) {
            out.startObject().field("text", comment.text()).span(comment.span()).endObject();
        }
        out.endArray();
    }

    private void arguments(Arguments arguments) {
        switch (arguments) {
            case ExecForm exec -> out.field("form", "exec").strings("arguments", exec.values());
            case ShellForm shell -> out.field("form", "shell").field("text", shell.text());
            case WordList words -> out.field("form", words.json() ? "json" : "words").strings("arguments", words.values());
            case KeyValueList pairs -> pairs("pairs", pairs.entries()).field("legacyForm", pairs.legacyForm());
            case ArgList args -> pairs("pairs", args.entries());
            case PlainText text -> out.field("text", text.text());
            case HealthcheckArguments health -> {
                out.field("type", health.type().value());
                arguments(health.command());
            }
            case OnbuildArguments onbuild -> {
                out.startObject("trigger");
                instructionFields(onbuild.trigger());
                out.endObject();
            }
            case UnparsedArguments unparsed -> out.field("text", unparsed.text().text());
            case NoArguments none -> { }
        }
    }

    private void instructionFields(Instruction trigger) {
        out.field("keyword", trigger.keyword().value()).span(trigger.span());
        arguments(trigger.arguments());
    }

    private JsonOut pairs(String name, List<KeyValue> entries) {
        out.startArray(name);
        for (KeyValue entry : entries) {
            out.startObject().field("name", entry.name().value())
                    .field("value", entry.hasValue() ? entry.value().value() : null).span(entry.span()).endObject();
        }
        return out.endArray();
    }

    private void stage(DockerfileModel model, Stage stage) {
        out.startObject().field("index", stage.index()).field("name", stage.name()).span(stage.from().span());
        base(stage.base());
        out.field("platform", stage.platform());
        ImageConfig config = stage.config();
        setting("user", config.user());
        setting("workdir", config.workdir());
        out.strings("shell", config.effectiveShell());
        command("entrypoint", config.entrypoint());
        command("cmd", config.cmd());
        healthcheck(config.healthcheck());
        setting("stopSignal", config.stopSignal());
        out.map("args", stage.variables().of(Variables.Kind.ARG));
        out.map("env", stage.variables().of(Variables.Kind.ENV));
        out.strings("exposedPorts", config.exposedPorts().stream().map(Setting::value).toList());
        out.strings("volumes", config.volumes().stream().map(Setting::value).toList());
        out.startObject("labels");
        config.labels().forEach((k, v) -> out.field(k, v.value()));
        out.endObject();
        out.startArray("copies");
        for (CopyCommand copy : stage.copies()) {
            out.startObject().field("instruction", copy.instruction().keyword().value().toUpperCase())
                    .span(copy.instruction().span()).strings("sources", copy.sources())
                    .field("destination", copy.destination()).field("containerPath", copy.containerPath())
                    .field("from", copy.from());
            if (copy.fromStage() >= 0) {
                out.field("fromStage", copy.fromStage());
            }
            out.field("chown", copy.chown()).field("chmod", copy.chmod()).endObject();
        }
        out.endArray();
        out.startArray("runs");
        for (CommandSpec run : stage.runs()) {
            out.startObject().span(run.instruction().span()).field("form", run.execForm() ? "exec" : "shell");
            model.script(run).ifPresent(script -> {
                out.startArray("commands");
                for (Command command : script.commands()) {
                    out.startObject().field("program", command.name()).strings("arguments", command.argumentValues())
                            .span(command.span()).endObject();
                }
                out.endArray();
            });
            out.endObject();
        }
        out.endArray();
        out.endObject();
    }

    private void base(BaseImage base) {
        out.startObject("base");
        switch (base) {
            case BaseImage.Scratch scratch -> out.field("kind", "scratch");
            case BaseImage.OfStage stage -> out.field("kind", "stage").field("stage", stage.stageIndex())
                    .field("name", stage.name());
            case BaseImage.External image -> {
                out.field("kind", "image").field("written", image.written()).field("expanded", image.expanded());
                ImageReference ref = image.reference();
                if (ref != null) {
                    out.field("registry", ref.registry()).field("repository", ref.repository()).field("tag", ref.tag())
                            .field("digest", ref.digest());
                } else {
                    out.field("problem", image.problem());
                }
            }
        }
        out.endObject();
    }

    private void setting(String name, Setting<String> setting) {
        if (setting != null) {
            out.startObject(name).field("value", setting.value()).span(setting.instruction().span()).endObject();
        }
    }

    private void command(String name, CommandSpec command) {
        if (command == null) {
            return;
        }
        out.startObject(name).field("form", command.execForm() ? "exec" : "shell").strings("argv", command.argv())
                .span(command.instruction().span()).endObject();
    }

    private void healthcheck(HealthcheckSpec health) {
        if (health == null) {
            return;
        }
        out.startObject("healthcheck").field("disabled", health.disabled()).span(health.instruction().span());
        if (health.test() != null) {
            out.strings("test", health.test().argv());
        }
        duration("interval", health.interval());
        duration("timeout", health.timeout());
        duration("startPeriod", health.startPeriod());
        duration("startInterval", health.startInterval());
        out.field("retries", health.retries());
        out.endObject();
    }

    private void duration(String name, Duration duration) {
        if (duration != null) {
            out.field(name, GoDurations.format(duration));
        }
    }
}
