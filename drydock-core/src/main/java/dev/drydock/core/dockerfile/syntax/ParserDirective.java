package dev.drydock.core.dockerfile.syntax;

import dev.drydock.core.source.Span;

/**
 * A parser directive from the file's leading comment block, such as {@code # syntax=docker/dockerfile:1},
 * {@code # escape=`} or {@code # check=skip=JSONArgsRecommended}.
 *
 * @param name the directive's name, lower-cased ({@code syntax}, {@code escape} or {@code check})
 * @param value the value, trailing white space removed
 * @param span the line from its {@code #} to its end
 * @param nameSpan the name as written (any case)
 * @param valueSpan the value
 */
public record ParserDirective(String name, String value, Span span, Span nameSpan, Span valueSpan) {}
