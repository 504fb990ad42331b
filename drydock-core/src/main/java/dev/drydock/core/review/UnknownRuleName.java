package dev.drydock.core.review;

/**
 * A rule id or alias written in a configuration file or an inline ignore comment that names no rule.
 *
 * @param location where the name is written (the file relative to the project root, {@code ../} for a
 *     configuration file in a parent folder)
 * @param name the name as written
 * @param where what wrote it, for the message: {@code "ignore in .drydock.yaml"}, {@code "a # hadolint ignore comment"}
 * @param line the whole line the name is on, shown as the excerpt
 */
public record UnknownRuleName(Location location, String name, String where, String line) {}
