package dev.drydock.core.image;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A container image reference as Docker and BuildKit read it ({@code reference.ParseNormalizedNamed}
 * of {@code github.com/distribution/reference}), normalised: {@code python:3.12} is registry
 * {@code docker.io}, repository {@code library/python}, tag {@code 3.12}.
 *
 * <p>Besides real images, two kinds of FROM argument are recognised without error: {@code scratch}
 * (the empty image; matched exactly, as BuildKit does) and references that still contain a
 * variable reference ({@code $NAME} or {@code ${...}}) because it could not be expanded
 * ({@link Kind#UNRESOLVED}); for these the registry, repository, tag and digest are null.
 *
 * @param kind what the reference denotes
 * @param original the reference as written
 * @param registry the registry host (with port), {@code docker.io} for Docker Hub; null unless
 *     {@link Kind#IMAGE} (empty in the rare case where the first component looks like a host, for
 *     example {@code my_host.com/app}, but is not a valid one: it is then a path component)
 * @param repository the repository path, {@code library/python} for official images
 * @param tag the tag as written, or null (see {@link #effectiveTag()})
 * @param digest the digest ({@code sha256:...}) as written, or null
 */
public record ImageReference(Kind kind, String original, String registry, String repository, String tag,
        String digest) {

    /** Docker Hub's registry name in normalised references. */
    public static final String DOCKER_HUB = "docker.io";

    /** The tag pulled when a reference has neither tag nor digest. */
    public static final String DEFAULT_TAG = "latest";

    private static final String OFFICIAL_PREFIX = "library/";
    private static final int MAX_PATH_LENGTH = 255;

    /** What a reference denotes. */
    public enum Kind {
        /** An image in a registry. */
        IMAGE,
        /** {@code scratch}, the empty base image. */
        SCRATCH,
        /** A reference containing an unexpanded variable, such as {@code ${BASE}:3.11}. */
        UNRESOLVED
    }

    public ImageReference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(original, "original");
        if (kind == Kind.IMAGE) {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(repository, "repository");
        }
    }

    /**
     * Parses a reference as written in FROM (after variable expansion), {@code docker pull} or a
     * compose {@code image:}. Throws {@link InvalidImageReferenceException} (an
     * {@link IllegalArgumentException}) with the reason when Docker would refuse it.
     */
    public static ImageReference parse(String reference) {
        Objects.requireNonNull(reference, "reference");
        if (reference.equals("scratch")) {
            return new ImageReference(Kind.SCRATCH, reference, null, null, null, null);
        }
        if (containsVariable(reference)) {
            return new ImageReference(Kind.UNRESOLVED, reference, null, null, null, null);
        }
        if (reference.isEmpty()) {
            throw new InvalidImageReferenceException(reference, "the reference is empty");
        }
        if (ReferenceGrammar.isIdentifier(reference)) {
            throw new InvalidImageReferenceException(reference,
                    "invalid repository name (" + reference + "), cannot specify 64-byte hexadecimal strings");
        }

        // split off the registry the way Docker does for familiar names
        String domain;
        String remainder;
        int slash = reference.indexOf('/');
        if (slash < 0) {
            domain = DOCKER_HUB;
            remainder = OFFICIAL_PREFIX + reference;
        } else {
            String maybeDomain = reference.substring(0, slash);
            String rest = reference.substring(slash + 1);
            if (maybeDomain.equals("localhost")
                    || maybeDomain.indexOf('.') >= 0
                    || maybeDomain.indexOf(':') >= 0
                    || !maybeDomain.toLowerCase(Locale.ROOT).equals(maybeDomain)) {
                domain = maybeDomain.equals("index.docker.io") ? DOCKER_HUB : maybeDomain;
                remainder = rest;
            } else {
                domain = DOCKER_HUB;
                remainder = reference;
            }
            if (domain.equals(DOCKER_HUB) && remainder.indexOf('/') < 0) {
                remainder = OFFICIAL_PREFIX + remainder;
            }
        }
        int colon = remainder.indexOf(':');
        String remote = colon < 0 ? remainder : remainder.substring(0, colon);
        if (!remote.toLowerCase(Locale.ROOT).equals(remote)) {
            throw new InvalidImageReferenceException(reference,
                    "invalid reference format: repository name (" + remote + ") must be lowercase");
        }

        String full = domain + "/" + remainder;
        ReferenceGrammar.Match m = ReferenceGrammar.match(full);
        if (m == null) {
            String lower = full.toLowerCase(Locale.ROOT);
            if (!lower.equals(full) && ReferenceGrammar.match(lower) != null) {
                throw new InvalidImageReferenceException(reference, "repository name must be lowercase");
            }
            throw new InvalidImageReferenceException(reference, "invalid reference format" + diagnose(reference));
        }
        if (m.path().length() > MAX_PATH_LENGTH) {
            throw new InvalidImageReferenceException(reference,
                    "repository name must not be more than " + MAX_PATH_LENGTH + " characters");
        }
        if (m.digest() != null) {
            String problem = ReferenceGrammar.digestProblem(m.digest());
            if (problem != null) {
                throw new InvalidImageReferenceException(reference, problem);
            }
        }
        return new ImageReference(Kind.IMAGE, reference, m.domain(), m.path(), m.tag(), m.digest());
    }

    /** Whether {@code s} has a {@code $NAME} or {@code ${...}} variable reference. */
    static boolean containsVariable(String s) {
        for (int i = s.indexOf('$'); i >= 0 && i + 1 < s.length(); i = s.indexOf('$', i + 1)) {
            char c = s.charAt(i + 1);
            if (c == '{' || c == '_' || Character.isLetter(c)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #parse}, or empty when the reference is invalid. */
    public static Optional<ImageReference> tryParse(String reference) {
        try {
            return Optional.of(parse(reference));
        } catch (InvalidImageReferenceException e) {
            return Optional.empty();
        }
    }

    /** A hint at the part that breaks the grammar, for the error message ("" when none is clear). */
    private static String diagnose(String reference) {
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return ": it contains white space";
            }
        }
        int at = reference.indexOf('@');
        if (at >= 0) {
            String digest = reference.substring(at + 1);
            if (!ReferenceGrammar.isDigestPattern(digest, 0, digest.length())) {
                return ": invalid digest \"" + digest + "\" (expected algorithm:hex, such as sha256: and 64 hex digits)";
            }
        }
        String left = at < 0 ? reference : reference.substring(0, at);
        int lastSlash = left.lastIndexOf('/');
        int colon = left.indexOf(':', lastSlash + 1);
        if (colon >= 0) {
            String tag = left.substring(colon + 1);
            if (!ReferenceGrammar.isTag(tag, 0, tag.length())) {
                return ": invalid tag \"" + tag + "\" (letters, digits, _ . -, not starting with . or -, at most 128)";
            }
            left = left.substring(0, colon);
        }
        String[] components = left.split("/", -1);
        for (int i = 0; i < components.length; i++) {
            String component = components[i];
            if (i == 0 && components.length > 1 && looksLikeHost(component)) {
                if (!ReferenceGrammar.isDomainAndPort(component, 0, component.length())) {
                    return ": invalid registry host \"" + component + "\"";
                }
                continue;
            }
            if (!ReferenceGrammar.isPathComponent(component, 0, component.length())) {
                return ": invalid repository name component \"" + component
                        + "\" (lowercase letters and digits, separated by . _ __ or dashes)";
            }
        }
        return "";
    }

    private static boolean looksLikeHost(String component) {
        return component.equals("localhost") || component.indexOf('.') >= 0 || component.indexOf(':') >= 0;
    }

    /** Whether this is an image in a registry (not scratch, not unresolved). */
    public boolean isImage() {
        return kind == Kind.IMAGE;
    }

    public boolean isScratch() {
        return kind == Kind.SCRATCH;
    }

    /** Whether the reference still contains an unexpanded variable. */
    public boolean isUnresolved() {
        return kind == Kind.UNRESOLVED;
    }

    /** Registry and repository, normalised: {@code docker.io/library/python}. Null unless an image. */
    public String fullName() {
        if (!isImage()) {
            return null;
        }
        return registry.isEmpty() ? repository : registry + "/" + repository;
    }

    /**
     * Registry and repository as Docker shows them: {@code python}, {@code bitnami/redis},
     * {@code ghcr.io/org/app}. Null unless an image.
     */
    public String familiarName() {
        if (!isImage()) {
            return null;
        }
        if (!registry.equals(DOCKER_HUB)) {
            return fullName();
        }
        if (repository.startsWith(OFFICIAL_PREFIX) && repository.indexOf('/', OFFICIAL_PREFIX.length()) < 0) {
            return repository.substring(OFFICIAL_PREFIX.length());
        }
        return repository;
    }

    /** {@link #familiarName()} with the tag and digest as written: {@code python:3.12-slim}. */
    public String familiarString() {
        return isImage() ? familiarName() + suffix(false) : original;
    }

    /**
     * The normalised reference BuildKit pulls: {@link #fullName()} with the tag and digest, and the
     * tag {@code latest} when neither is given ({@code docker.io/library/python:latest}).
     */
    public String canonicalString() {
        return isImage() ? fullName() + suffix(true) : original;
    }

    private String suffix(boolean defaultTag) {
        StringBuilder out = new StringBuilder();
        if (tag != null) {
            out.append(':').append(tag);
        } else if (defaultTag && digest == null) {
            out.append(':').append(DEFAULT_TAG);
        }
        if (digest != null) {
            out.append('@').append(digest);
        }
        return out.toString();
    }

    /** {@link #effectiveTag()} in lower case, empty when there is none (a digest alone, or not an image). */
    public String effectiveTagLowerCase() {
        String effective = effectiveTag();
        return effective == null ? "" : effective.toLowerCase(Locale.ROOT);
    }

    /** The tag that is pulled: the explicit tag, {@code latest} when neither tag nor digest is given, else null. */
    public String effectiveTag() {
        if (!isImage()) {
            return null;
        }
        if (tag != null) {
            return tag;
        }
        return digest == null ? DEFAULT_TAG : null;
    }

    /** Whether a digest pins the content ({@code image@sha256:...}, with or without a tag). */
    public boolean isPinnedByDigest() {
        return digest != null;
    }

    public boolean hasExplicitTag() {
        return tag != null;
    }

    /**
     * Whether the tag is {@code latest}, written or implied ({@code python} and {@code python:latest};
     * not {@code python@sha256:...}). Combine with {@link #isPinnedByDigest()} to find moving references.
     */
    public boolean isLatest() {
        return DEFAULT_TAG.equals(effectiveTag());
    }

    /** Whether this is a Docker Official Image ({@code docker.io/library/<name>}). */
    public boolean isOfficialImage() {
        return isImage() && registry.equals(DOCKER_HUB) && repository.startsWith(OFFICIAL_PREFIX)
                && repository.indexOf('/', OFFICIAL_PREFIX.length()) < 0;
    }

    /** Whether the image is on Docker Hub. */
    public boolean isDockerHub() {
        return isImage() && registry.equals(DOCKER_HUB);
    }

    /** The last path component, such as {@code python} or {@code app}: what the image is of. Null unless an image. */
    public String imageName() {
        return isImage() ? repository.substring(repository.lastIndexOf('/') + 1) : null;
    }

    /** The tag read as a version and variants; null when there is no explicit tag. */
    public TagVersion version() {
        return tag == null ? null : TagVersion.parse(tag);
    }

    /** The same image with another tag (the digest kept); the original becomes the familiar form. */
    public ImageReference withTag(String newTag) {
        requireImage();
        if (newTag != null && !ReferenceGrammar.isTag(newTag, 0, newTag.length())) {
            throw new InvalidImageReferenceException(newTag, "invalid tag");
        }
        ImageReference r = new ImageReference(kind, original, registry, repository, newTag, digest);
        return new ImageReference(kind, r.familiarString(), registry, repository, newTag, digest);
    }

    /** The same image pinned to {@code newDigest} (tag kept), or unpinned when null. */
    public ImageReference withDigest(String newDigest) {
        requireImage();
        if (newDigest != null) {
            String problem = ReferenceGrammar.isDigestPattern(newDigest, 0, newDigest.length())
                    ? ReferenceGrammar.digestProblem(newDigest) : "invalid checksum digest format";
            if (problem != null) {
                throw new InvalidImageReferenceException(newDigest, problem);
            }
        }
        ImageReference r = new ImageReference(kind, original, registry, repository, tag, newDigest);
        return new ImageReference(kind, r.familiarString(), registry, repository, tag, newDigest);
    }

    private void requireImage() {
        if (!isImage()) {
            throw new IllegalStateException("not an image reference: " + original);
        }
    }

    @Override
    public String toString() {
        return original;
    }
}
