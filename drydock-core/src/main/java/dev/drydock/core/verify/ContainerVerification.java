package dev.drydock.core.verify;

/**
 * One container of the project (a compose service that builds, or a lone Dockerfile), verified
 * before and after the fixes.
 *
 * @param name the service name, or the Dockerfile's path
 * @param dockerfile the Dockerfile, relative to the project root
 * @param before the image built from the project as it is
 * @param after the image built from the fixed copy; null when the container is gone after the fixes
 */
public record ContainerVerification(String name, String dockerfile, ImageVerification before, ImageVerification after) {}
