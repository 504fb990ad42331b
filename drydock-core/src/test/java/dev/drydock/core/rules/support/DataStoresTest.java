package dev.drydock.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DataStoresTest {

    @Test
    void kafkaImagesOfEveryPublisherAreKafka() {
        for (String image : new String[] {"kafka", "bitnami/kafka", "apache/kafka", "confluentinc/cp-kafka",
                "confluentinc/cp-server"}) {
            assertThat(DataStores.ofImageName(image)).as(image).contains("Kafka");
        }
        assertThat(DataStores.ofImageName("confluentinc/cp-schema-registry")).isEmpty();
        assertThat(DataStores.ofImageName("confluentinc/cp-kafka-connect")).isEmpty();
    }

    @Test
    void otherStoresByTheirLastPartOrFullName() {
        assertThat(DataStores.ofImageName("postgres")).contains("PostgreSQL");
        assertThat(DataStores.ofImageName("bitnami/redis")).contains("Redis");
        assertThat(DataStores.ofImageName("mcr.microsoft.com/mssql/server")).contains("SQL Server");
        assertThat(DataStores.ofImageName("ghcr.io/acme/web")).isEmpty();
    }
}
