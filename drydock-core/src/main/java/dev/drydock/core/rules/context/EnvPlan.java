package dev.drydock.core.rules.context;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Project;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.rules.support.ContextInventory.Item;
import dev.drydock.core.rules.support.EnvFileCarriers;
import dev.drydock.core.rules.support.PublicBuildDotenv;
import dev.drydock.core.rules.support.StrictDotenvLoad;
import dev.drydock.core.rules.support.SymfonyDotenv;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a new .dockerignore does with the build's env files. Every one is left out, except for a Symfony application,
 * whose Dotenv needs the committed .env of default values (and .env.prod ...) in the image and whose secrets belong
 * in the uncommitted .env.local files (and .env.local.php, which `composer dump-env` compiles); and except .env itself
 * when the application's code stops without it ({@link StrictDotenvLoad}); a front-end build's committed env files of
 * public values ({@link PublicBuildDotenv}) are let back in. A {@code COPY --from} that takes a left-out
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
        List<String> patterns = new ArrayList<>(strict.isPresent() ? List.of("**/.env.*") : List.of("**/.env", "**/.env.*"));
        List<String> publicValues = publicBuildValues(project, build);
        publicValues.forEach(path -> patterns.add("!" + path));
        List<Item> excluded = items.stream()
                .filter(i -> i.isEnvFile() && !(strict.isPresent() && isDotenv(i.path()))).toList();
        EnvFileCarriers carriers = EnvFileCarriers.of(project, build, excluded, copies);
        List<String> said = new ArrayList<>();
        strict.ifPresent(load -> said.add(" `.env` stays in the context until the application starts without it: "
                + load.advice() + "; then add `**/.env`."));
        if (!publicValues.isEmpty()) {
            said.add(" " + String.join(", ", publicValues.stream().map(p -> "`" + p + "`").toList())
                    + (publicValues.size() == 1 ? " stays" : " stay") + " in the context: the front-end build reads"
                    + " the values the pages get from " + (publicValues.size() == 1 ? "it" : "them") + ", none of"
                    + " them secret.");
        }
        if (!carriers.commands().isEmpty()) {
            said.add(" Delete " + carriers.described() + ", which would no longer find the file in the builder: the"
                    + " container gets its values at run time.");
        }
        return new EnvPlan(patterns, carriers.deletions(), !carriers.blocked(), String.join("", said),
                strict.isPresent());
    }

    /** The committed env files of a front-end build that hold only public values ({@link PublicBuildDotenv}), in the context. */
    private static List<String> publicBuildValues(Project project, BuildLink build) {
        String context = build.context();
        return project.layout().entries().stream()
                .filter(e -> e.name().equals(".env") || e.name().startsWith(".env."))
                .filter(e -> context.isEmpty() || PathNames.isUnder(e.path(), context))
                .filter(e -> PublicBuildDotenv.is(project, e.path()))
                .map(e -> context.isEmpty() ? e.path() : e.path().substring(context.length() + 1))
                .sorted().toList();
    }

    private static boolean isDotenv(String path) {
        return PathNames.fileName(path).equals(".env");
    }
}
