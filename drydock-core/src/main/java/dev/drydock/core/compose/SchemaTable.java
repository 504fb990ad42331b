package dev.drydock.core.compose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the Compose Specification JSON schema allows, object by object: the known keys and the types of
 * their values. Compiled in rather than read from the schema at start-up: a lookup table of ~60 small
 * maps costs nothing to build, while loading the 75 KB schema would need parsing JSON and resolving
 * references on every run. {@code SchemaTableTest} checks this table against
 * {@code reference/compose-spec.json}, key for key.
 *
 * <p>Type specs: alternatives separated by {@code |}: {@code s} string, {@code n} number, {@code i}
 * integer, {@code b} boolean, {@code N} null, {@code o} any mapping, {@code any} anything, {@code a} /
 * {@code a(spec)} a sequence (of items matching spec), {@code m(spec)} a mapping whose values match spec,
 * {@code @name} a mapping checked against the object {@code name} of this table.
 */
final class SchemaTable {

    /** One object of the schema. */
    record ObjectType(String name, Map<String, String> properties, boolean closed, boolean extensions,
            List<String> required) {}

    static final Map<String, ObjectType> OBJECTS = new LinkedHashMap<>();

    private SchemaTable() {}

    private static void def(String name, String flags, String required, String... keysAndSpecs) {
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i < keysAndSpecs.length; i += 2) {
            props.put(keysAndSpecs[i], keysAndSpecs[i + 1]);
        }
        OBJECTS.put(name, new ObjectType(name, props, flags.startsWith("closed"), !flags.contains("noext"),
                required.isEmpty() ? List.of() : List.of(required.split(" "))));
    }

    static {
        def("root", "closed", "",
                "version", "s", "name", "s", "include", "a(s|@include)", "services", "m(@service)", "models", "m(@model)", "networks", "m(@network|N)", "volumes", "m(@volume|N)", "secrets", "m(@secret)", "configs", "m(@config)");
        def("include", "closed,noext", "",
                "path", "s|a(s)", "env_file", "s|a(s)", "project_directory", "s");
        def("service", "closed", "",
                "develop", "@development|N", "deploy", "@deployment|N", "annotations", "m(s|n|b|N)|a(s)", "attach", "b|s", "build", "s|@service.build", "blkio_config", "@service.blkio_config", "cap_add", "a(s)", "cap_drop", "a(s)", "cgroup", "s", "cgroup_parent", "s", "command", "N|s|a(s)", "configs", "a(s|@service_config_or_secret[])", "container_name", "s", "cpu_count", "s|i", "cpu_percent", "s|i", "cpu_shares", "n|s", "cpu_quota", "n|s", "cpu_period", "n|s", "cpu_rt_period", "n|s", "cpu_rt_runtime", "n|s", "cpus", "n|s", "cpuset", "s", "credential_spec", "@service.credential_spec", "depends_on", "a(s)|m(@service.depends_on.*)", "device_cgroup_rules", "a(s)", "devices", "a(s|@service.devices[])", "dns", "s|a(s)", "dns_opt", "a(s)", "dns_search", "s|a(s)", "domainname", "s", "entrypoint", "N|s|a(s)", "env_file", "s|a(s|@env_file[])", "label_file", "s|a(s)", "environment", "m(s|n|b|N)|a(s)", "expose", "a(s|n)", "extends", "s|@service.extends", "provider", "@service.provider", "external_links", "a(s)", "extra_hosts", "m(s|a(s))|a(s)", "gpus", "s|a(@gpus[])", "group_add", "a(s|n)", "healthcheck", "@healthcheck", "hostname", "s", "image", "s", "init", "b|s", "ipc", "s", "isolation", "s", "labels", "m(s|n|b|N)|a(s)", "links", "a(s)", "logging", "@service.logging", "mac_address", "s", "mem_limit", "n|s", "mem_reservation", "s|i", "mem_swappiness", "i|s", "memswap_limit", "n|s", "network_mode", "s", "models", "a(s)|m(@service.models.*)", "networks", "a(s)|m(@service.networks.*|N)", "oom_kill_disable", "b|s", "oom_score_adj", "s|i", "pid", "s|N", "pids_limit", "n|s", "platform", "s", "ports", "a(n|s|@service.ports[])", "post_start", "a(@service_hook)", "pre_stop", "a(@service_hook)", "privileged", "b|s", "profiles", "a(s)", "pull_policy", "s", "pull_refresh_after", "s", "read_only", "b|s", "restart", "s", "runtime", "s", "scale", "i|s", "security_opt", "a(s)", "shm_size", "n|s", "secrets", "a(s|@service_config_or_secret[])", "sysctls", "m(s|n|b|N)|a(s)", "stdin_open", "b|s", "stop_grace_period", "s", "stop_signal", "s", "storage_opt", "o", "tmpfs", "s|a(s)", "tty", "b|s", "ulimits", "m(i|s|@ulimits.*)", "use_api_socket", "b", "user", "s", "uts", "s", "userns_mode", "s", "volumes", "a(s|@service.volumes[])", "volumes_from", "a(s)", "working_dir", "s");
        def("development", "closed", "",
                "watch", "a(@development.watch[])");
        def("development.watch[]", "closed", "path action",
                "ignore", "s|a(s)", "include", "s|a(s)", "path", "s", "action", "s", "target", "s", "exec", "@service_hook", "initial_sync", "b");
        def("service_hook", "closed", "command",
                "command", "N|s|a(s)", "user", "s", "privileged", "b|s", "working_dir", "s", "environment", "m(s|n|b|N)|a(s)");
        def("deployment", "closed", "",
                "mode", "s", "endpoint_mode", "s", "replicas", "i|s", "labels", "m(s|n|b|N)|a(s)", "rollback_config", "@deployment.rollback_config", "update_config", "@deployment.update_config", "resources", "@deployment.resources", "restart_policy", "@deployment.restart_policy", "placement", "@deployment.placement");
        def("deployment.rollback_config", "closed", "",
                "parallelism", "i|s", "delay", "s", "failure_action", "s", "monitor", "s", "max_failure_ratio", "n|s", "order", "s");
        def("deployment.update_config", "closed", "",
                "parallelism", "i|s", "delay", "s", "failure_action", "s", "monitor", "s", "max_failure_ratio", "n|s", "order", "s");
        def("deployment.resources", "closed", "",
                "limits", "@deployment.resources.limits", "reservations", "@deployment.resources.reservations");
        def("deployment.resources.limits", "closed", "",
                "cpus", "n|s", "memory", "s", "pids", "i|s");
        def("deployment.resources.reservations", "closed", "",
                "cpus", "n|s", "memory", "s", "generic_resources", "a(@generic_resources[])", "devices", "a(@devices[])");
        def("generic_resources[]", "closed", "",
                "discrete_resource_spec", "@generic_resources[].discrete_resource_spec");
        def("generic_resources[].discrete_resource_spec", "closed", "",
                "kind", "s", "value", "n|s");
        def("devices[]", "closed", "capabilities",
                "capabilities", "a(s)", "count", "s|i", "device_ids", "a(s)", "driver", "s", "options", "m(s|n|b|N)|a(s)");
        def("deployment.restart_policy", "closed", "",
                "condition", "s", "delay", "s", "max_attempts", "i|s", "window", "s");
        def("deployment.placement", "closed", "",
                "constraints", "a(s)", "preferences", "a(@deployment.placement.preferences[])", "max_replicas_per_node", "i|s");
        def("deployment.placement.preferences[]", "closed", "",
                "spread", "s");
        def("service.build", "closed", "",
                "context", "s", "dockerfile", "s", "dockerfile_inline", "s", "entitlements", "a(s)", "args", "m(s|n|b|N)|a(s)", "ssh", "m(s|n|b|N)|a(s)", "labels", "m(s|n|b|N)|a(s)", "cache_from", "a(s)", "cache_to", "a(s)", "no_cache", "b|s", "additional_contexts", "m(s|n|b|N)|a(s)", "network", "s", "provenance", "s|b", "sbom", "s|b", "pull", "b|s", "target", "s", "shm_size", "i|s", "extra_hosts", "m(s|a(s))|a(s)", "isolation", "s", "privileged", "b|s", "secrets", "a(s|@service_config_or_secret[])", "tags", "a(s)", "ulimits", "m(i|s|@ulimits.*)", "platforms", "a(s)");
        def("service_config_or_secret[]", "closed", "",
                "source", "s", "target", "s", "uid", "s", "gid", "s", "mode", "n|s");
        def("ulimits.*", "closed", "soft hard",
                "hard", "i|s", "soft", "i|s");
        def("service.blkio_config", "closed,noext", "",
                "device_read_bps", "a(@blkio_limit)", "device_read_iops", "a(@blkio_limit)", "device_write_bps", "a(@blkio_limit)", "device_write_iops", "a(@blkio_limit)", "weight", "i|s", "weight_device", "a(@blkio_weight)");
        def("blkio_limit", "closed,noext", "",
                "path", "s", "rate", "i|s");
        def("blkio_weight", "closed,noext", "",
                "path", "s", "weight", "i|s");
        def("service.credential_spec", "closed", "",
                "config", "s", "file", "s", "registry", "s");
        def("service.depends_on.*", "closed", "condition",
                "restart", "b|s", "required", "b", "condition", "s");
        def("service.devices[]", "closed", "source",
                "source", "s", "target", "s", "permissions", "s");
        def("env_file[]", "closed,noext", "path",
                "path", "s", "format", "s", "required", "b|s");
        def("service.extends", "closed,noext", "service",
                "service", "s", "file", "s");
        def("service.provider", "closed", "type",
                "type", "s", "options", "m(s|n|b|a(s|n|b))");
        def("gpus[]", "open,noext", "",
                "capabilities", "a(s)", "count", "s|i", "device_ids", "a(s)", "driver", "s", "options", "m(s|n|b|N)|a(s)");
        def("healthcheck", "closed", "",
                "disable", "b|s", "interval", "s", "retries", "n|s", "test", "s|a(s)", "timeout", "s", "start_period", "s", "start_interval", "s");
        def("service.logging", "closed", "",
                "driver", "s", "options", "m(s|n|N)");
        def("service.models.*", "closed", "",
                "endpoint_var", "s", "model_var", "s");
        def("service.networks.*", "closed", "",
                "aliases", "a(s)", "interface_name", "s", "ipv4_address", "s", "ipv6_address", "s", "link_local_ips", "a(s)", "mac_address", "s", "driver_opts", "m(s|n)", "priority", "n", "gw_priority", "n");
        def("service.ports[]", "closed", "",
                "name", "s", "mode", "s", "host_ip", "s", "target", "i|s", "published", "s|i", "protocol", "s", "app_protocol", "s");
        def("service.volumes[]", "closed", "type",
                "type", "s", "source", "s", "target", "s", "read_only", "b|s", "consistency", "s", "bind", "@service.volumes[].bind", "volume", "@service.volumes[].volume", "tmpfs", "@service.volumes[].tmpfs", "image", "@service.volumes[].image");
        def("service.volumes[].bind", "closed", "",
                "propagation", "s", "create_host_path", "b|s", "recursive", "s", "selinux", "s");
        def("service.volumes[].volume", "closed", "",
                "labels", "m(s|n|b|N)|a(s)", "nocopy", "b|s", "subpath", "s");
        def("service.volumes[].tmpfs", "closed", "",
                "size", "i|s", "mode", "n|s");
        def("service.volumes[].image", "closed", "",
                "subpath", "s");
        def("model", "closed", "model",
                "name", "s", "model", "s", "context_size", "i", "runtime_flags", "a(s)");
        def("network", "closed", "",
                "name", "s", "driver", "s", "driver_opts", "m(s|n)", "ipam", "@network.ipam", "external", "b|s|@network.external", "internal", "b|s", "enable_ipv4", "b|s", "enable_ipv6", "b|s", "attachable", "b|s", "labels", "m(s|n|b|N)|a(s)");
        def("network.ipam", "closed", "",
                "driver", "s", "config", "a(@network.ipam.config[])", "options", "m(s)");
        def("network.ipam.config[]", "closed", "",
                "subnet", "s", "ip_range", "s", "gateway", "s", "aux_addresses", "m(s)");
        def("network.external", "closed", "",
                "name", "s");
        def("volume", "closed", "",
                "name", "s", "driver", "s", "driver_opts", "m(s|n)", "external", "b|s|@volume.external", "labels", "m(s|n|b|N)|a(s)");
        def("volume.external", "closed", "",
                "name", "s");
        def("secret", "closed", "",
                "name", "s", "environment", "s", "file", "s", "external", "b|s|@secret.external", "labels", "m(s|n|b|N)|a(s)", "driver", "s", "driver_opts", "m(s|n)", "template_driver", "s");
        def("secret.external", "open,noext", "",
                "name", "s");
        def("config", "closed", "",
                "name", "s", "content", "s", "environment", "s", "file", "s", "external", "b|s|@config.external", "labels", "m(s|n|b|N)|a(s)", "template_driver", "s");
        def("config.external", "open,noext", "",
                "name", "s");

    }
}
