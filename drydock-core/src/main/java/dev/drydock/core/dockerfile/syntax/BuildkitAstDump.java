package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.golang.GoText;

import java.util.ArrayList;
import java.util.List;

/**
 * Prints a parsed Dockerfile in BuildKit's AST dump format ({@code Node.Dump()}), as in BuildKit's
 * parser test files: one {@code (keyword ["--flag"...] "arg" ...)} per instruction, keyword lower-cased,
 * values quoted as Go's {@code strconv.Quote} does, ONBUILD nesting its trigger.
 */
public final class BuildkitAstDump {

    private BuildkitAstDump() {}

    /** The whole file: what BuildKit's root {@code Dump()} returns (no final line break). */
    public static String dump(Dockerfile dockerfile) {
        StringBuilder out = new StringBuilder();
        for (Instruction instruction : dockerfile.instructions()) {
            out.append('(').append(dump(instruction)).append(")\n");
        }
        return GoText.trimSpace(out.toString());
    }

    /** One instruction, without the surrounding parentheses. */
    public static String dump(Instruction instruction) {
        List<Instruction> chain = new ArrayList<>();
        Instruction innermost = instruction;
        while (innermost.arguments() instanceof OnbuildArguments onbuild) {
            chain.add(innermost);
            innermost = onbuild.trigger();
        }
        StringBuilder out = new StringBuilder();
        for (Instruction outer : chain) {
            head(outer, out);
            out.append(" (");
        }
        StringBuilder inner = new StringBuilder();
        head(innermost, inner);
        arguments(innermost.arguments(), inner);
        out.append(GoText.trimSpace(inner.toString()));
        out.append(")".repeat(chain.size()));
        return chain.isEmpty() ? out.toString() : GoText.trimSpace(out.toString());
    }

    private static void head(Instruction instruction, StringBuilder out) {
        out.append(GoText.toLower(instruction.keyword().value()));
        if (!instruction.flags().isEmpty()) {
            out.append(" [");
            for (int i = 0; i < instruction.flags().size(); i++) {
                if (i > 0) {
                    out.append(' ');
                }
                out.append(GoText.quote(instruction.flags().get(i).text()));
            }
            out.append(']');
        }
    }

    private static void arguments(Arguments arguments, StringBuilder out) {
        switch (arguments) {
            case NoArguments none -> { }
            case UnparsedArguments unparsed -> value("", out);
            case ShellForm shell -> value(shell.text(), out);
            case PlainText plain -> value(plain.text(), out);
            case ExecForm exec -> exec.elements().forEach(w -> value(w.value(), out));
            case WordList list -> list.words().forEach(w -> value(w.value(), out));
            case KeyValueList list -> list.entries().forEach(kv -> {
                value(kv.name().value(), out);
                value(kv.value().value(), out);
                value(list.legacyForm() ? "" : "=", out);
            });
            case ArgList list -> list.entries().forEach(kv -> value(kv.word().value(), out));
            case HealthcheckArguments health -> {
                value(health.type().value(), out);
                arguments(health.command(), out);
            }
            case OnbuildArguments onbuild -> throw new IllegalStateException("ONBUILD is printed by dump()");
        }
    }

    private static void value(String value, StringBuilder out) {
        out.append(' ').append(GoText.quote(value));
    }
}
