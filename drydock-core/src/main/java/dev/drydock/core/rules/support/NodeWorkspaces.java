package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.PathGlobs;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.manifest.PackageJson;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.PlainYaml;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Node workspaces: the package folders a root package.json's {@code workspaces} (npm, Yarn, Bun) or a
 * pnpm-workspace.yaml's {@code packages} (pnpm) declares, whose dependencies one install at the root fills in.
 */
public final class NodeWorkspaces {

    private NodeWorkspaces() {}

    /**
     * The package.json of every workspace of the root in {@code dir}, root-relative and in path order, for the
     * package manager named ({@code pnpm} reads pnpm-workspace.yaml, the others package.json); empty without any.
     */
    public static List<String> memberManifests(ReviewContext context, String dir, String manager) {
        boolean pnpm = manager.equals("pnpm");
        String declaring = PathNames.join(dir, pnpm ? "pnpm-workspace.yaml" : "package.json");
        return context.project().source(declaring).map(file -> context.memo("node-workspace-members", file,
                () -> members(context, dir, pnpm ? pnpmGlobs(file) : packageJsonGlobs(file)))).orElse(List.of());
    }

    /**
     * The folder of the workspace root (root-relative, "" for the project's root) that declares the package.json at
     * {@code manifest} one of its workspaces, for the package manager named; empty when no folder above it does.
     */
    public static Optional<String> rootOf(ReviewContext context, String manifest, String manager) {
        String dir = PathNames.parent(manifest);
        while (!dir.isEmpty() && !dir.equals("/")) {
            dir = PathNames.parent(dir);
            if (memberManifests(context, dir, manager).contains(manifest)) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static List<String> packageJsonGlobs(SourceFile file) {
        try {
            return PackageJson.of(file).workspaces();
        } catch (SourceException e) {
            return List.of();
        }
    }

    private static List<String> pnpmGlobs(SourceFile file) {
        Object packages = PlainYaml.mapping(PlainYaml.load(file)).get("packages");
        List<String> out = new ArrayList<>();
        if (packages instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(out::add);
        }
        return out;
    }

    private static List<String> members(ReviewContext context, String dir, List<String> globs) {
        List<Pattern> include = new ArrayList<>();
        List<Pattern> exclude = new ArrayList<>();
        for (String glob : globs) {
            String g = glob.strip().replaceAll("^(\\./)+", "").replaceAll("/+$", "");
            boolean negated = g.startsWith("!");
            Pattern pattern = Pattern.compile(PathGlobs.crossingRegex(PathNames.join(dir, negated ? g.substring(1) : g)));
            (negated ? exclude : include).add(pattern);
        }
        List<String> out = new ArrayList<>();
        for (ProjectEntry entry : context.project().layout().entries(FileType.PACKAGE_JSON)) {
            String folder = PathNames.parent(entry.path());
            if (!folder.equals(dir) && include.stream().anyMatch(p -> p.matcher(folder).matches())
                    && exclude.stream().noneMatch(p -> p.matcher(folder).matches())) {
                out.add(entry.path());
            }
        }
        return out.stream().sorted().toList();
    }
}
