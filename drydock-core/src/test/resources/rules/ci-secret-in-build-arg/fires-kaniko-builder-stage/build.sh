#!/bin/sh
set -eu
/kaniko/executor \
  --build-arg CI_JOB_TOKEN=$CI_JOB_TOKEN \
  --context "$CI_PROJECT_DIR" \
  --dockerfile "$CI_PROJECT_DIR/docker/build.Dockerfile" \
  --destination "$CI_REGISTRY_IMAGE:$CI_COMMIT_SHA" \
  --skip-unused-stages 2>&1
