package dev.drydock.core.rules.support;

import dev.drydock.core.app.SourceSet;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.StartupMigrations.Site;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EF Core migrations a .NET application applies from its own startup code ({@code db.Database.Migrate()} or
 * {@code MigrateAsync()} in the Program.cs or Startup.cs beside a project file of the image), with an EF Core older than 9: EF Core 9 takes a database lock
 * around Migrate() (IMigrationsDatabaseLock), earlier versions take none. Left out: a call inside an {@code if} (or
 * after one without braces, or in an {@code else}, a {@code switch}), which only some starts make
 * ({@code if (app.Environment.IsDevelopment())}); and projects whose EF Core version is not written in their project
 * files, which may be 9 or later.
 */
final class EfCoreStartupMigrations {

    private static final Pattern MIGRATE = Pattern.compile("\\.Database\\s*\\.\\s*Migrate(?:Async)?\\s*\\(");
    private static final Pattern EF_PACKAGE = Pattern.compile("(?:microsoft|npgsql|pomelo)\\.entityframeworkcore.*");
    private static final Pattern MAJOR = Pattern.compile("^\\s*\\[?\\s*(\\d+)\\.");
    private static final Pattern CONDITIONAL = Pattern.compile("(?s).*\\b(?:if|else|switch|case)\\b.*");
    private static final List<String> STARTUP_FILES = List.of("Program.cs", "Startup.cs");
    /** The first EF Core version whose Migrate() takes a lock across the application's instances. */
    private static final int LOCKING_MAJOR = 9;

    private EfCoreStartupMigrations() {}

    static List<Site> of(ReviewContext context, Container c) {
        List<Site> sites = new ArrayList<>();
        OptionalInt major = efCoreMajor(c.manifests());
        if (major.isEmpty() || major.getAsInt() >= LOCKING_MAJOR) {
            return sites;
        }
        SourceSet files = SourceSet.of(context.project(), c);
        List<String> startupFiles = c.manifests().stream().filter(m -> m.ecosystem() == Ecosystem.NUGET)
                .map(m -> PathNames.parent(m.file())).distinct()
                .flatMap(dir -> STARTUP_FILES.stream().map(name -> PathNames.join(dir, name))).toList();
        for (String path : startupFiles) {
            SourceFile file = files.read(path).orElse(null);
            if (file == null) {
                continue;
            }
            Matcher m = MIGRATE.matcher(file.text());
            while (m.find()) {
                if (commentedOut(file, m.start()) || conditional(file.text(), m.start())) {
                    continue;
                }
                int line = file.position(m.start()).line();
                sites.add(new Site(new Location(path, file.lines(line, line)), path + " line " + line,
                        file.line(line).strip(), "EF Core " + major.getAsInt() + "'s Migrate()", false, true));
            }
        }
        return sites;
    }

    /** The highest major version of the EF Core packages the project files pin, empty when none is written. */
    private static OptionalInt efCoreMajor(List<Manifest> manifests) {
        return manifests.stream().filter(m -> m.ecosystem() == Ecosystem.NUGET)
                .flatMap(m -> m.dependencies().stream())
                .filter(d -> EF_PACKAGE.matcher(d.normalizedName()).matches())
                .map(Dependency::constraint).filter(v -> v != null).map(MAJOR::matcher).filter(Matcher::find)
                .mapToInt(v -> Integer.parseInt(v.group(1))).max();
    }

    private static boolean commentedOut(SourceFile file, int offset) {
        int line = file.position(offset).line();
        String before = file.text().substring(file.lineStart(line), offset);
        return before.contains("//");
    }

    /**
     * Whether the call runs only on some starts: the statement it is part of, or the block that holds it, opens with
     * an {@code if}, an {@code else} or a {@code switch}.
     */
    private static boolean conditional(String text, int offset) {
        int statementStart = statementStart(text, offset);
        if (CONDITIONAL.matcher(text.substring(statementStart, offset)).matches()) {
            return true;
        }
        int depth = 0;
        for (int i = offset - 1; i >= 0; i--) {
            char ch = text.charAt(i);
            if (ch == '}') {
                depth++;
            } else if (ch == '{') {
                if (depth == 0) {
                    int header = statementStart(text, i);
                    if (CONDITIONAL.matcher(text.substring(header, i)).matches()) {
                        return true;
                    }
                } else {
                    depth--;
                }
            }
        }
        return false;
    }

    /** Just after the {@code ;}, {@code {} or {@code }} before the offset: where the statement there begins. */
    private static int statementStart(String text, int offset) {
        for (int i = offset - 1; i >= 0; i--) {
            char ch = text.charAt(i);
            if (ch == ';' || ch == '{' || ch == '}') {
                return i + 1;
            }
        }
        return 0;
    }
}
