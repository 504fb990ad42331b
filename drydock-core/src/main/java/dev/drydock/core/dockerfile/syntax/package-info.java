/**
 * The Dockerfile syntax tree: a lossless parser that reads a Dockerfile exactly as BuildKit's
 * {@code frontend/dockerfile/parser} does and keeps every position.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link dev.drydock.core.dockerfile.syntax.DockerfileParser#parse} turns a
 *       {@link dev.drydock.core.source.SourceFile} into a {@link dev.drydock.core.dockerfile.syntax.Dockerfile},
 *       or throws a positioned {@link dev.drydock.core.source.SourceException} where BuildKit's parser
 *       fails.</li>
 *   <li>{@link dev.drydock.core.dockerfile.syntax.BuildkitAstDump} prints the tree in BuildKit's AST dump
 *       format, for conformance tests.</li>
 * </ul>
 *
 * <h2>Shape of the tree</h2>
 * A {@code Dockerfile} holds its parser directives, its instructions, every comment line and the blank
 * lines between instructions. An {@link dev.drydock.core.dockerfile.syntax.Instruction} holds its keyword as
 * written, its leading {@code --flags}, its {@link dev.drydock.core.dockerfile.syntax.Arguments} (a sealed
 * type whose variant follows BuildKit's dispatch table), its heredocs, the comment lines attached to it and
 * inside it, and its span. The instruction's {@code logicalText} is the joined text BuildKit parses, as a
 * {@link dev.drydock.core.source.MappedText} whose every character maps back to the file.
 *
 * <h2>Positions</h2>
 * Every {@link dev.drydock.core.source.Span} is a file region: an instruction's span runs from its first
 * line to the end of the last line it takes (continuations, comment and empty lines inside it, heredoc
 * bodies and terminators). Word spans cover the word's source characters, across a continuation when a
 * word is split by one. Line numbers of spans come from {@code SourceFile}; {@code Instruction.startLine/
 * endLine} are BuildKit's (counted at LF only, which differs only for files with lone CRs).
 *
 * <h2>What is left to later layers</h2>
 * Values are kept as written: quotes, escapes and {@code $variables} in ENV, LABEL, ARG and word lists are
 * for the shell-word layer to process; unknown instructions, flag names, argument counts and stage rules
 * are BuildKit's instruction layer's checks, not its parser's.
 */
package dev.drydock.core.dockerfile.syntax;
