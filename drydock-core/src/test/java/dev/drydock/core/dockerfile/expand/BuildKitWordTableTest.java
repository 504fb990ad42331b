package dev.drydock.core.dockerfile.expand;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Single-word expansion with the backslash escape, against the behaviour BuildKit's own lexer
 * tables describe (restated here case by case), with PWD=/home, SHELL=bash, KOREAN=한국어 and NULL
 * set to the empty string. {@code ERROR} means BuildKit refuses the word.
 */
class BuildKitWordTableTest {

    static final Environment ENV = Environment.of(Map.of(
            "PWD", "/home", "SHELL", "bash", "KOREAN", "한국어", "NULL", ""));

    /** input {@code =>} expected, one case a line. */
    static final String TABLE = """
            hello => hello
            he'll'o => hello
            he'llo => ERROR
            he\\'llo => he'llo
            he\\\\'llo => ERROR
            abc\\tdef => abctdef
            "abc\\tdef" => abc\\tdef
            "abc\\\\tdef" => abc\\tdef
            'abc\\tdef' => abc\\tdef
            hello\\ => hello
            hello\\\\ => hello\\
            "hello => ERROR
            "hello\\" => ERROR
            "hel'lo" => hel'lo
            'hello => ERROR
            'hello\\' => hello\\
            'hello\\there' => hello\\there
            'hello\\\\there' => hello\\\\there
            "''" => ''
            $. => $.
            $1 =>
            he$1x => hex
            he$.x => he$.x
            he$pwd. => he.
            he$PWD => he/home
            he\\$PWD => he$PWD
            he\\\\$PWD => he\\/home
            "he\\$PWD" => he$PWD
            "he\\\\$PWD" => he\\/home
            \\${} => ${}
            \\${}aaa => ${}aaa
            he\\${} => he${}
            he\\${}xx => he${}xx
            ${} => ERROR
            ${}aaa => ERROR
            he${} => ERROR
            he${}xx => ERROR
            he${hi} => he
            he${hi}xx => hexx
            he${PWD} => he/home
            he${.} => ERROR
            he${XXX:-000}xx => he000xx
            he${PWD:-000}xx => he/homexx
            he${XXX:-$PWD}xx => he/homexx
            he${XXX:-${PWD:-yyy}}xx => he/homexx
            he${XXX:-${YYY:-yyy}}xx => heyyyxx
            he${XXX:YYY} => ERROR
            he${XXX:+${PWD}}xx => hexx
            he${PWD:+${XXX}}xx => hexx
            he${PWD:+${SHELL}}xx => hebashxx
            he${XXX:+000}xx => hexx
            he${PWD:+000}xx => he000xx
            'he${XX}' => he${XX}
            "he${PWD}" => he/home
            "he'$PWD'" => he'/home'
            "$PWD" => /home
            '$PWD' => $PWD
            '\\$PWD' => \\$PWD
            '"hello"' => "hello"
            "he\\$PWD" => he$PWD
            'he\\$PWD' => he\\$PWD
            he${PWD => ERROR
            he${PWD:=000}xx => ERROR
            he${PWD:+${PWD}:}xx => he/home:xx
            he${XXX:-\\$PWD:}xx => he$PWD:xx
            he${XXX:-\\${PWD}z}xx => he${PWDz}xx
            안녕하세요 => 안녕하세요
            안'녕'하세요 => 안녕하세요
            안'녕하세요 => ERROR
            안녕\\'하세요 => 안녕'하세요
            안\\\\'녕하세요 => ERROR
            안녕\\t하세요 => 안녕t하세요
            "안녕\\t하세요" => 안녕\\t하세요
            안녕하세요\\ => 안녕하세요
            "안녕'하세요" => 안녕'하세요
            안녕$1x => 안녕x
            안녕$PWD => 안녕/home
            안녕${XXX:-${PWD:-yyy}}xx => 안녕/homexx
            $KOREAN => 한국어
            안녕$KOREAN => 안녕한국어
            ${{aaa} => ERROR
            ${aaa}} => }
            ${aaa => ERROR
            ${{aaa:-bbb} => ERROR
            ${aaa:-bbb}} => bbb}
            ${aaa:-bbb => ERROR
            ${aaa:-bbb} => bbb
            ${aaa:-${bbb:-ccc}} => ccc
            ${aaa:-bbb ${foo} => ERROR
            ${aaa:-bbb {foo} => bbb {foo
            ${:} => ERROR
            ${:-bbb} => ERROR
            ${:+bbb} => ERROR
            ${NULL:-x} => x
            ${NULL-x} =>
            ${NULL:+x} =>
            ${NULL+x} => x
            ${NULL?x} =>
            ${NULL:?x} => ERROR
            ${UNSET?} => ERROR
            ${UNSET:?} => ERROR
            ${PWD?} => /home
            ${UNSET-a b} => a b
            ${UNSET-"a}b"} => a}b
            ${UNSET-'$PWD'} => $PWD
            "${UNSET-"$PWD"}" => /home
            ${PWD#/} => home
            ${PWD#*o} => me
            ${PWD%/*} =>
            ${PWD%%o*} => /h
            ${SHELL%sh} => ba
            ${SHELL#?} => ash
            ${SHELL/a/A} => bAsh
            ${SHELL//[ab]/x} => bash
            ${SHELL:#b} => ERROR
            ${SHELL:%h} => ERROR
            ${SHELL=x} => ERROR
            ${#SHELL} => ERROR
            ${!SHELL} => ERROR
            ${SHELL:1} => ERROR
            ${SHELL:/a/b} => ERROR
            ${SHELL/a} => ERROR
            ${SHELL#\\q} => ERROR
            $$ =>
            a$$b => ab
            $ => $
            a$ => a$
            ${$} =>
            ${#} =>
            ${?} =>
            $@x => x
            $'x' => $x
            $"x" => $x
            $(pwd) => $(pwd)
            `pwd` => `pwd`
            ~/x => ~/x
            *.txt => *.txt
            a\\ b => a b
            \\\\ => \\
            \\ =>
            "a\\b" => a\\b
            "a\\" => ERROR
            "a\\"b" => a"b
            "${PWD}x\\$y" => /homex$y
            """;

    static Stream<Arguments> table() {
        List<Arguments> cases = new ArrayList<>();
        for (String line : TABLE.split("\n")) {
            int arrow = line.lastIndexOf(" =>");
            String input = line.substring(0, arrow);
            String expected = line.substring(arrow + 3).strip();
            cases.add(Arguments.of(input, expected));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} => {1}")
    @MethodSource("table")
    void expandsLikeBuildKit(String input, String expected) {
        Expansion result = WordExpander.BACKSLASH.expand(input, ENV);
        if (expected.equals("ERROR")) {
            assertThat(result.ok()).as("should fail, gave %s", result).isFalse();
            assertThat(result.error().start()).isBetween(0, input.length());
            assertThat(result.error().end()).isBetween(result.error().start(), input.length());
        } else {
            assertThat(result.ok()).as("error: %s", result.error()).isTrue();
            assertThat(result.value()).isEqualTo(expected);
        }
    }
}
