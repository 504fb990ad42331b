package dev.drydock.core.supervisor;

import dev.drydock.core.source.Span;

/**
 * A {@code user=} line of a supervisord configuration: the user named, after expansions, and where it is written.
 *
 * @param name the user name or numeric id
 * @param file the configuration file (a project path)
 * @param span the line
 */
public record UserLine(String name, String file, Span span) {}
