/**
 * Plain Kubernetes manifests of the project: the workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
 * CronJob, Pod) and, for each container of their pod template, the image, command, ports, probes and security
 * context. Helm templates, kustomize patches and custom resources are not read.
 */
package dev.drydock.core.kubernetes;
