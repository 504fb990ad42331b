/**
 * Discovery of a project's files: one walk that finds and classifies Dockerfiles, compose files,
 * ignore files, env files, {@code .gitignore}, dependency manifests, CI configuration and
 * application sources, and safe reading of them.
 *
 * <ul>
 *   <li>{@link dev.drydock.core.discovery.ProjectScanner} walks a folder (or classifies explicit
 *       files) into an immutable {@link dev.drydock.core.discovery.ProjectLayout}.
 *   <li>{@link dev.drydock.core.discovery.FileClassifier} tells a file's
 *       {@link dev.drydock.core.discovery.FileType} from its name and place, never its content.
 *   <li>{@link dev.drydock.core.discovery.SkipRule} is the table of folders not walked.
 *   <li>{@link dev.drydock.core.discovery.ProjectFiles} resolves and reads root-relative paths,
 *       refusing anything outside the root, and is how other readers follow paths named inside
 *       files (a compose {@code build.dockerfile} or {@code env_file}).
 * </ul>
 *
 * <p>Decisions: classification never reads files (speed over thousands of repositories; a
 * Dockerfile under an odd name is given explicitly with {@link dev.drydock.core.discovery.ExplicitFile#as});
 * folder symlinks are never followed (Docker sends them as links, and following them would list
 * files twice or loop); files of the kinds read as text above the size bound (4 MiB by default)
 * or unreadable are left out with an error (the review reports them), while lock files and sources are listed whatever their
 * size; malformed UTF-8 is read with U+FFFD and a warning rather than refused, because Docker
 * builds such files; paths are always root-relative with '/'.
 */
package dev.drydock.core.discovery;
