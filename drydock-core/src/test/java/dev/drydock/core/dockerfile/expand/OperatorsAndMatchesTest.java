package dev.drydock.core.dockerfile.expand;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Operators, patterns and the matched/unmatched name sets, case by case. */
class OperatorsAndMatchesTest {

    private static Map<String, String> env(String... kv) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put(kv[i], kv[i + 1]);
        }
        return map;
    }

    /** input, environment, expected value (null: error), matched, unmatched. */
    static Stream<Arguments> cases() {
        Map<String, String> fooBar = env("FOO", "xxx", "BAR", "");
        return Stream.of(
                Arguments.of("x", env("DUMMY", "d"), "x", Set.of(), Set.of()),
                Arguments.of("x ${UNUSED}", env("DUMMY", "d"), "x ", Set.of(), Set.of("UNUSED")),
                Arguments.of("x ${FOO}", env("FOO", "y"), "x y", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}", fooBar, "xxx  ccc", Set.of("FOO", "BAR"), Set.of("BAZ")),
                Arguments.of("${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}", fooBar, "xxx bbb ccc", Set.of("FOO", "BAR"), Set.of("BAZ")),
                Arguments.of("${FOO:-}", fooBar, "xxx", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO:-}", env(), "", Set.of(), Set.of("FOO")),
                Arguments.of("${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}", fooBar, "aaa bbb ", Set.of("FOO", "BAR"), Set.of("BAZ")),
                Arguments.of("${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}", fooBar, "aaa  ", Set.of("FOO", "BAR"), Set.of("BAZ")),
                Arguments.of("${FOO?aaa}", fooBar, "xxx", Set.of("FOO"), Set.of()),
                Arguments.of("${BAR?bbb}", fooBar, "", Set.of("BAR"), Set.of()),
                Arguments.of("${BAZ?ccc}", fooBar, null, Set.of(), Set.of("BAZ")),
                Arguments.of("${FOO:?aaa}", fooBar, "xxx", Set.of("FOO"), Set.of()),
                Arguments.of("${BAR:?bbb}", fooBar, null, Set.of("BAR"), Set.of()),
                Arguments.of("${BAZ:?ccc}", fooBar, null, Set.of(), Set.of("BAZ")),
                Arguments.of("${BAZ:?}", fooBar, null, Set.of(), Set.of("BAZ")),
                Arguments.of("${FOO=aaa}", fooBar, null, Set.of(), Set.of()),
                Arguments.of("${FOO=:aaa}", fooBar, null, Set.of(), Set.of()),
                Arguments.of("${FOO=}", env(), null, Set.of(), Set.of()),
                // regular-expression characters are literal in patterns; \} keeps the brace
                Arguments.of("${FOO#()[]{\\}^$.\\*\\?|\\\\}", env("FOO", "()[]{}^$.*?|\\x"), "x", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO%%\\**}", env("FOO", "xx**"), "xx", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO#*x*y}", env("FOO", "xxyy"), "y", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO##*x*y}", env("FOO", "xxyy"), "", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO#*}", env("FOO", "xxyy"), "xxyy", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO#$BAR}", env("FOO", "xxyy", "BAR", "x"), "xyy", Set.of("FOO", "BAR"), Set.of()),
                Arguments.of("${FOO#$BAR}", env("FOO", "xxyy", "BAR", ""), "xxyy", Set.of("FOO", "BAR"), Set.of()),
                Arguments.of("${FOO#}", env("FOO", "xxyy"), "xxyy", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO##*x}", env("FOO", "xxyy"), "yy", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO##}", env("FOO", "xxyy"), "xxyy", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO#?\\?}", env("FOO", "???y"), "?y", Set.of("FOO"), Set.of()),
                Arguments.of("${ABC:-.}${FOO%x}${ABC:-.}", env("FOO", "xxyy"), ".xxyy.", Set.of("FOO"), Set.of("ABC")),
                Arguments.of("${FOO%%\\**\\*}", env("FOO", "a***yy*"), "a", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO%\\**\\*}", env("FOO", "a***yy*"), "a**", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO%}", env("FOO", "xxyy"), "xxyy", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO%%$BAR}", env("FOO", "xxyy", "BAR", ""), "xxyy", Set.of("FOO", "BAR"), Set.of()),
                // the pattern decides shortest or longest after expansion
                Arguments.of("${FOO#$P}", env("FOO", "a.b.c", "P", "#*."), "c", Set.of("FOO", "P"), Set.of()),
                Arguments.of("${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}", env("FOO", "/foo*/*/*.txt", "NEEDLE", "\\*/"),
                        "/foo.*/*.txt - /foo..*.txt", Set.of("FOO", "NEEDLE"), Set.of()),
                Arguments.of("${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}", env("FOO", "/tmp/tmp/bar.txt", "NEEDLE", "/tmp"),
                        "/tmp/bar.txt - /bar.txt", Set.of("FOO", "NEEDLE"), Set.of()),
                Arguments.of("${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}",
                        env("FOO", "/a/foo/b/c.txt", "NEEDLE", "/?/", "REPLACEMENT", "/"),
                        "/foo/b/c.txt - /foo/c.txt", Set.of("FOO", "NEEDLE", "REPLACEMENT"), Set.of()),
                Arguments.of("${FOO/$NEEDLE/$REPLACEMENT}", env("FOO", "http://google.de", "NEEDLE", "http://", "REPLACEMENT", "https://"),
                        "https://google.de", Set.of("FOO", "NEEDLE", "REPLACEMENT"), Set.of()),
                Arguments.of("${FOO//\\//\\/}", env("FOO", "/tmp/foo.txt"), "\\/tmp\\/foo.txt", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO/$BAR/ww}", env("FOO", "xxyy", "BAR", ""), "wwxxyy", Set.of("FOO", "BAR"), Set.of()),
                Arguments.of("${FOO//ww}", env("FOO", "xxyy"), null, Set.of(), Set.of()),
                Arguments.of("${FOO//}", env("FOO", "xxyy"), null, Set.of(), Set.of()),
                Arguments.of("${FOO///}", env("FOO", "xxyy"), "xxyy", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO///}", env(), "", Set.of(), Set.of("FOO")),
                // replace-all with an empty pattern inserts at every position
                Arguments.of("${FOO//$E/-}", env("FOO", "ab", "E", ""), "-a-b-", Set.of("FOO", "E"), Set.of()),
                // the replace-all template: \$0 is the match, \$\$ a dollar; the single form is literal
                Arguments.of("${FOO//o/<\\$0>}", env("FOO", "foo"), "f<\\o><\\o>", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO/o/<\\$0>}", env("FOO", "foo"), "f<\\$0>o", Set.of("FOO"), Set.of()),
                // wildcards do not cross a line feed
                Arguments.of("${FOO#*b}", env("FOO", "a\nb"), "a\nb", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO%?}", env("FOO", "ab\n"), "ab\n", Set.of("FOO"), Set.of()),
                Arguments.of("${FOO%?}", env("FOO", "a😀"), "a", Set.of("FOO"), Set.of()),
                Arguments.of("something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz",
                        env("VERSION", "v1.2.3", "TARGETOS", "linux", "TARGETARCH", "arm", "TARGETVARIANT", "v7"),
                        "something-v1.2.3.linux-arm-v7.tar.gz",
                        Set.of("VERSION", "TARGETOS", "TARGETARCH", "TARGETVARIANT"), Set.of()),
                Arguments.of("something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz",
                        env("VERSION", "v1.2.3", "TARGETOS", "linux", "TARGETARCH", "arm64"),
                        "something-v1.2.3.linux-arm64.tar.gz",
                        Set.of("VERSION", "TARGETOS", "TARGETARCH"), Set.of("TARGETVARIANT")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expandsAndReportsNames(String input, Map<String, String> vars, String expected,
            Set<String> matched, Set<String> unmatched) {
        Expansion result = WordExpander.BACKSLASH.expand(input, Environment.of(vars));
        if (expected == null) {
            assertThat(result.ok()).as("should fail, gave %s", result).isFalse();
        } else {
            assertThat(result.error()).isNull();
            assertThat(result.value()).isEqualTo(expected);
        }
        if (expected != null || !matched.isEmpty() || !unmatched.isEmpty()) {
            assertThat(result.matched()).containsExactlyInAnyOrderElementsOf(matched);
            assertThat(result.unmatched()).containsExactlyInAnyOrderElementsOf(unmatched);
        }
    }

    @Test
    void requiredVariableMessages() {
        Environment env = Environment.of(Map.of("VAR", "", "ARG", "x"));
        Expansion unset = WordExpander.BACKSLASH.expand("${NOPE:?message here$ARG}", env);
        assertThat(unset.error().message()).isEqualTo("NOPE: message herex");
        assertThat(unset.error().kind()).isEqualTo(ExpansionError.Kind.REQUIRED_VARIABLE);
        assertThat(WordExpander.BACKSLASH.expand("${VAR:?message here$ARG}", env).error().message())
                .isEqualTo("VAR: message herex");
        assertThat(WordExpander.BACKSLASH.expand("${VAR?message here$ARG}", env).value()).isEmpty();
        assertThat(WordExpander.BACKSLASH.expand("${NOPE?}", env).error().message())
                .isEqualTo("NOPE: is not allowed to be unset");
        assertThat(WordExpander.BACKSLASH.expand("${VAR:?}", env).error().message())
                .isEqualTo("VAR: is not allowed to be empty");
    }

    @Test
    void syntaxErrorMessages() {
        Environment env = Environment.empty();
        assertThat(WordExpander.BACKSLASH.expand("${}", env).error().message()).isEqualTo("syntax error: bad substitution");
        assertThat(WordExpander.BACKSLASH.expand("${A", env).error().message()).isEqualTo("syntax error: missing '}'");
        assertThat(WordExpander.BACKSLASH.expand("${A:-x", env).error().message()).isEqualTo("syntax error: missing '}'");
        assertThat(WordExpander.BACKSLASH.expand("${A:-\"x", env).error().message()).isEqualTo("syntax error: missing '}'");
        assertThat(WordExpander.BACKSLASH.expand("${A/x", env).error().message()).isEqualTo("syntax error: missing '/' in ${}");
        assertThat(WordExpander.BACKSLASH.expand("${A=x}", env).error().message())
                .isEqualTo("unsupported modifier (=) in substitution");
        assertThat(WordExpander.BACKSLASH.expand("${A:x}", env).error().message())
                .isEqualTo("unsupported modifier (:x) in substitution");
        assertThat(WordExpander.BACKSLASH.expand("${A:#x}", env).error().message())
                .isEqualTo("unsupported modifier (:#) in substitution");
        assertThat(WordExpander.BACKSLASH.expand("'abc", env).error().message())
                .isEqualTo("unexpected end of statement while looking for matching single-quote");
        assertThat(WordExpander.BACKSLASH.expand("\"abc", env).error().message())
                .isEqualTo("unexpected end of statement while looking for matching double-quote");
        assertThat(WordExpander.BACKSLASH.expand("${A#\\x}", Environment.of(Map.of("A", "a"))).error())
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(ExpansionError.Kind.INVALID_PATTERN);
                    assertThat(e.message()).isEqualTo("invalid pattern (\\x) in substitution: invalid escape '\\x'");
                });
    }

    @Test
    void aNestedWordIsExpandedEvenWhenNotUsed() {
        Expansion result = WordExpander.BACKSLASH.expand("${A:-$B}", Environment.of(Map.of("A", "a")));
        assertThat(result.value()).isEqualTo("a");
        assertThat(result.matched()).containsExactly("A");
        assertThat(result.unmatched()).containsExactly("B");
        assertThat(result.references()).extracting(VariableReference::name).containsExactly("A", "B");
    }

    @Test
    void environmentFromEntriesLetsTheLastDefinitionWin() {
        Environment env = Environment.fromEntries(List.of("A=1", "B", "A=2", "C=x=y"));
        assertThat(env.lookup("A")).isEqualTo("2");
        assertThat(env.lookup("B")).isEmpty();
        assertThat(env.lookup("C")).isEqualTo("x=y");
        assertThat(env.lookup("D")).isNull();
        assertThat(env.names()).containsExactly("B", "A", "C");
        Environment more = env.with("B", "b").with("E", "e");
        assertThat(more.names()).containsExactly("A", "C", "B", "E");
        assertThat(more.lookup("B")).isEqualTo("b");
        assertThat(env.lookup("B")).isEmpty();
        Environment lambda = name -> name.equals("X") ? "x" : null;
        assertThat(lambda.with("Y", "y").lookup("Y")).isEqualTo("y");
        assertThat(WordExpander.BACKSLASH.expand("$X$Y", lambda.with("Y", "y")).value()).isEqualTo("xy");
    }
}
