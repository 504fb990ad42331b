package dev.drydock.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The literals are compiled by javac and must give back exactly the strings they were written for. */
class JavaLiteralsTest {

    private static final List<String> VALUES = List.of(
            "",
            "plain text",
            "\"quoted\" and 'apostrophes'",
            "a backslash \\ at the end \\",
            "\\n, \\\" and \\u0041 as written, not as escapes",
            "\\\\u0041 after two backslashes",
            "lines\nof\r\ntext\n\n",
            "tab\there, bell \u0007, nul \u0000, escape \u001b, delete \u007f, form feed \f, backspace \b",
            "non-ASCII: caf\u00e9, \u00fcber, \u65e5\u672c, \u20ac, line separator \u2028, paragraph \u2029",
            "an emoji \ud83d\udc33 (a surrogate pair) and a lone surrogate \ud800",
            "*/ /* // closing and opening comments",
            "x".repeat(60_000));

    @TempDir
    Path dir;

    @Test
    void stringLiteralsCompileBackToTheirValues() throws Exception {
        List<String> literals = VALUES.stream().map(JavaLiterals::string).toList();
        assertThat(compiled(literals)).isEqualTo(VALUES);
    }

    @Test
    void textsCompileBackToTheirValues() throws Exception {
        List<String> texts = VALUES.stream().map(value -> JavaLiterals.text(value, "        ")).toList();
        assertThat(compiled(texts)).isEqualTo(VALUES);
    }

    @Test
    void theSourceIsAscii() {
        for (String value : VALUES) {
            assertThat(JavaLiterals.string(value).chars().allMatch(c -> c >= ' ' && c < 0x7f)).as(value).isTrue();
        }
    }

    @Test
    void aTextKeepsOneLinePerLiteral() {
        assertThat(JavaLiterals.text("FROM a\nRUN \"b\"\n", "  ")).isEqualTo("\"FROM a\\n\"\n  + \"RUN \\\"b\\\"\\n\"");
        assertThat(JavaLiterals.text("one line", "  ")).isEqualTo("\"one line\"");
        assertThat(JavaLiterals.text("", "  ")).isEqualTo("\"\"");
    }

    /** The values of the expressions, compiled into a class and read back. */
    private List<String> compiled(List<String> expressions) throws Exception {
        StringBuilder source = new StringBuilder("public class Values {\n    public static String[] values() {\n");
        source.append("        return new String[] {\n");
        for (String expression : expressions) {
            source.append("            ").append(expression).append(",\n");
        }
        source.append("        };\n    }\n}\n");
        Path file = dir.resolve("Values.java");
        Files.writeString(file, source, StandardCharsets.US_ASCII);
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-encoding", "US-ASCII", "-d",
                dir.toString(), file.toString());
        assertThat(status).as("javac exit status").isZero();
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, null)) {
            return new ArrayList<>(List.of((String[]) loader.loadClass("Values").getMethod("values").invoke(null)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
