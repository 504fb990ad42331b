package dev.drydock.core.fix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code drydock fix --unsafe} on every firing rule fixture: the fixes of different rules, applied together, bring
 * no critical or high finding the project did not have (a USER whose user the new runtime stage lacks, a probe of a
 * port nothing listens on), and none is refused. The findings a fix reveals by design are named in
 * {@link #REVEALED}: a health check added where none was makes its route's constant answer matter.
 */
class FixedFixturesTest {

    private static final Path RULE_FIXTURES = Path.of("src/test/resources/rules");

    /**
     * Findings a fix may bring, by rule, with why: readiness-check-missing judges the route the new HEALTHCHECK asks,
     * which answers a constant in these small fixtures; dockerignore-incomplete repeats what dockerignore-missing
     * said about the .env the application cannot start without, once the new ignore file keeps it.
     */
    private static final Set<String> REVEALED = Set.of("readiness-check-missing", "dockerignore-incomplete");

    @Test
    void fixesTogetherBringNoSevereFinding() throws IOException {
        List<Path> projects;
        try (Stream<Path> cases = Files.walk(RULE_FIXTURES, 2)) {
            projects = cases.filter(p -> p.getNameCount() == RULE_FIXTURES.getNameCount() + 2 && Files.isDirectory(p)
                    && p.getFileName().toString().startsWith("fires-")).sorted().toList();
        }
        Map<Path, List<String>> failures = new java.util.concurrent.ConcurrentSkipListMap<>();
        projects.parallelStream().forEach(project -> {
            FixResult result = FixEngine.standard().fix(project, FixOptions.withUnsafe());
            List<String> wrong = new java.util.ArrayList<>(result.problems().stream()
                    .filter(p -> !p.contains("drydock could not read the file whole")).map(p -> "refused: " + p).toList());
            result.introduced().stream().filter(f -> f.severity().atLeast(Severity.HIGH)
                    && !REVEALED.contains(f.ruleId())).map(FixedFixturesTest::describe).forEach(wrong::add);
            if (!wrong.isEmpty()) {
                failures.put(project, wrong);
            }
        });
        assertThat(failures).as("fixture projects whose fix --unsafe brings severe findings or is refused").isEmpty();
    }

    private static String describe(Finding f) {
        return f.ruleId() + " " + f.severity() + " at " + f.location() + ": " + f.message();
    }
}
