package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.KeyValue;
import dev.drydock.core.dockerfile.syntax.KeyValueList;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables that point the application into root's home: {@code HALO_WORK_DIR=/root/.halo2}, or a location that
 * names such a folder ({@code SPRING_CONFIG_LOCATION=optional:file:/root/.halo2/}), set by the final stage's ENV or
 * by a compose service or Kubernetes container that runs the image (the image's value counts while one of them
 * keeps it). A non-root user can neither read nor create anything there. PATH is left to the checks of what the
 * build stored in /root, and the settings of build tools (pip, Poetry, uv, npm, Cargo, Go, Maven, Gradle ...) to the
 * build, which runs as root.
 */
public final class RootHomeVariables {

    private RootHomeVariables() {}

    /**
     * One variable naming a path under /root.
     *
     * @param where its value in the Dockerfile, compose file or manifest
     */
    public record Pointer(String name, String path, Location where) {}

    private static final Pattern ROOT_PATH = Pattern.compile("(?:^|(?<=[\\s:;,=\"']))(/root/[\\w.@+-][\\w./@+-]*)");

    private static final Pattern BUILD_SETTING = Pattern.compile("PATH|(?:PIP|PIPX|POETRY|UV|NPM_CONFIG|YARN|PNPM|BUN"
            + "|CARGO|RUSTUP|GO|GRADLE|MAVEN|M2|NVM|PYENV|SDKMAN|COMPOSER|BUNDLE|GEM|DENO)[A-Z0-9_]*");

    /** The variables of the image and of the containers that run it (found once per image and review). */
    public static List<Pointer> of(ReviewContext context, BuiltImage image) {
        return context.memo("root-home-variables", image, () -> find(context, image));
    }

    private static List<Pointer> find(ReviewContext context, BuiltImage image) {
        List<RunEnvironments.Run> runs = RunEnvironments.of(context, image);
        List<Pointer> out = new ArrayList<>();
        for (Variables.Definition d : image.stage().variables().inOrder()) {
            if (d.kind() != Variables.Kind.ENV || d.value() == null || d.instruction() == null
                    || BUILD_SETTING.matcher(d.name()).matches()
                    || !runs.isEmpty() && runs.stream().allMatch(r -> r.values().containsKey(d.name()))) {
                continue;
            }
            String path = rootPath(d.value());
            if (path != null) {
                out.add(new Pointer(d.name(), path, valueOf(image, d.instruction(), d.name())));
            }
        }
        for (RunEnvironments.Run run : runs) {
            for (RunEnvironments.Value value : run.values().values()) {
                String path = BUILD_SETTING.matcher(value.name()).matches() ? null : rootPath(value.value());
                if (path != null && out.stream().noneMatch(p -> p.where().equals(value.where()))) {
                    out.add(new Pointer(value.name(), path, value.where()));
                }
            }
        }
        return List.copyOf(out);
    }

    /** The first path under /root a value names, or null. */
    static String rootPath(String value) {
        if (value == null || !value.contains("/root/")) {
            return null;
        }
        Matcher m = ROOT_PATH.matcher(value);
        return m.find() ? m.group(1).replaceAll("/+$", "") : null;
    }

    private static Location valueOf(BuiltImage image, Instruction instruction, String name) {
        if (instruction.arguments() instanceof KeyValueList kv) {
            for (KeyValue entry : kv.entries()) {
                if (entry.name().value().equals(name) && entry.hasValue()) {
                    return new Location(image.dockerfile(), entry.value().span());
                }
            }
        }
        return new Location(image.dockerfile(), instruction.span());
    }
}
