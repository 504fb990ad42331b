package dev.drydock.core.dockerfile.syntax;

import static dev.drydock.core.dockerfile.syntax.Parsing.dump;
import static dev.drydock.core.dockerfile.syntax.Parsing.only;
import static dev.drydock.core.dockerfile.syntax.Parsing.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

class ArgumentsTest {

    @Test
    void execFormElementsKnowTheirLiterals() {
        Instruction cmd = only("CMD [ \"python\", \"-m\",\t\"http.server\" ]");
        ExecForm exec = (ExecForm) cmd.arguments();
        assertThat(exec.values()).containsExactly("python", "-m", "http.server");
        assertThat(exec.elements()).extracting(w -> text(cmd, w.span()))
                .containsExactly("\"python\"", "\"-m\"", "\"http.server\"");
        assertThat(exec.span().toString()).isEqualTo("1:5-1:38");
        assertThat(cmd.isJsonForm()).isTrue();
        assertThat(((ExecForm) only("ENTRYPOINT []").arguments()).elements()).isEmpty();
        assertThat(((ExecForm) only("RUN [\"a\\u00e9\\n\", \"\\ud83d\\ude00\", \"\\udc00\"]").arguments()).values())
                .containsExactly("a\u00e9\n", "\ud83d\ude00", "\ufffd");
    }

    @Test
    void invalidJsonFallsBackToShellForm() {
        for (String args : new String[] {"['a','b']", "[\"a\",]", "[\"a\"] # comment", "[\"c:\\x\"]", "[\"a\"",
                "[01]", "[\"tab\tinside\"]", "[\"a\" \"b\"]", "[nul]"}) {
            Instruction run = only("RUN " + args);
            assertThat(run.arguments()).as(args).isInstanceOf(ShellForm.class);
            assertThat(((ShellForm) run.arguments()).text()).isEqualTo(args);
            assertThat(run.isJsonForm()).isFalse();
        }
        // too deep for Go's decoder: a syntax error, so shell form too
        String deep = "[" + "[".repeat(10000) + "]".repeat(10000) + "]";
        assertThat(only("RUN " + deep).arguments()).isInstanceOf(ShellForm.class);
    }

    @Test
    void copyAddAndVolumeTakeJsonOrWords() {
        WordList json = (WordList) only("COPY [\"a b\", \"/dst/\"]").arguments();
        assertThat(json.json()).isTrue();
        assertThat(json.values()).containsExactly("a b", "/dst/");
        WordList words = (WordList) only("ADD  'a b'  \"c\"\t/d").arguments();
        assertThat(words.json()).isFalse();
        assertThat(words.values()).containsExactly("'a", "b'", "\"c\"", "/d");
        assertThat(((WordList) only("VOLUME /a /b").arguments()).values()).containsExactly("/a", "/b");
    }

    @Test
    void envAndLabelTakeNameValuePairs() {
        Instruction env = only("ENV A=1 B=\"two words\" C=three\\ words D=");
        KeyValueList list = (KeyValueList) env.arguments();
        assertThat(list.legacyForm()).isFalse();
        assertThat(list.entries()).extracting(kv -> kv.name().value(), kv -> kv.value().value())
                .containsExactly(tuple("A", "1"), tuple("B", "\"two words\""), tuple("C", "three\\ words"),
                        tuple("D", ""));
        KeyValue b = list.entries().get(1);
        assertThat(b.name().span().toString()).isEqualTo("1:9-1:10");
        assertThat(b.value().span().toString()).isEqualTo("1:11-1:22");
        assertThat(b.span().toString()).isEqualTo("1:9-1:22");
        assertThat(list.entries().get(3).value().span().toString()).isEqualTo("1:40-1:40");

        KeyValueList legacy = (KeyValueList) only("ENV PATH   /usr/bin:$PATH  more").arguments();
        assertThat(legacy.legacyForm()).isTrue();
        assertThat(legacy.entries()).extracting(kv -> kv.name().value(), kv -> kv.value().value())
                .containsExactly(tuple("PATH", "/usr/bin:$PATH  more"));
        assertThat(legacy.entries().get(0).value().span().toString()).isEqualTo("1:12-1:32");

        assertThat(dump("LABEL \"com.example.vendor\"=\"ACME\" version=1.0"))
                .isEqualTo("(label \"\\\"com.example.vendor\\\"\" \"\\\"ACME\\\"\" \"=\" \"version\" \"1.0\" \"=\")");
    }

    @Test
    void argTakesNamesWithOrWithoutValues() {
        ArgList args = (ArgList) only("ARG VERSION BASE=alpine:3 EMPTY=").arguments();
        assertThat(args.entries()).extracting(kv -> kv.name().value(), kv -> kv.hasValue() ? kv.value().value() : null)
                .containsExactly(tuple("VERSION", null), tuple("BASE", "alpine:3"), tuple("EMPTY", ""));
        assertThat(args.entries().get(1).value().span().toString()).isEqualTo("1:18-1:26");
    }

    @Test
    void singleValueInstructionsKeepTheRestOfTheLine() {
        PlainText user = (PlainText) only("USER  app:app  ").arguments();
        assertThat(user.text()).isEqualTo("app:app");
        assertThat(user.span().toString()).isEqualTo("1:7-1:14");
        assertThat(((PlainText) only("WORKDIR /my dir").arguments()).text()).isEqualTo("/my dir");
        assertThat(only("STOPSIGNAL").arguments()).isInstanceOf(NoArguments.class);
        assertThat(only("RUN").arguments()).isInstanceOf(NoArguments.class);
    }

    @Test
    void healthcheckTakesATypeAndACommand() {
        HealthcheckArguments none = (HealthcheckArguments) only("HEALTHCHECK none").arguments();
        assertThat(none.isNone()).isTrue();
        assertThat(none.command()).isInstanceOf(NoArguments.class);
        Instruction shell = only("HEALTHCHECK --interval=30s CMD curl -f http://localhost/ || exit 1");
        HealthcheckArguments cmd = (HealthcheckArguments) shell.arguments();
        assertThat(cmd.isCmd()).isTrue();
        assertThat(((ShellForm) cmd.command()).text()).isEqualTo("curl -f http://localhost/ || exit 1");
        assertThat(cmd.type().span().toString()).isEqualTo("1:28-1:31");
        HealthcheckArguments exec = (HealthcheckArguments) only("HEALTHCHECK CMD [\"/bin/check\"]").arguments();
        assertThat(((ExecForm) exec.command()).values()).containsExactly("/bin/check");
        assertThat(exec.isJson()).isTrue();
        assertThat(only("HEALTHCHECK").arguments()).isInstanceOf(NoArguments.class);
    }

    @Test
    void onbuildNestsItsTriggerWithRealSpans() {
        Instruction onbuild = only("FROM a\nonbuild  Copy --chown=app . \\\n   /app\n");
        assertThat(onbuild.kind()).isEqualTo(InstructionKind.ONBUILD);
        Instruction trigger = onbuild.trigger().orElseThrow();
        assertThat(trigger.kind()).isEqualTo(InstructionKind.COPY);
        assertThat(trigger.keyword().value()).isEqualTo("Copy");
        assertThat(trigger.keyword().span().toString()).isEqualTo("2:10-2:14");
        assertThat(trigger.flags()).extracting(Flag::text).containsExactly("--chown=app");
        assertThat(trigger.flags().get(0).span().toString()).isEqualTo("2:15-2:26");
        assertThat(((WordList) trigger.arguments()).words()).extracting(w -> w.span().toString())
                .containsExactly("2:27-2:28", "3:4-3:8");
        assertThat(trigger.span().toString()).isEqualTo("2:10-3:8");
        assertThat(onbuild.span().toString()).isEqualTo("2:1-3:8");
        assertThat(trigger.logicalText().text()).isEqualTo("onbuild  Copy --chown=app .    /app");
        assertThat(trigger.logicalText()).isSameAs(onbuild.logicalText());
        assertThat(BuildkitAstDump.dump(onbuild)).isEqualTo("onbuild (copy [\"--chown=app\"] \".\" \"/app\")");
        // BuildKit's parser accepts nested ONBUILD; the dump nests it
        assertThat(dump("ONBUILD ONBUILD RUN x")).isEqualTo("(onbuild (onbuild (run \"x\")))");
        assertThat(dump("ONBUILD")).isEqualTo("(onbuild)");
    }

    @Test
    void aLongOnbuildChainIsNoProblem() {
        Instruction chain = only("ONBUILD ".repeat(5000) + "RUN x");
        String dump = BuildkitAstDump.dump(chain);
        assertThat(dump.startsWith("onbuild (onbuild (")).isTrue();
        assertThat(dump.endsWith("(run \"x\"" + ")".repeat(5000))).isTrue();
        assertThat(dump.length()).isEqualTo("onbuild (".length() * 5000 + "run \"x\"".length() + 5000);
    }

    @Test
    void keywordsAreMatchedInAnyCaseAndKeptAsWritten() {
        Instruction run = only("rUn echo");
        assertThat(run.kind()).isEqualTo(InstructionKind.RUN);
        assertThat(run.keyword().value()).isEqualTo("rUn");
        assertThat(run.keyword().span().toString()).isEqualTo("1:1-1:4");
        assertThat(dump("fRoM alpine AS build")).isEqualTo("(from \"alpine\" \"AS\" \"build\")");
    }

    @Test
    void unknownInstructionsKeepTheirText() {
        Instruction unknown = only("FORM alpine");
        assertThat(unknown.kind()).isEqualTo(InstructionKind.UNKNOWN);
        assertThat(((UnparsedArguments) unknown.arguments()).text().text()).isEqualTo("alpine");
        assertThat(dump("FORM alpine")).isEqualTo("(form \"\")");
    }

    @Test
    void whitespaceSplitFollowsBuildkitsCharacterClass() {
        // EXPOSE and FROM split at [\t\v\f\r ] only
        assertThat(((WordList) only("EXPOSE 80\u000b443\u00a0x").arguments()).values())
                .containsExactly("80", "443\u00a0x");
    }
}
