package dev.drydock.core.manifest;

import java.util.regex.Pattern;

/**
 * A parser library's error message as a user reads it: without the names of the library's own
 * settings and message codes ({@code StreamReadConstraints.getMaxNestingDepth()}, {@code JAXP00010006},
 * {@code jdk.xml.maxElementDepth}), which say nothing about the file.
 */
final class ParserMessages {

    private static final Pattern JACKSON_SETTING = Pattern.compile(", from `StreamReadConstraints\\.[A-Za-z]+\\(\\)`");
    private static final Pattern JAXP_CODE = Pattern.compile("^JAXP\\d+: ");
    private static final Pattern JDK_PROPERTY = Pattern.compile(" set by \"jdk\\.xml\\.[A-Za-z]+\"");

    private ParserMessages() {}

    static String clean(String message) {
        String out = JACKSON_SETTING.matcher(message).replaceAll("");
        out = JAXP_CODE.matcher(out).replaceFirst("");
        return JDK_PROPERTY.matcher(out).replaceAll("");
    }
}
