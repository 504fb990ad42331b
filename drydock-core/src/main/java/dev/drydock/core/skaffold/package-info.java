/**
 * Skaffold configurations ({@code skaffold.yaml}): the images each configuration builds from a Dockerfile (its
 * {@code build.artifacts} and those of its profiles) and the Kubernetes manifests it deploys them with.
 */
package dev.drydock.core.skaffold;
