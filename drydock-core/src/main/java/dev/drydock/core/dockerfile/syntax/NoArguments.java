package dev.drydock.core.dockerfile.syntax;

/** Nothing after the keyword and flags, for instructions whose arguments are one value or a command. */
public record NoArguments() implements Arguments {}
