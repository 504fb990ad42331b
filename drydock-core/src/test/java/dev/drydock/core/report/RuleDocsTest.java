package dev.drydock.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.review.Rule;
import dev.drydock.core.review.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pages under {@code docs/rules/} are exactly what {@link RuleDocs} generates from the rules' metadata.
 * After a rule is added or its metadata changed, rewrite them with {@link RuleDocs#REGENERATE}.
 */
class RuleDocsTest {

    private static final Path DOCS = Path.of("../docs/rules");

    @Test
    void theRulePagesAreUpToDate() throws IOException {
        Map<String, String> pages = RuleDocs.pages(Rules.all().stream().map(Rule::metadata).toList());
        if (Boolean.getBoolean("drydock.updateDocs")) {
            write(pages);
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Path file = DOCS.resolve(page.getKey());
            if (!Files.isRegularFile(file)) {
                problems.add("missing: docs/rules/" + page.getKey());
            } else if (!Files.readString(file).equals(page.getValue())) {
                problems.add("out of date: docs/rules/" + page.getKey());
            }
        }
        for (String name : committed()) {
            if (!pages.containsKey(name)) {
                problems.add("no rule has this page: docs/rules/" + name);
            }
        }
        assertThat(problems).as("the rule pages differ from the rules' metadata; regenerate them with "
                + RuleDocs.REGENERATE + " and commit docs/rules/").isEmpty();
    }

    @Test
    void aPageHoldsTheMetadataAndTheExamples() {
        String page = RuleDocs.page(Rules.find("DL3009").orElseThrow().metadata());
        assertThat(page).contains("# `apt-lists-cleaned`: ").contains("| low | performance | safe |")
                .contains("```dockerfile\nFROM debian:").contains("rm -rf /var/lib/apt/lists/\\*")
                .contains("- <https://docs.docker.com/");
    }

    @Test
    void markupInTheProseIsEscapedButCodeSpansStay() {
        assertThat(RuleDocs.inline("copy **/.env and __init__.py, see `a_b*`"))
                .isEqualTo("copy \\*\\*/.env and \\_\\_init\\_\\_.py, see `a_b*`");
    }

    private static void write(Map<String, String> pages) throws IOException {
        Files.createDirectories(DOCS);
        for (String name : committed()) {
            if (!pages.containsKey(name)) {
                Files.delete(DOCS.resolve(name));
            }
        }
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Files.writeString(DOCS.resolve(page.getKey()), page.getValue());
        }
    }

    private static List<String> committed() throws IOException {
        if (!Files.isDirectory(DOCS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(DOCS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted().toList();
        }
    }
}
