package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.dockerfile.syntax.WordList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The entries of an EXPOSE instruction as written: {@code 8080}, {@code 53/udp}, {@code 8000-8010/tcp}.
 *
 * @param word the entry
 * @param first the first port, or -1 when it is not a number; {@code last} likewise (equal for a single port)
 */
public record ExposedPorts(Word word, long first, long last) {

    /** The entries without variables; others are left out, their value is known only at build time. */
    public static List<ExposedPorts> of(Instruction expose) {
        List<ExposedPorts> out = new ArrayList<>();
        if (expose.kind() != InstructionKind.EXPOSE || !(expose.arguments() instanceof WordList list)) {
            return out;
        }
        for (Word word : list.words()) {
            String value = CopySources.unquote(word.value());
            if (value.contains("$")) {
                continue;
            }
            String ports = value.contains("/") ? value.substring(0, value.indexOf('/')) : value;
            String[] range = ports.split("-", 2);
            long first = number(range[0]);
            long last = range.length > 1 ? number(range[1]) : first;
            out.add(new ExposedPorts(word, first, last));
        }
        return out;
    }

    private static long number(String text) {
        if (text.isEmpty() || text.length() > 12 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(text);
    }

    public boolean valid() {
        return first >= 0 && last >= 0 && first <= 65535 && last <= 65535 && first <= last && protocolValid();
    }

    private boolean protocolValid() {
        String value = CopySources.unquote(word.value());
        if (!value.contains("/")) {
            return true;
        }
        String protocol = value.substring(value.indexOf('/') + 1).toLowerCase(Locale.ROOT);
        return protocol.equals("tcp") || protocol.equals("udp") || protocol.equals("sctp");
    }

    public boolean includes(int port) {
        return first >= 0 && last >= 0 && first <= port && port <= last;
    }
}
