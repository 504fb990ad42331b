package dev.drydock.core.dockerfile.model;

import dev.drydock.core.dockerfile.expand.Environment;
import dev.drydock.core.dockerfile.expand.Expansion;
import dev.drydock.core.dockerfile.expand.WordExpander;
import dev.drydock.core.dockerfile.model.Variables.Kind;
import dev.drydock.core.dockerfile.syntax.ArgList;
import dev.drydock.core.dockerfile.syntax.Arguments;
import dev.drydock.core.dockerfile.syntax.Dockerfile;
import dev.drydock.core.dockerfile.syntax.ExecForm;
import dev.drydock.core.dockerfile.syntax.Flag;
import dev.drydock.core.dockerfile.syntax.HealthcheckArguments;
import dev.drydock.core.dockerfile.syntax.HealthcheckOptions;
import dev.drydock.core.dockerfile.syntax.Heredoc;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.KeyValue;
import dev.drydock.core.dockerfile.syntax.KeyValueList;
import dev.drydock.core.dockerfile.syntax.PlainText;
import dev.drydock.core.dockerfile.syntax.ShellForm;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.dockerfile.syntax.WordList;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Walks a Dockerfile's instructions once, as BuildKit dispatches them, and builds its model. */
final class ModelBuilder {

    private static final List<String> PLATFORM_ARGS = List.of("BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
            "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT");

    private final Dockerfile syntax;
    private final BuildOptions options;
    private final WordExpander expander;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final List<Stage> stages = new ArrayList<>();
    private Variables globals;

    private StageState current;

    ModelBuilder(Dockerfile syntax, BuildOptions options) {
        this.syntax = syntax;
        this.options = options;
        this.expander = WordExpander.forEscape(syntax.escapeChar());
        this.globals = platformArgs(options.targetPlatform());
    }

    DockerfileModel build() {
        Optional<String> yaml = UnknownInstruction.yamlFile(syntax);
        if (yaml.isPresent()) {
            error(syntax.instructions().get(0).keyword().span(), yaml.get());
            return new DockerfileModel(syntax, options, globals, stages, diagnostics);
        }
        for (Instruction instruction : syntax.instructions()) {
            try {
                dispatch(instruction);
            } catch (SourceException e) {
                diagnostics.add(Diagnostic.error(e));
            }
        }
        finishStage();
        return new DockerfileModel(syntax, options, globals, stages, diagnostics);
    }

    private void dispatch(Instruction instruction) {
        if (instruction.kind() == InstructionKind.FROM) {
            finishStage();
            startStage(instruction);
            return;
        }
        if (current == null) {
            if (instruction.kind() == InstructionKind.ARG) {
                globals = declareArgs(instruction, globals, globals, true);
            } else if (instruction.kind() == InstructionKind.UNKNOWN) {
                error(instruction.keyword().span(), UnknownInstruction.message(instruction)); // BuildKit's first check
            } else {
                error(instruction.keyword().span(), "no build stage in current context: " + keyword(instruction)
                        + " before the first FROM");
            }
            return;
        }
        StageState s = current;
        Variables variablesBefore = s.variables;
        ImageConfig configBefore = s.config;
        Set<String> undefined = new LinkedHashSet<>();
        s.undefined = undefined;
        try {
            apply(instruction, s);
        } finally {
            s.undefined = null;
            s.steps.add(new Step(s.index, instruction, variablesBefore, configBefore.user(), configBefore.workdir(),
                    configBefore.shell(), undefined));
        }
    }

    private void apply(Instruction instruction, StageState s) {
        switch (instruction.kind()) {
            case ARG -> s.variables = declareArgs(instruction, s.variables, globals, false);
            case ENV -> s.variables = defineEnv(instruction, s);
            case LABEL -> label(instruction, s);
            case USER -> s.config = copy(s.config).user(new Setting<>(expandPlain(instruction, s), instruction)).build();
            case WORKDIR -> workdir(instruction, s);
            case SHELL -> shell(instruction, s);
            case CMD -> {
                s.cmdSetInStage = true;
                s.config = copy(s.config).cmd(command(instruction, instruction.arguments(), s)).build();
            }
            case ENTRYPOINT -> {
                ConfigBuilder b = copy(s.config).entrypoint(command(instruction, instruction.arguments(), s));
                if (!s.cmdSetInStage) {
                    b.cmd(null);
                }
                s.config = b.build();
            }
            case HEALTHCHECK -> s.config = copy(s.config).healthcheck(healthcheck(instruction, s)).build();
            case EXPOSE -> expose(instruction, s);
            case VOLUME -> volume(instruction, s);
            case STOPSIGNAL -> s.config = copy(s.config)
                    .stopSignal(new Setting<>(expandPlain(instruction, s), instruction)).build();
            case COPY, ADD -> s.copies.add(copy(instruction, s));
            case RUN -> s.runs.add(command(instruction, instruction.arguments(), s));
            case UNKNOWN -> error(instruction.keyword().span(), UnknownInstruction.message(instruction));
            default -> { } // MAINTAINER and ONBUILD change nothing the model follows
        }
    }

    // ---- stages

    private void startStage(Instruction from) {
        List<Word> words = arguments(from, WordList.class).words();
        Word nameWord = null;
        if (words.size() == 3 && words.get(1).value().equalsIgnoreCase("as")) {
            nameWord = words.get(2);
        } else if (words.size() != 1) {
            error(from.span(), "FROM requires either one or three arguments");
        }
        if (words.isEmpty()) {
            throw new SourceException(from.file(), from.span().start(), "FROM requires either one or three arguments");
        }
        Word image = words.get(0);
        String expanded = expand(image, globals, null);
        String platform = from.flagValue("platform").map(p -> expandText(p, from.flag("platform").get().valueSpan(),
                globals, null)).orElse(null);
        BaseImage base = base(image.value(), expanded);
        StageState s = new StageState(stages.size(), nameWord, from, base, platform);
        if (base instanceof BaseImage.OfStage parent) {
            Stage p = stages.get(parent.stageIndex());
            s.config = p.config();
            s.variables = p.variables();
        }
        current = s;
    }

    private BaseImage base(String written, String expanded) {
        String lower = expanded.toLowerCase(Locale.ROOT);
        if (lower.equals("scratch")) {
            return new BaseImage.Scratch();
        }
        for (Stage stage : stages) {
            if (lower.equals(stage.name())) {
                return new BaseImage.OfStage(stage.index(), stage.name());
            }
        }
        try {
            return new BaseImage.External(written, expanded, ImageReference.parse(expanded), null);
        } catch (IllegalArgumentException e) {
            return new BaseImage.External(written, expanded, null, e.getMessage());
        }
    }

    private void finishStage() {
        StageState s = current;
        if (s == null) {
            return;
        }
        stages.add(new Stage(s.index, s.nameWord, s.from, s.base, s.platform, s.steps, s.copies, s.runs, s.config,
                s.variables));
        current = null;
    }

    // ---- variables

    private Variables declareArgs(Instruction instruction, Variables vars, Variables globalScope, boolean global) {
        Variables before = vars;
        for (KeyValue entry : arguments(instruction, ArgList.class).entries()) {
            String name = expand(entry.name(), before, instruction);
            String value;
            if (options.buildArgs().containsKey(name)) {
                value = options.buildArgs().get(name);
            } else if (entry.hasValue()) {
                value = expand(entry.value(), vars, instruction); // BuildKit declares the ARGs of one line in turn
            } else if (!global) {
                value = globalScope.lookup(name);
            } else {
                value = null;
            }
            vars = vars.define(Kind.ARG, name, value, instruction);
        }
        return vars;
    }

    private Variables defineEnv(Instruction instruction, StageState s) {
        Variables vars = s.variables;
        for (KeyValue entry : arguments(instruction, KeyValueList.class).entries()) {
            String name = expand(entry.name(), s.variables, instruction);
            String value = entry.hasValue() ? expand(entry.value(), s.variables, instruction) : "";
            vars = vars.define(Kind.ENV, name, value, instruction);
        }
        return vars;
    }

    private static Variables platformArgs(String targetPlatform) {
        String[] target = targetPlatform.split("/");
        String os = target[0];
        String arch = target.length > 1 ? target[1] : "amd64";
        String variant = target.length > 2 ? target[2] : "";
        Map<String, String> values = new LinkedHashMap<>();
        values.put("BUILDPLATFORM", "linux/amd64");
        values.put("BUILDOS", "linux");
        values.put("BUILDARCH", "amd64");
        values.put("BUILDVARIANT", "");
        values.put("TARGETPLATFORM", targetPlatform);
        values.put("TARGETOS", os);
        values.put("TARGETARCH", arch);
        values.put("TARGETVARIANT", variant);
        Variables vars = Variables.empty();
        for (String name : PLATFORM_ARGS) {
            vars = vars.define(Kind.ARG, name, values.get(name), null);
        }
        return vars;
    }

    // ---- image configuration

    private void label(Instruction instruction, StageState s) {
        Map<String, Setting<String>> labels = new LinkedHashMap<>(s.config.labels());
        for (KeyValue entry : arguments(instruction, KeyValueList.class).entries()) {
            String key = expand(entry.name(), s.variables, instruction);
            String value = entry.hasValue() ? expand(entry.value(), s.variables, instruction) : "";
            labels.put(key, new Setting<>(value, instruction));
        }
        s.config = copy(s.config).labels(labels).build();
    }

    private void workdir(Instruction instruction, StageState s) {
        String requested = expandPlain(instruction, s);
        String base = s.config.workdir() == null ? "/" : s.config.workdir().value();
        String resolved = ContainerPaths.clean(requested.startsWith("/") ? requested : base + "/" + requested);
        s.config = copy(s.config).workdir(new Setting<>(resolved, instruction)).build();
    }

    private void shell(Instruction instruction, StageState s) {
        if (!(instruction.arguments() instanceof ExecForm exec)) {
            throw new SourceException(instruction.file(), instruction.span().start(),
                    "SHELL requires the arguments to be in JSON form");
        }
        if (exec.elements().isEmpty()) {
            throw new SourceException(instruction.file(), instruction.span().start(), "SHELL requires at least one argument");
        }
        s.config = copy(s.config).shell(new Setting<>(exec.values(), instruction)).build();
    }

    private void expose(Instruction instruction, StageState s) {
        List<Setting<String>> ports = new ArrayList<>(s.config.exposedPorts());
        for (Word word : arguments(instruction, WordList.class).words()) {
            Expansion e = expansion(word.value(), word.span(), s.variables, instruction);
            for (String port : e.ok() ? e.wordTexts() : List.of(word.value())) {
                // the image records the container port only: EXPOSE 127.0.0.1:8080:80 exposes 80 (expose-invalid-format)
                ports.add(new Setting<>(port.substring(port.lastIndexOf(':') + 1), instruction));
            }
        }
        s.config = copy(s.config).exposedPorts(ports).build();
    }

    private void volume(Instruction instruction, StageState s) {
        List<Setting<String>> volumes = new ArrayList<>(s.config.volumes());
        for (Word word : arguments(instruction, WordList.class).words()) {
            volumes.add(new Setting<>(expand(word, s.variables, instruction), instruction));
        }
        s.config = copy(s.config).volumes(volumes).build();
    }

    private CommandSpec command(Instruction instruction, Arguments arguments, StageState s) {
        List<String> shell = s.config.effectiveShell();
        if (arguments instanceof ExecForm exec) {
            return new CommandSpec(instruction, true, exec.values(), shell, null);
        }
        if (arguments instanceof ShellForm form) {
            return new CommandSpec(instruction, false, List.of(form.text()), shell, withHeredocs(form.script(), instruction));
        }
        return new CommandSpec(instruction, true, List.of(), shell, null);
    }

    /** The command line and, after it, the lines of the here-documents it opens, as a shell reads them. */
    private static MappedText withHeredocs(MappedText line, Instruction instruction) {
        if (instruction.heredocs().isEmpty()) {
            return line;
        }
        List<Heredoc> heredocs = instruction.heredocs();
        if (heredocs.size() == 1 && line.text().strip().equals(line.file().text(heredocs.get(0).marker()))) {
            return heredocs.get(0).content(); // RUN <<EOF: BuildKit runs the body itself as the script
        }
        MappedText.Builder script = MappedText.builder(line.file());
        for (int i = 0; i < line.length(); i++) {
            int offset = line.fileOffset(i);
            script.append(offset, offset + 1);
        }
        int bodyStart = heredocs.get(0).span().start();
        script.appendSynthetic("\n", Math.max(0, bodyStart - 1));
        script.append(bodyStart, heredocs.get(heredocs.size() - 1).span().end());
        return script.build();
    }

    private HealthcheckSpec healthcheck(Instruction instruction, StageState s) {
        HealthcheckArguments args = arguments(instruction, HealthcheckArguments.class);
        CommandSpec test = null;
        if (!args.isNone()) {
            if (!args.isCmd()) {
                throw new SourceException(instruction.file(), args.type().span().start(),
                        "unknown type for healthcheck: " + args.type().value() + " (expected CMD or NONE)");
            }
            test = command(instruction, args.command(), s);
        }
        HealthcheckOptions o = HealthcheckOptions.of(instruction);
        return new HealthcheckSpec(instruction, test, o.interval().orElse(null), o.timeout().orElse(null),
                o.startPeriod().orElse(null), o.startInterval().orElse(null),
                o.retries().isPresent() ? o.retries().getAsInt() : null);
    }

    private CopyCommand copy(Instruction instruction, StageState s) {
        List<Word> words = arguments(instruction, WordList.class).words();
        if (words.size() < 2) {
            throw new SourceException(instruction.file(), instruction.span().start(),
                    keyword(instruction) + " requires at least two arguments, but only " + words.size() + " provided");
        }
        List<String> sources = new ArrayList<>();
        List<Heredoc> heredocs = new ArrayList<>();
        java.util.Set<Integer> unresolved = new java.util.HashSet<>();
        for (Word word : words.subList(0, words.size() - 1)) {
            Heredoc heredoc = heredocNamedBy(instruction, word);
            if (heredoc != null) {
                heredocs.add(heredoc);
                sources.add(heredoc.name());
            } else {
                Expansion e = expansion(word.value(), word.span(), s.variables, instruction);
                if (e.unmatched().stream().anyMatch(ModelBuilder::isVariableName)) {
                    unresolved.add(sources.size());
                }
                sources.add(e.valueOr(word.value()));
            }
        }
        String destination = expand(words.get(words.size() - 1), s.variables, instruction);
        String workdir = s.config.workdir() == null ? "/" : s.config.workdir().value();
        String containerPath = ContainerPaths.resolve(workdir, destination);
        String from = instruction.flagValue("from").orElse(null);
        int fromStage = from == null ? -1 : stageIndex(from, s.index);
        String chown = instruction.flag("chown").map(f -> expandText(f.stringValue(), f.valueSpan(), s.variables,
                instruction)).orElse(null);
        String chmod = instruction.flag("chmod").map(f -> expandText(f.stringValue(), f.valueSpan(), s.variables,
                instruction)).orElse(null);
        boolean link = instruction.flag("link").map(Flag::booleanValue).orElse(false);
        return new CopyCommand(instruction, sources, heredocs, destination, containerPath, from, fromStage, chown, chmod,
                link, unresolved);
    }

    private static Heredoc heredocNamedBy(Instruction instruction, Word word) {
        if (!word.value().startsWith("<<")) {
            return null;
        }
        for (Heredoc heredoc : instruction.heredocs()) {
            if (heredoc.marker().start() >= word.span().start() && heredoc.marker().end() <= word.span().end()) {
                return heredoc;
            }
        }
        return null;
    }

    private int stageIndex(String reference, int before) {
        String lower = reference.toLowerCase(Locale.ROOT);
        for (Stage stage : stages) {
            if (stage.index() < before && lower.equals(stage.name())) {
                return stage.index();
            }
        }
        if (!lower.isEmpty() && lower.length() < 6 && lower.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int index = Integer.parseInt(lower);
            return index < before ? index : -1;
        }
        return -1;
    }

    // ---- expansion

    private String expandPlain(Instruction instruction, StageState s) {
        PlainText text = arguments(instruction, PlainText.class);
        return expandText(text.text(), text.span(), s.variables, instruction);
    }

    private String expand(Word word, Environment env, Instruction instruction) {
        return expandText(word.value(), word.span(), env, instruction);
    }

    private String expandText(String text, Span span, Environment env, Instruction instruction) {
        Expansion e = expansion(text, span, env, instruction);
        return e.valueOr(text);
    }

    private Expansion expansion(String text, Span span, Environment env, Instruction instruction) {
        Expansion e = expander.expand(text, env);
        if (!e.ok()) {
            diagnostics.add(Diagnostic.at(Diagnostic.Level.WARNING, syntax.file(), span, e.error().message()));
        }
        if (current != null && current.undefined != null) {
            for (String name : e.unmatched()) {
                if (isVariableName(name)) {
                    current.undefined.add(name);
                }
            }
        }
        return e;
    }

    private static boolean isVariableName(String name) {
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    // ---- helpers

    private static <T extends Arguments> T arguments(Instruction instruction, Class<T> type) {
        if (type.isInstance(instruction.arguments())) {
            return type.cast(instruction.arguments());
        }
        throw new SourceException(instruction.file(), instruction.span().start(),
                keyword(instruction) + " has no arguments");
    }

    private static String keyword(Instruction instruction) {
        return instruction.keyword().value().toUpperCase(Locale.ROOT);
    }

    private void error(Span span, String message) {
        diagnostics.add(Diagnostic.at(Diagnostic.Level.ERROR, syntax.file(), span, message));
    }

    private static ConfigBuilder copy(ImageConfig config) {
        return new ConfigBuilder(config);
    }

    /** The mutable state of the stage being read. */
    private static final class StageState {
        final int index;
        final Word nameWord;
        final Instruction from;
        final BaseImage base;
        final String platform;
        final List<Step> steps = new ArrayList<>();
        final List<CopyCommand> copies = new ArrayList<>();
        final List<CommandSpec> runs = new ArrayList<>();
        ImageConfig config = ImageConfig.EMPTY;
        Variables variables = Variables.empty();
        boolean cmdSetInStage;
        Set<String> undefined;

        StageState(int index, Word nameWord, Instruction from, BaseImage base, String platform) {
            this.index = index;
            this.nameWord = nameWord;
            this.from = from;
            this.base = base;
            this.platform = platform;
        }
    }
}
