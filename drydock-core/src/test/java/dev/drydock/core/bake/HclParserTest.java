package dev.drydock.core.bake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.bake.HclExpression.Call;
import dev.drydock.core.bake.HclExpression.ListOf;
import dev.drydock.core.bake.HclExpression.Literal;
import dev.drydock.core.bake.HclExpression.ObjectOf;
import dev.drydock.core.bake.HclExpression.Opaque;
import dev.drydock.core.bake.HclExpression.Reference;
import dev.drydock.core.bake.HclExpression.Template;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class HclParserTest {

    private static HclBody parse(String text) {
        return HclParser.parse(SourceFile.of("docker-bake.hcl", text));
    }

    private static HclExpression value(String expression) {
        return parse("x = " + expression + "\n").attribute("x").orElseThrow().value();
    }

    @Test
    void blocksWithLabelsHoldAttributesWithTheirPlaces() {
        HclBody body = parse("""
                # a comment
                variable "TAG" {
                  default = "latest" // trailing
                }
                /* a block
                   comment */
                target app {
                  context = "."
                }
                """);
        assertThat(body.blocks()).extracting(HclBody.Block::type).containsExactly("variable", "target");
        HclBody.Block target = body.blocks().get(1);
        assertThat(target.labels()).containsExactly("app");
        HclBody.Attribute context = target.body().attribute("context").orElseThrow();
        assertThat(context.span().startLine()).isEqualTo(8);
        assertThat(context.span().startColumn()).isEqualTo(3);
        assertThat(context.file()).isEqualTo("docker-bake.hcl");
        assertThat(((Literal) body.blocks().get(0).body().attribute("default").orElseThrow().value()).value())
                .isEqualTo("latest");
    }

    @Test
    void aOneLineBlockAndAnEmptyBlockAreRead() {
        HclBody body = parse("variable \"A\" {}\ntarget \"b\" { dockerfile = \"x.Dockerfile\" }\n");
        assertThat(body.blocks()).hasSize(2);
        assertThat(body.blocks().get(1).body().attribute("dockerfile")).isPresent();
    }

    @Test
    void literalsOfEveryKind() {
        assertThat(((Literal) value("12")).value()).isEqualTo(new BigDecimal("12"));
        assertThat(((Literal) value("-1.5e3")).value()).isEqualTo(new BigDecimal("-1.5e3"));
        assertThat(((Literal) value("true")).value()).isEqualTo(Boolean.TRUE);
        assertThat(((Literal) value("null")).value()).isNull();
        assertThat(((Literal) value("\"a\\\"b\\u00e9\\n\"")).value()).isEqualTo("a\"bé\n");
        assertThat(((Literal) value("\"$${NOT} %%{x}\"")).value()).isEqualTo("${NOT} %{x}");
    }

    @Test
    void interpolationsMakeTemplates() {
        Template t = (Template) value("\"${REGISTRY}/app:${ lower(TAG) }\"");
        assertThat(t.parts()).hasSize(3);
        assertThat(t.parts().get(0)).isInstanceOf(Reference.class);
        assertThat(t.parts().get(1)).isEqualTo("/app:");
        assertThat(((Call) t.parts().get(2)).function()).isEqualTo("lower");
    }

    @Test
    void listsObjectsReferencesAndCallsSpanLines() {
        ListOf list = (ListOf) value("[\n  \"a\",\n  B, # comment\n  target.base.args,\n]");
        assertThat(list.items()).hasSize(3);
        assertThat(((Reference) list.items().get(2)).path()).containsExactly("target", "base", "args");
        ObjectOf object = (ObjectOf) value("{\n  A = \"1\"\n  \"B-C\": 2, D = E\n}");
        assertThat(object.entries()).extracting(HclExpression.Entry::key).containsExactly("A", "B-C", "D");
        assertThat(object.entries().get(1).span().startLine()).isEqualTo(3);
        Call call = (Call) value("join(\",\", [\"a\", \"b\"])");
        assertThat(call.arguments()).hasSize(2);
    }

    @Test
    void operatorsConditionalsAndForExpressionsStayOpaque() {
        assertThat(value("TAG == \"\" ? [\"a\"] : [\"b\", \"c\"]")).isInstanceOf(Opaque.class);
        assertThat(value("[for v in VERSIONS : \"app:${v}\"]")).isInstanceOf(Opaque.class);
        assertThat(value("{ for k, v in M : k => v }")).isInstanceOf(Opaque.class);
        assertThat(value("!ENABLED")).isInstanceOf(Opaque.class);
        ListOf list = (ListOf) value("[A ? \"x\" : \"y\", \"z\"]");
        assertThat(list.items()).hasSize(2);
        assertThat(list.items().get(1)).isInstanceOf(Literal.class);
        HclBody body = parse("a = 1 + 2\nb = \"next\"\n");
        assertThat(body.attributes()).extracting(HclBody.Attribute::name).containsExactly("a", "b");
    }

    @Test
    void callsWithSeveralArgumentsInsideAnOpaqueExpressionAreSkippedWhole() {
        assertThat(value("join(\"-\", [A, B]) != \"\" && C")).isInstanceOf(Opaque.class);
        assertThat(value("[for r in split(\",\", REGISTRIES) : \"${r}/app\"]")).isInstanceOf(Opaque.class);
        HclBody body = parse("""
                variable "V" {
                  default = "1"
                  validation {
                    condition = substr(V, 0, 1) != "0" && (length(V) > 0)
                  }
                }
                after = "read"
                """);
        assertThat(body.attribute("after").orElseThrow().value()).isEqualTo(
                new Literal("read", body.attribute("after").orElseThrow().value().span()));
    }

    @Test
    void heredocsKeepTheirTextAndStripTheIndentOfTheDashForm() {
        HclBody body = parse("""
                target "app" {
                  dockerfile-inline = <<EOT
                FROM alpine
                RUN echo ${MSG}
                EOT
                  description = <<-EOT
                    first
                      second
                    EOT
                }
                """);
        HclBody target = body.blocks().get(0).body();
        Template inline = (Template) target.attribute("dockerfile-inline").orElseThrow().value();
        assertThat(inline.parts()).containsExactly("FROM alpine\nRUN echo ", new Reference(List.of("MSG"),
                ((Reference) inline.parts().get(1)).span()), "\n");
        assertThat(((Literal) target.attribute("description").orElseThrow().value()).value())
                .isEqualTo("first\n  second\n");
    }

    @Test
    void deepNestingIsRefusedWithAPlace() {
        assertThatThrownBy(() -> parse("x = " + "[".repeat(100_000) + "\n")).isInstanceOf(SourceException.class)
                .hasMessageContaining("nested more than");
        assertThatThrownBy(() -> parse("a {\n".repeat(100_000))).isInstanceOf(SourceException.class)
                .hasMessageContaining("nested more than");
    }

    @Test
    void syntaxErrorsArePlaced() {
        assertThatThrownBy(() -> parse("target \"a\" {\n  context = \"unterminated\n}\n"))
                .isInstanceOf(SourceException.class).hasMessageContaining("docker-bake.hcl:2:").hasMessageContaining(
                        "unterminated string");
        assertThatThrownBy(() -> parse("target \"a\" {\n  context = \".\"\n")).isInstanceOf(SourceException.class)
                .hasMessageContaining("expected '}'");
        assertThatThrownBy(() -> parse("= 1\n")).isInstanceOf(SourceException.class)
                .hasMessageContaining("docker-bake.hcl:1:1");
    }
}
