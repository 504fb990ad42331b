package dev.drydock.core.project;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.discovery.ProjectFiles;
import dev.drydock.core.dotenv.DotEnvParser;
import dev.drydock.core.source.SourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The compose files a folder's {@code .env} names with {@code COMPOSE_FILE}: {@code docker compose} run there
 * without {@code -f} loads those, in that order, instead of compose.yaml and its override. The paths are separated
 * by {@code COMPOSE_PATH_SEPARATOR}, else by {@code :} (as on Linux and macOS), and relative to the folder.
 */
final class ComposeFileVariable {

    private ComposeFileVariable() {}

    /**
     * The files, when the folder's .env sets COMPOSE_FILE and every file it names is a compose file of the
     * project; empty otherwise (Compose then uses its default files, or stops on the missing one).
     */
    static Optional<List<ProjectEntry>> files(ProjectFiles files, String folder, List<ProjectEntry> composeFiles) {
        String envPath = PathNames.join(folder, ".env");
        if (!files.exists(envPath)) {
            return Optional.empty();
        }
        Map<String, String> env;
        try {
            env = DotEnvParser.parse(files.read(envPath).file(), name -> null).values();
        } catch (SourceException e) {
            return Optional.empty(); // the review reports the .env itself where it reads it
        }
        String value = env.get("COMPOSE_FILE");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String separator = env.getOrDefault("COMPOSE_PATH_SEPARATOR", ":");
        List<ProjectEntry> out = new ArrayList<>();
        for (String name : value.split(java.util.regex.Pattern.quote(separator.isEmpty() ? ":" : separator))) {
            if (name.isBlank()) {
                continue;
            }
            String path = PathNames.normalizeRelative(PathNames.join(folder, name.strip()));
            ProjectEntry entry = composeFiles.stream().filter(e -> e.path().equals(path)).findFirst().orElse(null);
            if (entry == null) {
                return Optional.empty();
            }
            out.add(entry);
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }
}
