package dev.drydock.core.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every shell-form RUN of the real Dockerfiles in the shared conformance data parses without throwing. */
class RealDockerfilesTest {

    record Run(SourceFile file, int line, MappedText text) {}

    static List<Run> runs() throws IOException {
        Path root = SharedData.resolve("conformance");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).contains("dockerfile"))
                    .sorted()
                    .toList();
        }
        Path unify = SharedData.resolve("examples/unify/Dockerfile");
        List<Path> all = new ArrayList<>(files);
        if (Files.isRegularFile(unify)) {
            all.add(unify);
        }
        List<Run> runs = new ArrayList<>();
        for (Path path : all) {
            String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
            if (text.toLowerCase(Locale.ROOT).contains("escape=`")) {
                continue; // Windows Dockerfiles: PowerShell/cmd, not for this parser
            }
            SourceFile file = SourceFile.of(SharedData.root().relativize(path).toString(), text);
            for (int line = 1; line <= file.lineCount(); line++) {
                String content = file.line(line);
                String stripped = content.stripLeading();
                String upper = stripped.toUpperCase(Locale.ROOT);
                if (!upper.startsWith("RUN ") && !upper.startsWith("RUN\t")) {
                    continue;
                }
                int start = file.lineStart(line) + (content.length() - stripped.length()) + 4;
                String rest = text.substring(start, file.lineEnd(line));
                // RUN flags
                int skip = 0;
                while (true) {
                    String r = rest.substring(skip).stripLeading();
                    int lead = rest.length() - skip - r.length();
                    if (!r.startsWith("--")) {
                        skip += lead;
                        break;
                    }
                    int space = r.indexOf(' ');
                    if (space < 0) {
                        skip = rest.length();
                        break;
                    }
                    skip += lead + space;
                }
                start += skip;
                if (text.substring(start).stripLeading().startsWith("[")) {
                    continue; // exec form
                }
                runs.add(new Run(file, line, Snippets.join(file, start)));
            }
        }
        return runs;
    }

    @Test
    void everyRunParsesAndMostWithoutProblems() throws IOException {
        List<Run> runs = runs();
        assertThat(runs).hasSizeGreaterThan(300);
        int clean = 0;
        List<String> report = new ArrayList<>();
        for (Run run : runs) {
            ShellScript script = ShellScript.parse(run.text());
            int fileLength = run.file().text().length();
            for (Command c : script.commands()) {
                assertWithin(c.span(), fileLength);
                c.words().forEach(w -> assertWithin(w.span(), fileLength));
            }
            script.problems().forEach(p -> assertWithin(p.span(), fileLength));
            assertThat(script.problems()).noneMatch(p -> p.message().startsWith("could not analyse"));
            if (script.hasProblems()) {
                report.add(run.file().path() + ":" + run.line() + " " + script.problems() + "\n    "
                        + run.text().text().replace("\n", "\\n"));
            } else {
                clean++;
            }
        }
        report.forEach(System.out::println);
        System.out.println(clean + " of " + runs.size() + " RUN instructions without problems");
        assertThat(clean).isGreaterThan(runs.size() * 95 / 100);
    }

    private static void assertWithin(Span span, int fileLength) {
        assertThat(span.start()).isBetween(0, fileLength);
        assertThat(span.end()).isBetween(span.start(), fileLength);
    }
}
