package dev.drydock.core.app;

import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The endpoints a startup file gives Kestrel in code: {@code options.ListenAnyIP(8080)},
 * {@code options.Listen(IPAddress.Any, 8443, o => o.UseHttps("cert.pfx"))}, each on its literal port, taking only TLS
 * when its options call UseHttps and plain HTTP otherwise. These replace the addresses of the urls setting.
 */
final class KestrelListens {

    private static final Pattern LISTEN = Pattern.compile("\\.(Listen|ListenAnyIP|ListenLocalhost)\\s*\\(");
    /** Calls that change endpoints drydock does not follow: defaults for every endpoint, configuration sections. */
    private static final Pattern UNFOLLOWED = Pattern.compile("\\.(ConfigureEndpointDefaults|Configure|ListenUnixSocket|"
            + "ListenNamedPipe|ListenHandle)\\s*\\(");
    private static final Pattern PORT = Pattern.compile("\\s*(\\d{1,5})\\s*");
    private static final Pattern USE_HTTPS = Pattern.compile("\\.UseHttps\\s*\\(");

    private KestrelListens() {}

    /**
     * One server start per Listen call of the file ({@code code} is its text with comments blanked), or none when a
     * call's port is no literal, when it listens on the loopback only, or when other calls may change the endpoints.
     */
    static List<ServerCall> of(SourceFile file, String code) {
        if (UNFOLLOWED.matcher(code).find()) {
            return List.of();
        }
        List<ServerCall> out = new ArrayList<>();
        Matcher m = LISTEN.matcher(code);
        while (m.find()) {
            int close = closing(code, m.end() - 1);
            if (close < 0 || m.group(1).equals("ListenLocalhost")) {
                return List.of();
            }
            List<String> args = arguments(code.substring(m.end(), close));
            String port = m.group(1).equals("Listen") ? (args.size() >= 2 ? args.get(1) : "") : args.get(0);
            Matcher number = PORT.matcher(port);
            if (!number.matches() || Integer.parseInt(number.group(1)) == 0
                    || Integer.parseInt(number.group(1)) > 65535) {
                return List.of();
            }
            int line = code.substring(0, m.start()).split("\n", -1).length;
            String written = file.text().substring(m.start() + 1, close + 1).strip();
            String options = String.join(",", args.subList(m.group(1).equals("Listen") ? 2 : 1, args.size()));
            boolean https = USE_HTTPS.matcher(options).find();
            out.add(new ServerCall(AspNetServer.KESTREL, shorten(written), false, false, file.path(), line, null,
                    Integer.valueOf(number.group(1)), number.group(1), null, null)
                    .withTls(new ServerCall.Tls(https, (https ? "UseHttps in " : "no UseHttps in ") + m.group(1)
                            + "(" + number.group(1) + ", ...) at " + file.path() + ":" + line)));
        }
        return out;
    }

    /** The call as messages quote it: its first line. */
    private static String shorten(String written) {
        int newline = written.indexOf('\n');
        return newline < 0 ? written : written.substring(0, newline).strip() + " ...";
    }

    /** The index of the parenthesis that closes the one at {@code open}, or -1. */
    private static int closing(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The top-level arguments of a call, split at the commas outside nested parentheses and braces. */
    private static List<String> arguments(String inside) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(inside.substring(start, i));
                start = i + 1;
            }
        }
        out.add(inside.substring(start));
        return out;
    }
}
