package dev.drydock.core.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrismaDatasourceTest {

    @Test
    void readsTheUrlFromTheEnvironment() {
        PrismaDatasource d = PrismaDatasource.read("""
                generator client {
                  provider = "prisma-client-js"
                }

                datasource db {
                  provider = "sqlite"
                  url      = env("DATABASE_URL")
                }
                """).orElseThrow();
        assertEquals("sqlite", d.provider());
        assertEquals("DATABASE_URL", d.variable());
        assertNull(d.url());
        assertEquals(7, d.line());
    }

    @Test
    void readsALiteralUrlAndSkipsComments() {
        PrismaDatasource d = PrismaDatasource.read("""
                datasource db {
                  // url = env("OLD")
                  provider = "sqlite"
                  url = "file:./data/app.db"
                }
                """).orElseThrow();
        assertEquals("file:./data/app.db", d.url());
        assertEquals(4, d.line());
    }

    @Test
    void noDatasource() {
        assertTrue(PrismaDatasource.read("model User { id Int @id }").isEmpty());
    }
}
