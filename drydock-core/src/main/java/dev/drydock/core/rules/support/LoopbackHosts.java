package dev.drydock.core.rules.support;

import java.util.Locale;

/** Host names that reach only the container itself: localhost, 127.0.0.0/8 and ::1 (bracketed or not). */
public final class LoopbackHosts {

    private LoopbackHosts() {}

    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]");
    }
}
