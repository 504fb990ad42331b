package dev.drydock.core.rules.context;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Project;
import dev.drydock.core.rules.support.BuildContexts;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.rules.support.ContextInventory.Item;
import dev.drydock.core.rules.support.StrictDotenvLoad;
import dev.drydock.core.rules.support.SymfonyDotenv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a new .dockerignore does with the build's env files. Every one is left out, except for a Symfony application,
 * whose Dotenv needs the committed .env of default values (and .env.prod ...) in the image and whose secrets belong
 * in the uncommitted .env.local files (and .env.local.php, which `composer dump-env` compiles); and except .env itself
 * when the application's code stops without it ({@link StrictDotenvLoad}). A {@code COPY --from} that takes a left-out
 * env file out of a builder by its name would then fail: it is deleted with it, and when it copies other files too,
 * no ignore file is written for the user.
 *
 * @param patterns the env patterns to write
 * @param deletions the edits that delete the COPY --from instructions of left-out env files
 * @param fixable whether the ignore file can be written without breaking the build
 * @param advice what the recommendation adds, or ""
 * @param keepsDotenv whether .env stays, for the application stops without it
 */
record EnvPlan(List<String> patterns, List<TextEdit> deletions, boolean fixable, String advice, boolean keepsDotenv) {

    /** Whether the ignore file leaves this item in the context. */
    boolean keeps(Item item) {
        return keepsDotenv && isDotenv(item.path());
    }

    static EnvPlan of(Project project, BuildLink build, List<Item> items, List<ContextCopy> copies) {
        if (SymfonyDotenv.inContext(project, build)) {
            return new EnvPlan(List.of("**/.env.local", "**/.env.*.local", "**/.env.local.php"), List.of(), true, "",
                    false);
        }
        boolean dotenv = items.stream().anyMatch(i -> i.isEnvFile() && isDotenv(i.path()));
        Optional<StrictDotenvLoad> strict = dotenv ? StrictDotenvLoad.in(project, build) : Optional.empty();
        List<String> patterns = strict.isPresent() ? List.of("**/.env.*") : List.of("**/.env", "**/.env.*");
        Map<CopyCommand, TextEdit> deletions = new LinkedHashMap<>();
        boolean fixable = true;
        for (Item item : items) {
            if (!item.isEnvFile() || strict.isPresent() && isDotenv(item.path())) {
                continue;
            }
            for (ContextCopy copy : copies) {
                Optional<List<CopyCommand>> carriers = BuildContexts.namingCarriers(project, build, copy, item.path());
                fixable &= carriers.isPresent();
                carriers.orElse(List.of()).forEach(c -> deletions.computeIfAbsent(c, k -> SourceEdits.deleteLines(
                        k.instruction().file(), k.instruction().span().startLine(), k.instruction().span().endLine())));
            }
        }
        List<String> said = new ArrayList<>();
        strict.ifPresent(load -> said.add(" `.env` stays in the context until the application starts without it: "
                + load.advice() + "; then add `**/.env`."));
        if (!deletions.isEmpty()) {
            said.add(" Delete " + String.join(" and ", deletions.keySet().stream().map(c -> "`"
                    + c.instruction().logicalText().text().strip().replaceAll("\\s+", " ") + "` (line "
                    + c.instruction().span().startLine() + ")").toList())
                    + ", which would no longer find the file in the builder: the container gets its values at run time.");
        }
        return new EnvPlan(patterns, List.copyOf(deletions.values()), fixable, String.join("", said),
                strict.isPresent());
    }

    private static boolean isDotenv(String path) {
        return PathNames.fileName(path).equals(".env");
    }
}
