package dev.drydock.core.rules.support;

import java.util.List;

/**
 * Which devDependencies say most about what a development install adds to an image: those that download a browser
 * (Puppeteer, Playwright, Cypress, Electron), then build toolchains and bundlers, then the compiler, test runners,
 * watchers and linters; any other package after them, and the {@code @types/} declarations last.
 */
public final class DevDependencyWeights {

    private DevDependencyWeights() {}

    private static final List<String> TELLING = List.of("puppeteer", "playwright", "@playwright/test", "cypress",
            "electron", "@nestjs/cli", "@angular/cli", "@angular-devkit/build-angular", "storybook", "webpack", "vite",
            "esbuild", "@swc/core", "rollup", "parcel", "turbo", "nx", "prisma", "typescript", "jest", "vitest", "mocha",
            "ts-jest", "ts-node", "tsx", "nodemon", "eslint", "prettier", "@biomejs/biome", "tailwindcss", "sass", "gts",
            "husky", "lefthook");

    /** The package's rank: lower says more; packages drydock does not know share one rank, above {@code @types/}. */
    public static int rank(String name) {
        int known = TELLING.indexOf(name);
        if (known >= 0) {
            return known;
        }
        if (name.startsWith("@storybook/") || name.startsWith("@testing-library/") || name.startsWith("@typescript-eslint/")
                || name.startsWith("eslint-")) {
            return TELLING.size();
        }
        return name.startsWith("@types/") ? TELLING.size() + 2 : TELLING.size() + 1;
    }
}
