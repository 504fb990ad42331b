package dev.drydock.core.dockerfile.syntax;

/**
 * ONBUILD: the trigger instruction, parsed like a top-level one with real file spans. Its span runs
 * from its keyword to the end of the ONBUILD instruction; it shares the ONBUILD's heredocs.
 */
public record OnbuildArguments(Instruction trigger) implements Arguments {}
