package dev.drydock.core.dockerfile.syntax;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import dev.drydock.core.testing.RandomInputs;
import dev.drydock.core.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real Dockerfiles (KICS fixtures, the shared examples, BuildKit's test files), their truncations
 * and random edits: parsing either succeeds with a consistent tree or fails with a SourceException
 * inside the file, never with another exception.
 */
class ParserRobustnessPropertiesTest {

    private record CorpusFile(Path path, String text) {}

    private static final List<CorpusFile> CORPUS = loadCorpus();

    /** Fragments that stress the parser's special cases. */
    private static final List<String> FRAGMENTS = List.of("\\", "\\\n", "`", "\"", "'", "[", "]", "<<", "<<-", "<<EOF",
            "\nEOF\n", "\n", "\r\n", "\r", "#", "# escape=`\n", "# syntax=x\n", "$", "${", "}", "{", "-", "--", "--mount=",
            "=", ",", " ", "\t", "\u00a0", "\uFEFF", "ONBUILD ", "RUN ", "COPY ", "ENV ", "ARG ", "LABEL ", "HEALTHCHECK ",
            "CMD ", "FROM ", "type=cache,", "\"a\", ", "\"x\":", "é", "\ud83d\ude00", "\u0000", "0", ":-", "x", "\"\"",
            "[\"", "\"]", "<<'E'", "3<<", "--chmod=", "--interval=", "1m", "ms", "NONE", "\t\n", "\ud800");

    /** Characters the Dockerfile reader decides on: edits land next to them half the time. */
    private static final String STRUCTURAL = "\\`\"'[]$#{}=,<-\n";

    @Test
    void everyCorpusFileParsesOrFailsCleanly() {
        assertThat(CORPUS).hasSizeGreaterThan(100);
        for (CorpusFile file : CORPUS) {
            assertThatCode(() -> check(file.text())).as("%s", file.path()).doesNotThrowAnyException();
        }
    }

    @Test
    void truncationsParseOrFailCleanly() {
        RandomInputs.forEachSample("truncations", 400, in -> in.truncate(in.pick(CORPUS).text()),
                ParserRobustnessPropertiesTest::check);
    }

    @Test
    void mutationsParseOrFailCleanly() {
        RandomInputs.forEachSample("mutations", 1500,
                in -> in.edits(in.pick(CORPUS).text(), in.between(1, 8), STRUCTURAL, FRAGMENTS),
                ParserRobustnessPropertiesTest::check);
    }

    @Test
    void fragmentSoupParsesOrFailsCleanly() {
        RandomInputs.forEachSample("fragment soup", 1000, in -> in.concat(FRAGMENTS, 1, 40),
                ParserRobustnessPropertiesTest::check);
    }

    /** Parses and checks the tree, or checks the error is a positioned SourceException. */
    private static void check(String text) {
        SourceFile file = SourceFile.of("Dockerfile", text);
        Dockerfile dockerfile;
        try {
            dockerfile = DockerfileParser.parse(file);
        } catch (SourceException e) {
            assertThat(e.path()).isEqualTo("Dockerfile");
            assertThat(e.line()).isBetween(1, file.lineCount());
            assertThat(e.column()).isPositive();
            return;
        }
        Invariants.check(dockerfile);
        useTypedAccessors(dockerfile);
    }

    /** Typed accessors may reject a value, but only with a SourceException. */
    private static void useTypedAccessors(Dockerfile dockerfile) {
        BuildkitAstDump.dump(dockerfile);
        for (Instruction instruction : dockerfile.instructions()) {
            for (Instruction i = instruction; i != null; i = i.trigger().orElse(null)) {
                for (Flag flag : i.flags()) {
                    quietly(flag::booleanValue);
                    quietly(flag::durationValue);
                    quietly(flag::mount);
                    if (flag.hasValue()) {
                        assertThat(flag.valueText().text()).isEqualTo(flag.value());
                    }
                }
                if (i.kind() == InstructionKind.HEALTHCHECK) {
                    Instruction healthcheck = i;
                    quietly(() -> HealthcheckOptions.of(healthcheck));
                }
                i.heredocs().forEach(h -> h.content().text());
            }
        }
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (SourceException expected) {
            // a bad value is reported like a parse error
        }
    }

    private static List<CorpusFile> loadCorpus() {
        Path shared = SharedData.root();
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(shared.resolve("conformance/kics"), shared.resolve("examples"),
                shared.resolve("conformance/buildkit-parser"))) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(p -> {
                    String name = p.getFileName().toString();
                    return name.endsWith(".dockerfile") || name.startsWith("Dockerfile");
                }).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<CorpusFile> texts = new ArrayList<>();
        for (Path p : files) {
            try {
                texts.add(new CorpusFile(shared.relativize(p), new String(Files.readAllBytes(p), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return texts;
    }

    /** Consistency of a parsed tree's spans. */
    static final class Invariants {

        private Invariants() {}

        static void check(Dockerfile dockerfile) {
            String text = dockerfile.file().text();
            assertThat(dockerfile.instructions()).isNotEmpty();
            List<Span> topLevel = new ArrayList<>();
            dockerfile.directives().forEach(d -> topLevel.add(d.span()));
            dockerfile.blankLines().forEach(topLevel::add);
            for (Instruction instruction : dockerfile.instructions()) {
                topLevel.add(instruction.span());
                checkInstruction(instruction, instruction.span(), text);
            }
            dockerfile.comments().forEach(c -> assertWithin(c.span(), 0, text.length()));
            // comments inside instructions belong to them; the others sit between instructions
            for (Comment c : dockerfile.comments()) {
                boolean inside = dockerfile.instructions().stream().anyMatch(i -> i.innerComments().contains(c));
                if (!inside) {
                    topLevel.add(c.span());
                } else {
                    Instruction owner = dockerfile.instructions().stream().filter(i -> i.innerComments().contains(c))
                            .findFirst().orElseThrow();
                    assertWithin(c.span(), owner.span().start(), owner.span().end());
                }
            }
            topLevel.sort((a, b) -> Integer.compare(a.start(), b.start()));
            assertOrderedAndDisjoint(topLevel);
            assertThat(dockerfile.comments()).isSortedAccordingTo((a, b) -> Integer.compare(a.span().start(), b.span().start()));
        }

        private static void checkInstruction(Instruction instruction, Span outer, String text) {
            Span span = instruction.span();
            assertWithin(span, 0, text.length());
            assertWithin(span, outer.start(), outer.end());
            assertThat(instruction.startLine()).isLessThanOrEqualTo(instruction.endLine());
            List<Span> parts = new ArrayList<>();
            parts.add(instruction.keyword().span());
            for (Flag flag : instruction.flags()) {
                parts.add(flag.span());
                assertWithin(flag.nameSpan(), flag.span().start(), flag.span().end());
                if (flag.valueSpan() != null) {
                    assertWithin(flag.valueSpan(), flag.span().start(), flag.span().end());
                }
            }
            argumentSpans(instruction.arguments(), parts);
            for (Span part : parts) {
                assertWithin(part, span.start(), span.end());
            }
            assertOrderedAndDisjoint(parts);
            List<Span> heredocs = new ArrayList<>();
            for (Heredoc heredoc : instruction.heredocs()) {
                assertWithin(heredoc.span(), span.start(), span.end());
                assertWithin(heredoc.marker(), span.start(), span.end());
                assertWithin(heredoc.terminator(), heredoc.span().start(), heredoc.span().end());
                heredocs.add(heredoc.span());
            }
            assertOrderedAndDisjoint(heredocs);
            instruction.innerComments().forEach(c -> assertWithin(c.span(), span.start(), span.end()));
            instruction.emptyContinuationLines().forEach(s -> assertWithin(s, span.start(), span.end()));
            instruction.trigger().ifPresent(trigger -> checkInstruction(trigger, span, text));
        }

        private static void argumentSpans(Arguments arguments, List<Span> out) {
            switch (arguments) {
                case ShellForm shell -> out.add(shell.span());
                case PlainText plain -> out.add(plain.span());
                case ExecForm exec -> out.add(exec.span());
                case WordList list -> list.words().forEach(w -> out.add(w.span()));
                case KeyValueList list -> list.entries().forEach(kv -> out.add(kv.span()));
                case ArgList list -> list.entries().forEach(kv -> out.add(kv.span()));
                case HealthcheckArguments health -> {
                    out.add(health.type().span());
                    argumentSpans(health.command(), out);
                }
                case UnparsedArguments unparsed -> { }
                case NoArguments none -> { }
                case OnbuildArguments onbuild -> { }
            }
        }

        private static void assertWithin(Span span, int start, int end) {
            assertThat(span.start()).isBetween(start, end);
            assertThat(span.end()).isBetween(span.start(), end);
        }

        private static void assertOrderedAndDisjoint(List<Span> spans) {
            for (int i = 1; i < spans.size(); i++) {
                assertThat(spans.get(i).start()).as("span %s after %s", spans.get(i), spans.get(i - 1))
                        .isGreaterThanOrEqualTo(spans.get(i - 1).end());
            }
        }
    }
}
