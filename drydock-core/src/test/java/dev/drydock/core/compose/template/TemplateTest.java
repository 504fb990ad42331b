package dev.drydock.core.compose.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.compose.template.Substitution.Operator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateTest {

    private static final Map<String, String> ENV = new HashMap<>();

    static {
        ENV.put("SET", "value");
        ENV.put("EMPTY", "");
        ENV.put("lower_case9", "ok");
    }

    private static String sub(String text) throws TemplateException {
        return Template.substitute(text, ENV::get).value();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "plain text|plain text",
        "$SET|value",
        "${SET}|value",
        "a${SET}b|avalueb",
        "$SET-x|value-x",
        "$UNSET|''",
        "${UNSET}|''",
        "$$SET|$SET",
        "$${SET}|${SET}",
        "a$$|a$",
        "${SET:-d}|value",
        "${EMPTY:-d}|d",
        "${UNSET:-d}|d",
        "${SET-d}|value",
        "${EMPTY-d}|''",
        "${UNSET-d}|d",
        "${SET:+alt}|alt",
        "${EMPTY:+alt}|''",
        "${UNSET:+alt}|''",
        "${SET+alt}|alt",
        "${EMPTY+alt}|alt",
        "${UNSET+alt}|''",
        "${SET:?err}|value",
        "${EMPTY?err}|''",
        "${UNSET:-${SET}}|value",
        "${UNSET:-${ALSO_UNSET:-deep}}|deep",
        "${UNSET:-a:b-c}|a:b-c",
        "${UNSET:-{x}}|{x}",
        "${UNSET:-}|''",
        "${lower_case9}|ok",
        "${UNSET:-$$}|$",
        "${UNSET:-x}${SET}|xvalue",
        "$SET$SET|valuevalue",
    })
    void substitutesLikeCompose(String template, String expected) throws TemplateException {
        assertThat(sub(template)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"$", "a $ b", "$1", "${}", "${1A}", "${A B}", "${A:x}", "${A", "${A:-x", "$-", "${SET:-${B}"})
    void invalidTemplatesAreErrors(String template) {
        assertThatThrownBy(() -> sub(template)).isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("Invalid template: ");
    }

    @Test
    void requiredVariablesFailWithTheirMessage() {
        assertThatThrownBy(() -> sub("x ${UNSET:?please set it}"))
                .isInstanceOf(TemplateException.class)
                .hasMessage("required variable UNSET is missing a value: please set it")
                .satisfies(e -> assertThat(((TemplateException) e).index()).isEqualTo(2));
        assertThatThrownBy(() -> sub("${EMPTY:?empty}")).hasMessageContaining("required variable EMPTY");
        assertThatThrownBy(() -> sub("${UNSET?gone}")).hasMessageContaining("missing a value: gone");
    }

    @Test
    void recordsEachExpressionWithIndexesAndDefault() throws TemplateException {
        Template.Result r = Template.substitute("k=${SECRET_KEY:-change-me} $SET ${NOPE}", ENV::get);
        assertThat(r.value()).isEqualTo("k=change-me value ");
        assertThat(r.substitutions()).hasSize(3);
        Substitution d = r.substitutions().get(0);
        assertThat(d.name()).isEqualTo("SECRET_KEY");
        assertThat(d.operator()).isEqualTo(Operator.DEFAULT_IF_UNSET_OR_EMPTY);
        assertThat(d.usedDefault()).isTrue();
        assertThat(d.argument()).isEqualTo("change-me");
        assertThat(d.start()).isEqualTo(2);
        assertThat(d.end()).isEqualTo(26);
        assertThat(d.argumentStart()).isEqualTo(16);
        assertThat("k=${SECRET_KEY:-change-me}".substring(d.argumentStart(), d.argumentEnd())).isEqualTo("change-me");
        assertThat(r.substitutions().get(1).isSet()).isTrue();
        assertThat(r.substitutions().get(1).isMissing()).isFalse();
        assertThat(r.substitutions().get(2).isMissing()).isTrue();
    }

    @Test
    void nestedExpressionsAreReportedAfterTheirParent() throws TemplateException {
        Template.Result r = Template.substitute("${A:-${B:-x}}", ENV::get);
        assertThat(r.substitutions()).extracting(Substitution::name).containsExactly("A", "B");
        assertThat(r.substitutions().get(0).nested()).isFalse();
        assertThat(r.substitutions().get(1).nested()).isTrue();
        assertThat(r.substitutions().get(1).start()).isEqualTo(5);
    }

    @Test
    void noDollarMeansNoWork() throws TemplateException {
        Template.Result r = Template.substitute("nothing", ENV::get);
        assertThat(r.substitutions()).isEmpty();
        assertThat(r.value()).isEqualTo("nothing");
    }

    @Test
    void deeplyNestedDefaultsAreAnErrorNotAStackOverflow() {
        String deep = "${A:-".repeat(5000) + "x" + "}".repeat(5000);
        assertThatThrownBy(() -> Template.substitute(deep, name -> null))
                .isInstanceOf(TemplateException.class)
                .hasMessage("variable expressions nested more than 200 deep");
        assertThat(catchValue("${A:-".repeat(50) + "x" + "}".repeat(50))).isEqualTo("x");
    }

    @Test
    void valuesThatDoubleStopAtTheLengthBound() {
        Map<String, String> env = new HashMap<>();
        env.put("A", "x".repeat(Template.MAX_LENGTH / 2 + 1));
        assertThatThrownBy(() -> Template.substitute("${A}${A}", env::get))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("the value expands to more than 1048576 characters");
    }

    private static String catchValue(String text) {
        try {
            return Template.substitute(text, name -> null).value();
        } catch (TemplateException e) {
            throw new AssertionError(e);
        }
    }
}
