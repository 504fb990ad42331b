package dev.drydock.core.project;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Service;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A compose file that overlays its folder's base file, loaded as {@code docker compose -f <base> -f <variant>}
 * merges them: {@code compose.prod.yaml} over {@code compose.yaml}, {@code docker-compose.dev.yml} or
 * {@code docker-compose-staging.yml} over {@code docker-compose.yml}. A file counts when its name is the
 * base name {@code compose} or {@code docker-compose} followed by {@code .} or {@code -} and a word other than
 * {@code override} (the override file is already merged into the default project, and is not read with
 * {@code -f}), and when most of the services it defines (more than half) change services of the base file
 * without restating them ({@link #overlays}): a {@code docker-compose.monitoring.yml} that brings its own services,
 * or a {@code docker-compose.dev.yml} that is a complete stack of its own (every service of the base with its image
 * or build, the pulled database's image repeated), stays a project of its own.
 *
 * A chain of files that CI or task files start with {@code -f} ({@link ComposeChains}) is a variant of its first
 * file whatever the names: {@code -f docker-compose.yml -f deploy/production.yml}.
 *
 * @param project the merged project
 * @param baseFile the base file's display path
 * @param variantFiles the display paths of the files read over the base, in order
 */
public record ComposeVariant(ComposeProject project, String baseFile, java.util.List<String> variantFiles) {

    public ComposeVariant {
        variantFiles = java.util.List.copyOf(variantFiles);
    }

    /** The last file read over the base: the one that names the variant ({@code compose.prod.yaml}). */
    public String variantFile() {
        return variantFiles.get(variantFiles.size() - 1);
    }

    private static final Pattern NAME = Pattern.compile("(?:docker-)?compose[.-](.+)\\.ya?ml");

    /** Whether a file name is one of a variant of the folder's base file ({@code compose.prod.yaml}). */
    static boolean variantName(Path file) {
        var m = NAME.matcher(file.getFileName().toString().toLowerCase(Locale.ROOT));
        return m.matches() && !m.group(1).equals("override");
    }

    /**
     * Whether a file read alone overlays the base file read alone: more than half of the services it defines are
     * services of the base that it does not restate, repeating at most half of the keys the base sets for them
     * ({@code build.target} over a service with its image, restart policy and environment). A file that restates
     * the services it shares with the base (a complete development or production stack of its own, started with
     * {@code -f} alone) is not a variant.
     */
    static boolean overlays(ComposeProject base, ComposeProject variant) {
        if (restatesWholeStack(base, variant)) {
            return false;
        }
        int overlaid = 0;
        for (Service s : variant.services().values()) {
            Service b = base.services().get(s.name());
            if (b != null && 2 * s.node().keys().stream().filter(b.node()::has).count() <= b.node().size()) {
                overlaid++;
            }
        }
        return overlaid > 0 && 2 * overlaid > variant.services().size();
    }

    /**
     * Whether the file defines every service of the base, each with an image or a build of its own, and restates the
     * image of a service neither file builds (the database beside the application): a complete stack started with
     * {@code -f} alone ({@code docker-compose.build.yml} that builds the application its base pulls), however few keys
     * of a hardened base it repeats. An overlay names only what it changes, and has no reason to repeat a pulled image.
     */
    private static boolean restatesWholeStack(ComposeProject base, ComposeProject variant) {
        if (!variant.services().keySet().containsAll(base.services().keySet())) {
            return false;
        }
        boolean pulledRestated = false;
        for (Service s : variant.services().values()) {
            if (!s.node().has("image") && !s.node().has("build")) {
                return false;
            }
            Service b = base.services().get(s.name());
            pulledRestated |= b != null && s.node().has("image") && b.node().has("image") && !s.node().has("build")
                    && !b.node().has("build");
        }
        return pulledRestated;
    }

    /** Whether a service of the merged project is the variant's to review: a file over the base defines it. */
    public boolean defines(Service service) {
        return variantFiles.contains(service.nameKey().file().path());
    }

    /** See {@link Project#reviews}. */
    static boolean reviews(java.util.List<ComposeVariant> variants, ComposeProject compose, Service service) {
        for (ComposeVariant v : variants) {
            if (v.project() == compose) {
                return v.defines(service);
            }
        }
        return true;
    }
}
