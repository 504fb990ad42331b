package dev.drydock.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpectationsTest {

    @TempDir
    Path caseDir;

    @Test
    void readsEveryKindOfMarker() throws IOException {
        write("compose.yaml", """
                services:
                  web:
                    # expect: resource-limits@5, pids-limit
                    # expect-text: resource-limits: web (compose.yaml) has no memory limit
                    # expect-severity: resource-limits: medium
                    image: nginx:1.27.3
                    # expect-strength: restart-policy
                    restart: always
                # expect-in-file: fixed-container-name
                """);
        write("expect.txt", """
                # a comment
                finding healthcheck-missing -
                text healthcheck-missing Dockerfile:3 probes it
                strength SC2086 entrypoint.sh
                """);

        assertThat(Expectations.read(caseDir)).extracting(Expectation::toString).containsExactlyInAnyOrder(
                "finding resource-limits at compose.yaml:6:5 (compose.yaml:3)",
                "finding pids-limit at compose.yaml:6 (compose.yaml:3)",
                "text resource-limits saying \"web (compose.yaml) has no memory limit\" at compose.yaml:6 (compose.yaml:4)",
                "severity resource-limits saying \"medium\" at compose.yaml:6 (compose.yaml:5)",
                "strength restart-policy at compose.yaml:8 (compose.yaml:7)",
                "finding fixed-container-name at compose.yaml (compose.yaml:9)",
                "finding healthcheck-missing at (anywhere) (expect.txt:2)",
                "text healthcheck-missing saying \"probes it\" at Dockerfile:3 (expect.txt:3)",
                "strength SC2086 at entrypoint.sh (expect.txt:4)");
    }

    @Test
    void refusesMarkersThatDoNotParseWithFileLineAndReason() throws IOException {
        write("compose.yaml", """
                services:
                  db:
                    # expect-severity: high
                    # expect-text: `user: postgres`
                    # expect-text: pids-limit db has no process limit
                    # expect-text: http://127.0.0.1:9000/manage/health
                    # expect-severity: pids-limit: severe
                    # expect: pids-limit extra words
                    # expect pids-limit
                    # Expect: pids-limit
                    # expect-warning: pids-limit
                    # expect-in-file: pids-limit@3
                    # expect: DL3008
                    image: postgres:17.2
                # expect: pids-limit
                """);
        write("server.js", """
                // expect: pids-limit
                const port = 3000;
                """);
        write("expect.txt", """
                findings pids-limit -
                text pids-limit compose.yaml:x words
                text pids-limit compose.yaml:3
                finding pids-limit compose.yaml:3 trailing
                finding no-such-rule -
                """);

        List<String> problems = catchThrowableOfType(() -> Expectations.read(caseDir),
                Expectations.MalformedExpectations.class).problems();

        assertThat(problems).allMatch(p -> p.endsWith(": " + lineOf(p)), "each problem ends with the line it reads");
        assertThat(problems).extracting(p -> p.substring(0, p.length() - lineOf(p).length() - 2)).containsExactly(
                "compose.yaml:3: expect-severity needs `rule-id: severity` (no rule id before a colon)",
                "compose.yaml:4: expect-text needs `rule-id: words` (no rule id before a colon)",
                "compose.yaml:5: expect-text needs `rule-id: words` (a colon is missing after pids-limit)",
                "compose.yaml:6: unknown rule id http",
                "compose.yaml:7: `severe` is not a severity (known: critical, high, medium, low, info)",
                "compose.yaml:8: `pids-limit extra words` is not a rule id (write `rule-id` or `rule-id@column`,"
                        + " separated by commas)",
                "compose.yaml:9: no colon after expect",
                "compose.yaml:10: marker kinds are written in lower case",
                "compose.yaml:11: unknown marker kind expect-warning (known: expect, expect-strength, expect-in-file,"
                        + " expect-text, expect-severity)",
                "compose.yaml:12: expect-in-file takes no column: it points at no line",
                "compose.yaml:13: DL3008 is an alias: markers name the id findings carry, os-packages-unpinned",
                "compose.yaml:15: expect points at nothing: no code line follows it",
                "expect.txt:1: unknown kind findings (known: finding, strength, text)",
                "expect.txt:2: `compose.yaml:x` is not FILE, FILE:LINE or -",
                "expect.txt:3: text needs `text RULE FILE[:LINE] words`",
                "expect.txt:4: finding takes `finding RULE [FILE[:LINE]]` and nothing after it",
                "expect.txt:5: unknown rule id no-such-rule",
                "server.js:1: markers are read only in # comments; for a file without them, write the expectation"
                        + " in expect.txt");
    }

    @Test
    void proseThatMerelyMentionsExpectingIsNoMarker() throws IOException {
        write("Dockerfile", """
                FROM alpine:3.20
                # an empty digest does not equal the expected one
                # expected to run as root here
                RUN true
                """);

        assertThat(Expectations.read(caseDir)).isEmpty();
    }

    /** The fixture line a problem quotes: {@code compose.yaml:3: reason: # expect...} quotes line 3 of compose.yaml. */
    private String lineOf(String problem) {
        String[] where = problem.split(":", 3);
        try {
            return Files.readAllLines(caseDir.resolve(where[0])).get(Integer.parseInt(where[1]) - 1).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(caseDir.resolve(name), text);
    }
}
