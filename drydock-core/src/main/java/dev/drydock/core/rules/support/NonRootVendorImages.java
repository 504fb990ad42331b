package dev.drydock.core.rules.support;

import dev.drydock.core.image.ImageReference;
import java.util.Locale;
import java.util.Optional;

/**
 * Data and workflow images outside Docker's official library whose Dockerfiles end with a non-root USER
 * and a WORKDIR of their own: the Jupyter Docker Stacks ({@code quay.io/jupyter/*-notebook} and
 * {@code docker-stacks-foundation}, formerly on Docker Hub as {@code jupyter/*}: {@code USER ${NB_UID}},
 * jovyan 1000:100, {@code WORKDIR ${HOME}}), mambaorg/micromamba ({@code USER $MAMBA_USER}, mambauser
 * 57439:57439, {@code WORKDIR /tmp}), apache/airflow ({@code USER ${AIRFLOW_UID}}, airflow 50000:0,
 * {@code WORKDIR ${AIRFLOW_HOME}}, /opt/airflow), Ray's images (rayproject/ray and rayproject/ray-ml, CPU and GPU
 * tags alike: {@code USER $RAY_UID}, the account ray 1000:100 with password-less sudo, {@code WORKDIR /home/ray}), Apache Spark's images (apache/spark and the official spark:
 * {@code USER spark}, 185:185; the older apache/spark-py: {@code USER ${spark_uid}}, 185; both
 * {@code WORKDIR /opt/spark/work-dir}) and Debezium's Kafka, Kafka Connect and ZooKeeper images
 * ({@code USER kafka}, 1001:1001 and {@code USER zookeeper}, 1001:1001, on Docker Hub and quay.io); Java application
 * servers: Open Liberty's and WebSphere Liberty's images (IBM's icr.io/appcafe, Docker Hub's openliberty/ and ibmcom/,
 * and the official open-liberty and websphere-liberty: {@code USER 1001}, in group 0) and Payara's
 * ({@code payara/micro}, {@code payara/server-full}, {@code payara/server-web}: {@code USER payara}, 1000:1000), whose
 * working directory is not claimed; authentik's server image ({@code ghcr.io/goauthentik/server}, formerly
 * {@code beryju/authentik}: {@code USER 1000}, the account authentik 1000:1000, working directory /), whose compose
 * file runs its worker as root for the Docker socket integration.
 *
 * @param user the account the image ends with
 * @param ids its {@code uid:gid}
 * @param workdir the image's working directory, or null when it is not claimed
 */
public record NonRootVendorImages(String user, String ids, String workdir) {

    private static final NonRootVendorImages JUPYTER = new NonRootVendorImages("jovyan", "1000:100", "/home/jovyan");
    private static final NonRootVendorImages MICROMAMBA = new NonRootVendorImages("mambauser", "57439:57439", "/tmp");
    private static final NonRootVendorImages RAY = new NonRootVendorImages("ray", "1000:100", "/home/ray");
    private static final NonRootVendorImages AIRFLOW = new NonRootVendorImages("airflow", "50000:0", "/opt/airflow");
    private static final NonRootVendorImages SPARK = new NonRootVendorImages("spark", "185:185", "/opt/spark/work-dir");
    private static final NonRootVendorImages SPARK_PY = new NonRootVendorImages("185", "185:185", "/opt/spark/work-dir");
    private static final NonRootVendorImages DEBEZIUM_KAFKA = new NonRootVendorImages("kafka", "1001:1001", "/kafka");
    private static final NonRootVendorImages LIBERTY = new NonRootVendorImages("1001", "1001:0", null);
    private static final NonRootVendorImages PAYARA = new NonRootVendorImages("payara", "1000:1000", null);
    private static final NonRootVendorImages AUTHENTIK = new NonRootVendorImages("1000", "1000:1000", null);
    private static final NonRootVendorImages DEBEZIUM_ZOOKEEPER = new NonRootVendorImages("zookeeper", "1001:1001",
            "/zookeeper");

    /** What the image is known to end with, or empty for any other image. */
    public static Optional<NonRootVendorImages> of(ImageReference ref) {
        if (ref == null || ref.fullName() == null || !ref.isImage()) {
            return Optional.empty();
        }
        String name = ref.fullName().toLowerCase(Locale.ROOT);
        if (dev.drydock.core.image.JupyterStackImages.is(ref)) {
            return Optional.of(JUPYTER);
        }
        return Optional.ofNullable(switch (name) {
            case "docker.io/mambaorg/micromamba" -> MICROMAMBA;
            case "docker.io/apache/airflow" -> AIRFLOW;
            case "docker.io/rayproject/ray", "docker.io/rayproject/ray-ml" -> RAY;
            case "docker.io/apache/spark", "docker.io/library/spark" -> SPARK;
            case "docker.io/apache/spark-py" -> SPARK_PY;
            case "docker.io/debezium/connect", "docker.io/debezium/connect-base", "docker.io/debezium/kafka",
                    "quay.io/debezium/connect", "quay.io/debezium/connect-base", "quay.io/debezium/kafka" -> DEBEZIUM_KAFKA;
            case "docker.io/debezium/zookeeper", "quay.io/debezium/zookeeper" -> DEBEZIUM_ZOOKEEPER;
            case "icr.io/appcafe/open-liberty", "icr.io/appcafe/websphere-liberty", "docker.io/openliberty/open-liberty",
                    "docker.io/ibmcom/websphere-liberty", "docker.io/library/open-liberty",
                    "docker.io/library/websphere-liberty" -> LIBERTY;
            case "docker.io/payara/micro", "docker.io/payara/server-full", "docker.io/payara/server-web" -> PAYARA;
            case "ghcr.io/goauthentik/server", "docker.io/beryju/authentik" -> AUTHENTIK;
            default -> null;
        });
    }
}
