package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.source.MappedText;

/**
 * The arguments of an instruction BuildKit's parser does not know (it keeps none and later rejects
 * the instruction); the text after the keyword and flags is kept here as written.
 */
public record UnparsedArguments(MappedText text) implements Arguments {}
