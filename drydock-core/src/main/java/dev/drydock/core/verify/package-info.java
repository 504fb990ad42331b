/**
 * {@code drydock verify}: builds a project's images as they are and as the fixes leave them (in a
 * temporary copy), runs them with a container engine (Docker or Podman, through their CLIs), and checks
 * what a review can only infer: the build, size and layers, the runtime user, the healthcheck, the
 * main process and how it stops, and the files the runtime user needs.
 */
package dev.drydock.core.verify;
