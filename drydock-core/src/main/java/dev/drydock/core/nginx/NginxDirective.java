package dev.drydock.core.nginx;

import dev.drydock.core.source.SourceFile;
import java.util.List;

/**
 * One directive of an nginx configuration file: its name, its arguments as written (quotes removed), and the
 * directives of its block ({@code server { ... }}), or null for a simple directive ending in ';'.
 */
public record NginxDirective(String name, List<Word> args, List<NginxDirective> block, SourceFile file, int start) {

    /** An argument: its value and where it is written in the file. */
    public record Word(String value, int start, int end) {}

    public NginxDirective {
        args = List.copyOf(args);
        block = block == null ? null : List.copyOf(block);
    }

    /** The argument at {@code index}'s value, or null. */
    public String arg(int index) {
        return index < args.size() ? args.get(index).value() : null;
    }

    public int line() {
        return file.position(start).line();
    }

    /** The directive's file and line, for messages: {@code nginx/default.conf:12}. */
    public String where() {
        return file.path() + ":" + line();
    }
}
