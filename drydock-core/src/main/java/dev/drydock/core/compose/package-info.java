/**
 * Reading compose files exactly as Docker Compose does, with positions.
 *
 * <p>Entry point: {@link dev.drydock.core.compose.ComposeLoader#load(ComposeLoader.Options)} returns a
 * {@link dev.drydock.core.compose.ComposeProject}: typed {@link dev.drydock.core.compose.Service}s and
 * top-level {@link dev.drydock.core.compose.Resource}s whose values are
 * {@link dev.drydock.core.compose.Located} (file, span, key span of the YAML node that set them, in
 * whichever file set them), the merged YAML ({@link dev.drydock.core.compose.MapNode}) for anything not
 * typed, every interpolated variable ({@link dev.drydock.core.compose.VariableReference}: used, missing,
 * defaulted with the default's text and span) and positioned diagnostics. YAML syntax errors are
 * {@link dev.drydock.core.source.SourceException}s.
 *
 * <p>Pipeline per file, as in compose-go: YAML ({@code YamlReader}) → interpolation
 * ({@code Interpolator}, {@link dev.drydock.core.compose.template.Template}) → structural validation
 * ({@code Validator} with {@code SchemaTable}) → {@code include} → {@code extends}; then files and
 * documents merge with {@code Merger}'s rules and {@code ModelReader} builds the model.
 */
package dev.drydock.core.compose;
