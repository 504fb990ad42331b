package dev.drydock.core.project;

import dev.drydock.core.bake.BakeDefinition;
import dev.drydock.core.bake.BakeJson;
import dev.drydock.core.bake.BakeTarget;
import dev.drydock.core.bake.BakeValues;
import dev.drydock.core.bake.HclBody;
import dev.drydock.core.bake.HclExpression;
import dev.drydock.core.bake.HclParser;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The builds the Bake files of a folder declare, as {@code docker buildx bake} run in that folder makes them: each
 * built target's context (default {@code .}, relative to the folder), Dockerfile (default {@code Dockerfile}, relative
 * to the context), target stage, build arguments and tags, with the variables at their defaults. Bake reads paths from
 * where it runs, not from the file: a target whose context or Dockerfile is not there from the file's folder, but is
 * from the project root ({@code docker/docker-bake.hcl} naming {@code docker/Dockerfile.debian}), is built as
 * {@code docker buildx bake -f docker/docker-bake.hcl} run at the root builds it. A target built from
 * a matrix, an inline Dockerfile or a remote or computed context is left out.
 */
final class BakeBuilds {

    /** The file names Bake reads in a folder, in the order it merges them. */
    private static final List<String> NAMES = List.of("docker-bake.json", "docker-bake.hcl",
            "docker-bake.override.json", "docker-bake.override.hcl");

    private BakeBuilds() {}

    /**
     * @param paths the Bake files of the project, relative to its root
     * @param text reads a file, null when it cannot be read
     */
    static List<DeclaredBuild> read(List<String> paths, Function<String, SourceFile> text, List<Diagnostic> diagnostics,
            Predicate<String> isDirectory, Predicate<String> isFile) {
        Map<String, List<String>> byFolder = new LinkedHashMap<>();
        for (String path : paths) {
            byFolder.computeIfAbsent(PathNames.parent(path), f -> new ArrayList<>()).add(path);
        }
        List<DeclaredBuild> out = new ArrayList<>();
        byFolder.forEach((folder, files) -> {
            Map<String, SourceFile> sources = new LinkedHashMap<>();
            List<BakeDefinition.File> parsed = new ArrayList<>();
            for (String name : NAMES) {
                String path = PathNames.join(folder, name);
                SourceFile file = files.contains(path) ? text.apply(path) : null;
                if (file != null) {
                    try {
                        parsed.add(new BakeDefinition.File(path,
                                name.endsWith(".json") ? BakeJson.parse(file) : HclParser.parse(file)));
                        sources.put(path, file);
                    } catch (SourceException e) {
                        diagnostics.add(Diagnostic.error(e));
                    }
                }
            }
            BakeDefinition definition = new BakeDefinition(parsed);
            for (BakeTarget target : definition.built()) {
                build(folder, target, definition, sources, isDirectory, isFile)
                        .or(() -> folder.isEmpty() ? Optional.empty()
                                : build("", target, definition, sources, isDirectory, isFile))
                        .ifPresent(out::add);
            }
        });
        return out;
    }

    /**
     * The builds of a {@code docker/bake-action} (or {@code depot/bake-action}) step, or of a
     * {@code docker buildx bake} command: the targets it names (the {@code default} group when none) of the files
     * it names (those Bake looks for in {@code folder} when none), paths read from {@code folder}, each build placed
     * at {@code origin}, where CI runs it.
     *
     * @param files the Bake files, relative to the project root
     * @param overrides the {@code --set} entries, {@code PATTERN.ATTRIBUTE=VALUE}; only {@code context},
     *     {@code dockerfile} and {@code target} are read, and a pattern other than a name or {@code *} hides the
     *     targets it may match
     */
    static List<DeclaredBuild> run(String folder, List<String> files, List<String> targets, List<String> overrides,
            Origin origin, Function<String, SourceFile> text, Predicate<String> isDirectory, Predicate<String> isFile) {
        List<String> paths = files.isEmpty()
                ? NAMES.stream().map(n -> PathNames.join(folder, n)).filter(isFile).toList() : files;
        List<BakeDefinition.File> parsed = new ArrayList<>();
        Map<String, SourceFile> sources = new LinkedHashMap<>();
        for (String path : paths) {
            SourceFile file = isFile.test(path) ? text.apply(path) : null;
            if (file == null) {
                return List.of(); // Bake stops when a file it is given is missing
            }
            try {
                parsed.add(new BakeDefinition.File(path,
                        path.endsWith(".json") ? BakeJson.parse(file) : HclParser.parse(file)));
                sources.put(path, file);
            } catch (SourceException e) {
                return List.of();
            }
        }
        BakeDefinition definition = new BakeDefinition(parsed);
        List<DeclaredBuild> out = new ArrayList<>();
        for (BakeTarget target : definition.built(targets)) {
            Map<String, String> set = new LinkedHashMap<>();
            boolean unknown = false;
            for (String entry : overrides) {
                int dot = entry.indexOf('.');
                int eq = entry.indexOf('=');
                if (dot < 0 || eq < dot) {
                    continue;
                }
                String pattern = entry.substring(0, dot);
                String attribute = entry.substring(dot + 1, eq).strip();
                if (!List.of("context", "dockerfile", "target").contains(attribute)) {
                    continue;
                }
                if (pattern.equals("*") || pattern.equals(target.name())) {
                    set.put(attribute, entry.substring(eq + 1).strip());
                } else if (pattern.matches(".*[*?\\[].*")) {
                    unknown = true;
                }
            }
            if (!unknown) {
                build(folder, target, definition, sources, set, origin, isDirectory, isFile).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<DeclaredBuild> build(String folder, BakeTarget target, BakeDefinition definition,
            Map<String, SourceFile> sources,
            Predicate<String> isDirectory, Predicate<String> isFile) {
        return build(folder, target, definition, sources, Map.of(), null, isDirectory, isFile);
    }

    /** @param origin where the build runs, null for the target's own place */
    private static Optional<DeclaredBuild> build(String folder, BakeTarget target, BakeDefinition definition,
            Map<String, SourceFile> sources, Map<String, String> set, Origin origin,
            Predicate<String> isDirectory, Predicate<String> isFile) {
        BakeValues values = definition.values();
        if (target.attribute("matrix").isPresent() || target.attribute("dockerfile-inline").isPresent()) {
            return Optional.empty();
        }
        Optional<String> written = set.containsKey("context") ? Optional.of(set.get("context"))
                : string(target, "context", values, ".");
        String context = written.filter(c -> !c.startsWith("target:")).map(c -> DeclaredBuilds.resolve(folder, c))
                .orElse(null);
        if (context == null || !context.isEmpty() && !isDirectory.test(context)) {
            return Optional.empty();
        }
        String dockerfile = set.containsKey("dockerfile") ? DeclaredBuilds.resolve(context, set.get("dockerfile"))
                : target.attribute("dockerfile").filter(d -> !values.isNull(d.value())).isEmpty()
                ? DefaultDockerfile.resolve(PathNames.join(context, "Dockerfile"), isFile)
                : string(target, "dockerfile", values, null).map(d -> DeclaredBuilds.resolve(context, d)).orElse(null);
        if (dockerfile == null || !isFile.test(dockerfile)) {
            return Optional.empty();
        }
        String stage = (set.containsKey("target") ? Optional.of(set.get("target")) : string(target, "target", values, null))
                .filter(t -> !t.isBlank() && !t.contains("$")).orElse(null);
        Map<String, String> args = new LinkedHashMap<>();
        List<BuildArgument> arguments = new ArrayList<>();
        if (target.attribute("args").orElse(null) instanceof HclBody.Attribute a
                && a.value() instanceof HclExpression.ObjectOf map) {
            for (HclExpression.Entry entry : map.entries()) {
                if (entry.key() == null || values.isNull(entry.value())) {
                    continue;
                }
                Optional<String> value = values.string(entry.value());
                value.ifPresent(v -> args.put(entry.key(), v));
                String shown = values.readsVariable(entry.value()) || value.isEmpty()
                        ? "${" + written(sources.get(entry.file()), entry.value()) + "}" : value.get();
                arguments.add(new BuildArgument(entry.key(), shown, new Origin(entry.file(), entry.span())));
            }
        }
        List<String> tags = new ArrayList<>();
        target.attribute("tags").ifPresent(t -> {
            if (t.value() instanceof HclExpression.ListOf list) {
                list.items().stream().filter(item -> !values.isNull(item))
                        .forEach(item -> tags.add(values.string(item).orElse(written(sources.get(t.file()), item))));
            }
        });
        Map<String, String> labels = new LinkedHashMap<>();
        HclExpression.ObjectOf labelled = target.attribute("labels").flatMap(a -> values.objectLiteral(a.value()))
                .orElse(null);
        if (labelled != null) {
            for (HclExpression.Entry entry : labelled.entries()) {
                if (entry.key() != null && !values.isNull(entry.value())) {
                    labels.put(entry.key(), values.string(entry.value())
                            .orElseGet(() -> written(sources.get(entry.file()), entry.value())));
                }
            }
        }
        BuildOutput output = BuildOutput.IMAGE;
        if (target.attribute("output").orElse(null) instanceof HclBody.Attribute a
                && a.value() instanceof HclExpression.ListOf list) {
            for (HclExpression item : list.items()) {
                BuildOutput one = values.string(item).map(BuildOutput::of).orElse(BuildOutput.IMAGE);
                output = output == BuildOutput.SHIPPED ? output : one;
            }
        }
        boolean metadataAction = definition.ancestors(target.name()).contains("docker-metadata-action");
        return Optional.of(new DeclaredBuild(dockerfile, context, stage, args, arguments, tags,
                origin != null ? origin : new Origin(target.file(), target.span()), BuildTool.BAKE, new BuildLabels(labels, metadataAction),
                output));
    }

    private static Optional<String> string(BakeTarget target, String attribute, BakeValues values, String absent) {
        Optional<HclBody.Attribute> given = target.attribute(attribute).filter(a -> !values.isNull(a.value()));
        return given.isEmpty() ? Optional.ofNullable(absent) : values.string(given.get().value());
    }

    /** An expression as written, without the quotes of a string. */
    private static String written(SourceFile file, HclExpression expression) {
        if (file == null) {
            return "?";
        }
        String text = file.text(expression.span());
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1)
                : text;
    }
}
