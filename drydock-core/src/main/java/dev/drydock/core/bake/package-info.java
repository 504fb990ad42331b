/**
 * Docker Bake files ({@code docker-bake.hcl}, {@code docker-bake.json} and their {@code .override} variants): the
 * HCL subset Bake writes, read losslessly enough to locate each attribute, and the builds their targets declare.
 */
package dev.drydock.core.bake;
