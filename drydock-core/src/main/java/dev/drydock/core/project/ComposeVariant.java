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
 * {@code -f}), and when most of the services it defines (more than half) are defined in the base file too:
 * a {@code docker-compose.monitoring.yml} that brings its own services stays a project of its own.
 *
 * @param project the merged project
 * @param baseFile the base file's display path
 * @param variantFile the variant file's display path
 */
public record ComposeVariant(ComposeProject project, String baseFile, String variantFile) {

    private static final Pattern NAME = Pattern.compile("(?:docker-)?compose[.-](.+)\\.ya?ml");

    /** Whether a file name is one of a variant of the folder's base file ({@code compose.prod.yaml}). */
    static boolean variantName(Path file) {
        var m = NAME.matcher(file.getFileName().toString().toLowerCase(Locale.ROOT));
        return m.matches() && !m.group(1).equals("override");
    }

    /**
     * Whether the project read from {@code base} and then {@code variant} overlays the base: the variant defines
     * at least one service, and more than half of the services it defines are defined in the base too.
     */
    static boolean overlays(ComposeProject merged, Path base, Path variant) {
        int defined = 0;
        int shared = 0;
        for (Service s : merged.services().values()) {
            if (s.nameKey().origin().path().normalize().equals(variant.normalize())) {
                defined++;
                if (s.node().origin().path().normalize().equals(base.normalize())) {
                    shared++;
                }
            }
        }
        return shared > 0 && 2 * shared > defined;
    }

    /** Whether a service of the merged project is the variant's to review: the variant defines it. */
    public boolean defines(Service service) {
        return service.nameKey().file().path().equals(variantFile);
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
