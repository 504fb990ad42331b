package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.dockerfile.syntax.WordList;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildCheckDirective;
import java.util.List;
import java.util.Locale;

@RuleDefinition(
        id = "from-as-casing",
        title = "The AS of a FROM is not written in the FROM keyword's case",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "Every FROM image AS name of every Dockerfile, as BuildKit's FromAsCasing check does: fires when"
                + " FROM is written all upper case and AS is not (FROM python:3.12 as build), or FROM all lower case"
                + " and AS is not (from python:3.12 AS build). A FROM in mixed case (From) is left to the"
                + " instruction-casing check.",
        problem = "Keywords may be written in either case, but a Dockerfile that mixes the styles inside one"
                + " instruction is harder to read and to search (grep 'AS build' misses 'as build').",
        impact = "docker build prints a FromAsCasing warning for the line on every build (and fails on it where"
                + " the Dockerfile opts into # check=error=true), noise that hides the warnings that matter.",
        recommendation = "Write the AS keyword in the same case as FROM: FROM image AS name (or from image as name).",
        references = {
                "https://docs.docker.com/reference/build-checks/from-as-casing/",
                "https://docs.docker.com/build/checks/"},
        aliases = {"FromAsCasing"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim as builder
                        RUN pip wheel --wheel-dir /wheels flask==3.0.3
                        """,
                good = """
                        FROM python:3.12.7-slim AS builder
                        RUN pip wheel --wheel-dir /wheels flask==3.0.3
                        """))
public final class FromAsCasing implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (BuildCheckDirective.skips(dockerfile.syntax(), "FromAsCasing")) {
                continue;
            }
            for (Instruction instruction : dockerfile.syntax().instructions()) {
                if (instruction.kind() == InstructionKind.FROM) {
                    check(context, dockerfile, instruction);
                }
            }
        }
    }

    private void check(ReviewContext context, DockerfileSource dockerfile, Instruction from) {
        if (!(from.arguments() instanceof WordList list) || list.words().size() != 3) {
            return;
        }
        Word as = list.words().get(1);
        if (!as.value().equalsIgnoreCase("as")) {
            return;
        }
        String keyword = from.keyword().value();
        String expected;
        if (keyword.equals(keyword.toUpperCase(Locale.ROOT))) {
            expected = "AS";
        } else if (keyword.equals(keyword.toLowerCase(Locale.ROOT))) {
            expected = "as";
        } else {
            return;
        }
        if (as.value().equals(expected)) {
            return;
        }
        String file = dockerfile.file().path();
        context.finding(this, file, as.span(), "'" + as.value() + "' and '" + keyword + "' keywords' casing do not"
                        + " match: stage " + list.words().get(2).value() + " is declared with " + keyword + " ... "
                        + as.value())
                .recommendation("Write " + keyword + " " + list.words().get(0).value() + " " + expected + " "
                        + list.words().get(2).value() + ".")
                .fix(Fix.of("write " + expected + " in the case of " + keyword, FixSafety.SAFE,
                        List.of(TextEdit.replace(file, as.span(), expected))))
                .add();
    }
}
