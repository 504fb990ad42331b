package dev.drydock.core.dockerfile.syntax;

import static dev.drydock.core.dockerfile.syntax.Parsing.only;
import static dev.drydock.core.dockerfile.syntax.Parsing.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.source.SourceException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FlagTest {

    @Test
    void leadingFlagsAreExtractedWithTheirSpans() {
        Instruction copy = only("COPY --from=build --chown=\"app user\":app --link /src /dst");
        assertThat(copy.flags()).extracting(Flag::name, Flag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("from", "build"),
                        org.assertj.core.groups.Tuple.tuple("chown", "app user:app"),
                        org.assertj.core.groups.Tuple.tuple("link", null));
        Flag chown = copy.flag("chown").orElseThrow();
        assertThat(chown.text()).isEqualTo("--chown=app user:app");
        assertThat(text(copy, chown.span())).isEqualTo("--chown=\"app user\":app");
        assertThat(text(copy, chown.nameSpan())).isEqualTo("chown");
        assertThat(text(copy, chown.valueSpan())).isEqualTo("app user\":app");
        assertThat(chown.valueText().text()).isEqualTo("app user:app");
        assertThat(copy.flag("link").orElseThrow().booleanValue()).isTrue();
        assertThat(copy.flag("link").orElseThrow().valueSpan()).isNull();
        assertThat(((WordList) copy.arguments()).values()).containsExactly("/src", "/dst");
        assertThat(copy.flagValue("from")).contains("build");
    }

    @Test
    void aDoubleDashEndsTheFlags() {
        Instruction copy = only("COPY --parents=true -- --not-a-flag /dst");
        assertThat(copy.flags()).extracting(Flag::text).containsExactly("--parents=true");
        assertThat(((WordList) copy.arguments()).values()).containsExactly("--not-a-flag", "/dst");
        assertThat(copy.flag("parents").orElseThrow().booleanValue()).isTrue();
        // flags stop at the first word that does not start with --
        Instruction run = only("RUN -x --network=none true");
        assertThat(run.flags()).isEmpty();
    }

    @Test
    void repeatableFlagsKeepEveryValue() {
        Instruction copy = only("COPY --exclude=*.md --exclude='**/test' . /app");
        assertThat(copy.flags("exclude")).extracting(Flag::value).containsExactly("*.md", "**/test");
        Instruction run = only("RUN --network=host --security=insecure --mount=type=cache,target=/root/.cache "
                + "--mount=type=secret,id=npm,env=NPM_TOKEN make");
        assertThat(run.flagValue("network")).contains("host");
        assertThat(run.flagValue("security")).contains("insecure");
        assertThat(run.mounts()).extracting(MountSpec::type).containsExactly("cache", "secret");
    }

    @Test
    void flagValuesFollowBuildkitsTypes() {
        assertThat(only("COPY --link=FALSE a b").flag("link").orElseThrow().booleanValue()).isFalse();
        assertThatThrownBy(() -> only("COPY --link=yes a b").flag("link").orElseThrow().booleanValue())
                .isInstanceOf(SourceException.class)
                .hasMessage("Dockerfile:1:13: Expecting boolean value for flag link, not: yes");
        assertThatThrownBy(() -> only("FROM --platform alpine").flag("platform").orElseThrow().stringValue())
                .hasMessage("Dockerfile:1:6: Missing a value on flag: platform");
        assertThat(only("FROM --platform=$BUILDPLATFORM alpine").flagValue("platform")).contains("$BUILDPLATFORM");
        assertThat(only("ADD --checksum=sha256:abc --keep-git-dir=true https://x/y /z").flags())
                .extracting(Flag::name).containsExactly("checksum", "keep-git-dir");
        assertThat(only("COPY --chmod=0755 a b").flagValue("chmod")).contains("0755");
    }

    @Test
    void mountsAreParsedAsCsvWithTypedFields() {
        Instruction run = only("RUN --mount=type=cache,target=/var/cache/apt,sharing=locked,id=apt,mode=0755,uid=1000 apt-get update");
        MountSpec cache = run.mounts().get(0);
        assertThat(cache.type()).isEqualTo("cache");
        assertThat(cache.target()).contains("/var/cache/apt");
        assertThat(cache.sharing()).contains("locked");
        assertThat(cache.id()).contains("apt");
        assertThat(cache.mode().getAsLong()).isEqualTo(0755);
        assertThat(cache.uid().getAsLong()).isEqualTo(1000);
        assertThat(cache.readOnly()).isFalse();
        MountOption target = cache.option("target").orElseThrow();
        assertThat(text(run, target.span())).isEqualTo("target=/var/cache/apt");
        assertThat(text(run, target.valueSpan())).isEqualTo("/var/cache/apt");

        MountSpec bind = only("RUN --mount=from=build,src=/out,dst=/in,rw ls").mounts().get(0);
        assertThat(bind.type()).isEqualTo("bind");
        assertThat(bind.source()).contains("/out");
        assertThat(bind.target()).contains("/in");
        assertThat(bind.from()).contains("build");
        assertThat(bind.readOnly()).isFalse();
        assertThat(only("RUN --mount=type=bind,target=/x ls").mounts().get(0).readOnly()).isTrue();

        MountSpec secret = only("RUN --mount=type=secret,id=token,required,env=TOKEN x").mounts().get(0);
        assertThat(secret.required()).isTrue();
        assertThat(secret.env()).contains("TOKEN");
        assertThat(only("RUN --mount=type=tmpfs,target=/t,size=64m x").mounts().get(0).size().getAsLong())
                .isEqualTo(64L << 20);
        // quoted CSV fields, and a quoted flag value
        MountSpec quoted = only("RUN --mount='type=bind,\"target=/a,b\"' x").mounts().get(0);
        assertThat(quoted.target()).contains("/a,b");
        // a value from a build argument is kept, not checked
        assertThat(only("RUN --mount=type=cache,target=/c,uid=$UID x").mounts().get(0).uid()).isEmpty();
    }

    @Test
    void badMountsAreErrorsAtTheField() {
        assertThatThrownBy(() -> only("RUN --mount=type=cache,target=/c,mode=999 x").mounts())
                .hasMessage("Dockerfile:1:39: invalid value 999 for mode");
        assertThatThrownBy(() -> only("RUN --mount=type=volume,target=/c x").mounts())
                .hasMessage("Dockerfile:1:18: unsupported mount type \"volume\"");
        assertThatThrownBy(() -> only("RUN --mount=type=bind,foo=bar x").mounts())
                .hasMessage("Dockerfile:1:23: unexpected key 'foo' in 'foo=bar'");
        assertThatThrownBy(() -> only("RUN --mount=type=bind,target=/x,uid=1 x").mounts())
                .hasMessage("Dockerfile:1:33: uid not allowed for \"bind\" type mounts");
        assertThatThrownBy(() -> only("RUN --mount=type=bind,target=/x,required x").mounts())
                .hasMessage("Dockerfile:1:33: unexpected key 'required' for mount type 'bind'");
        // an escaped quote reaches the CSV reader (an unescaped one is a flag-level quote)
        assertThatThrownBy(() -> only("RUN --mount=type=bind,tar\\\"get=/x x").mounts())
                .hasMessage("Dockerfile:1:27: failed to parse csv mounts: parse error on line 1, column 14: bare \" in non-quoted-field");
        assertThatThrownBy(() -> only("RUN --mount=type=secret x").mounts())
                .hasMessage("Dockerfile:1:13: invalid secret mount. one of source, target required");
        assertThatThrownBy(() -> only("RUN --mount=from=$STAGE,target=/x x").mounts())
                .hasMessage("Dockerfile:1:18: 'from' doesn't support variable expansion, define alias stage instead");
        assertThatThrownBy(() -> only("RUN --mount=type=cache,sharing=maybe,target=/x x").mounts())
                .hasMessage("Dockerfile:1:32: unsupported sharing value \"maybe\"");
        assertThatThrownBy(() -> only("RUN --mount=type=cache,target=/x,ro=maybe x").mounts())
                .hasMessage("Dockerfile:1:37: invalid value for ro: maybe");
        assertThatThrownBy(() -> only("RUN --mount=cache x").mounts())
                .hasMessage("Dockerfile:1:13: invalid field 'cache' must be a key=value pair");
    }

    @Test
    void healthcheckOptionsReadGoDurations() {
        Instruction check = only("HEALTHCHECK --interval=1m30s --timeout=500ms --start-period=0s --retries=3 CMD true");
        HealthcheckOptions options = HealthcheckOptions.of(check);
        assertThat(options.interval()).contains(Duration.ofSeconds(90));
        assertThat(options.timeout()).contains(Duration.ofMillis(500));
        assertThat(options.startPeriod()).contains(Duration.ZERO);
        assertThat(options.startInterval()).isEqualTo(Optional.empty());
        assertThat(options.retries()).isEqualTo(OptionalInt.of(3));
        assertThat(check.flag("interval").orElseThrow().durationValue()).isEqualTo(Duration.ofSeconds(90));
    }

    @Test
    void badHealthcheckOptionsAreErrorsAtTheValue() {
        assertThatThrownBy(() -> HealthcheckOptions.of(only("HEALTHCHECK --interval=5 CMD true")))
                .isInstanceOf(SourceException.class)
                .hasMessage("Dockerfile:1:24: time: missing unit in duration \"5\"");
        assertThatThrownBy(() -> HealthcheckOptions.of(only("HEALTHCHECK \\\n  --timeout=3x CMD true")))
                .hasMessage("Dockerfile:2:13: time: unknown unit \"x\" in duration \"3x\"");
        assertThatThrownBy(() -> HealthcheckOptions.of(only("HEALTHCHECK --interval=100us CMD true")))
                .hasMessage("Dockerfile:1:24: Interval \"interval\" cannot be less than 1ms");
        assertThatThrownBy(() -> HealthcheckOptions.of(only("HEALTHCHECK --retries=-1 CMD true")))
                .hasMessage("Dockerfile:1:23: --retries cannot be negative (-1)");
        assertThatThrownBy(() -> HealthcheckOptions.of(only("HEALTHCHECK --retries=x CMD true")))
                .hasMessage("Dockerfile:1:23: strconv.ParseInt: parsing \"x\": invalid syntax");
        assertThatThrownBy(() -> HealthcheckOptions.of(only("HEALTHCHECK --timeout=1s --timeout=2s CMD true")))
                .hasMessage("Dockerfile:1:26: Duplicate flag specified: timeout");
    }
}
