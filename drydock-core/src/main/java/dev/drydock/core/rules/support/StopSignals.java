package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Located;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.dockerfile.syntax.PlainText;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Origin;
import java.util.Locale;
import java.util.Optional;

/**
 * The signal a container is stopped with, where it is written: the compose service's {@code stop_signal} over
 * the image's {@code STOPSIGNAL}; and what gunicorn does with it: it stops at once on SIGINT and SIGQUIT (its
 * quick shutdown) and lets the workers finish their requests only on SIGTERM.
 */
public final class StopSignals {

    private StopSignals() {}

    /** A stop signal as written: its value and where. */
    public record Written(String value, Origin origin) {
        /** The signal's name without {@code SIG}, upper case; numbers as written ({@code 2}). */
        public String name() {
            return value.strip().toUpperCase(Locale.ROOT).replaceFirst("^SIG", "");
        }
    }

    /** The stop signal set for the container, or empty when it is Docker's default, SIGTERM, by omission. */
    public static Optional<Written> of(Container c) {
        Located<String> compose = c.service() == null ? null : c.service().stopSignal();
        if (compose != null && compose.value() != null && compose.file() != null && compose.node() != null) {
            return Optional.of(new Written(compose.value(), new Origin(compose.file().path(), compose.node().span())));
        }
        Setting<String> image = c.build() == null || c.build().stage() == null ? null
                : c.build().stage().config().stopSignal();
        if (image != null && image.instruction().arguments() instanceof PlainText text) {
            return Optional.of(new Written(image.value(), new Origin(image.instruction().file().path(), text.span())));
        }
        return Optional.empty();
    }

    /**
     * The signal docker stop sends the container, for messages: the one written ({@link #of}), else the STOPSIGNAL of
     * the official base image (SIGWINCH for httpd and the php image's apache variants, Apache's graceful stop; SIGQUIT
     * for nginx and php's fpm variants, their graceful stops), else SIGTERM.
     */
    public static String sent(Container c) {
        Optional<Written> written = of(c);
        if (written.isPresent()) {
            String name = written.get().name();
            return name.chars().allMatch(Character::isDigit) ? name : "SIG" + name;
        }
        return PhpWorkerSignals.imageStopSignal(c).or(() -> officialImageSignal(c)).orElse("SIGTERM");
    }

    private static Optional<String> officialImageSignal(Container c) {
        if (c.build() == null || c.build().model() == null || c.build().stage() == null) {
            return Optional.empty();
        }
        BaseImage base = Stages.rootBase(c.build().model(), c.build().stage());
        String name = base instanceof BaseImage.External e && e.reference() != null ? e.reference().familiarName() : null;
        return "httpd".equals(name) ? Optional.of("SIGWINCH") : "nginx".equals(name) ? Optional.of("SIGQUIT")
                : Optional.empty();
    }

    /** Whether the signal is SIGINT, however written: {@code SIGINT}, {@code INT}, {@code 2}. */
    public static boolean interrupt(String signal) {
        String name = signal.strip().toUpperCase(Locale.ROOT).replaceFirst("^SIG", "");
        return name.equals("INT") || name.equals("2");
    }

    /** Whether gunicorn quits on this signal without letting requests finish (SIGINT, SIGQUIT). */
    public static boolean quickShutdownForGunicorn(Written signal) {
        return switch (signal.name()) {
            case "INT", "QUIT", "2", "3" -> true;
            default -> false;
        };
    }

    /** The edit that sets the written signal to SIGTERM, keeping the quotes of a compose value. */
    public static Optional<TextEdit> toSigterm(Container c) {
        Located<String> compose = c.service() == null ? null : c.service().stopSignal();
        if (compose != null && compose.value() != null && compose.file() != null && compose.node() != null) {
            String written = compose.file().text(compose.node().span());
            String quote = written.startsWith("\"") || written.startsWith("'") ? written.substring(0, 1) : "";
            return Optional.of(SourceEdits.replace(compose.file(), compose.node().span(), quote + "SIGTERM" + quote));
        }
        return of(c).map(w -> TextEdit.replace(w.origin().file(), w.origin().span(), "SIGTERM"));
    }
}
