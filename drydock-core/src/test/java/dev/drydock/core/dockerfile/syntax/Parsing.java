package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;

/** Helpers shared by the syntax tests. */
final class Parsing {

    private Parsing() {}

    static Dockerfile parse(String text) {
        return DockerfileParser.parse(SourceFile.of("Dockerfile", text));
    }

    static Instruction only(String text) {
        Dockerfile dockerfile = parse(text);
        return dockerfile.instructions().get(dockerfile.instructions().size() - 1);
    }

    /** The text a span covers. */
    static String text(Instruction instruction, Span span) {
        return instruction.file().text(span);
    }

    static String dump(String text) {
        return BuildkitAstDump.dump(parse(text));
    }
}
