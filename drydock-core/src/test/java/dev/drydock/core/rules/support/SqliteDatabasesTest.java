package dev.drydock.core.rules.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SqliteDatabasesTest {

    @Test
    void relativeAndAbsoluteFiles() {
        assertEquals("notes.db", SqliteDatabases.sqlalchemyFile("sqlite:///notes.db"));
        assertEquals("data/notes.db", SqliteDatabases.sqlalchemyFile("sqlite+pysqlite:///data/notes.db?timeout=20"));
        assertEquals("/var/lib/notes/notes.db", SqliteDatabases.sqlalchemyFile("sqlite:////var/lib/notes/notes.db"));
    }

    @Test
    void inMemoryAndOtherDatabasesHaveNoFile() {
        assertNull(SqliteDatabases.sqlalchemyFile("sqlite://"));
        assertNull(SqliteDatabases.sqlalchemyFile("sqlite:///:memory:"));
        assertNull(SqliteDatabases.sqlalchemyFile("postgresql://notes@db/notes"));
        assertNull(SqliteDatabases.sqlalchemyFile("sqlite:///file:notes.db?mode=ro&uri=true"));
    }

    @Test
    void railsSqliteUrls() {
        assertEquals("storage/production.sqlite3", SqliteDatabases.railsSqliteFile("sqlite3:storage/production.sqlite3"));
        assertEquals("/data/app.sqlite3", SqliteDatabases.railsSqliteFile("sqlite3:/data/app.sqlite3"));
        assertEquals("/data/app.sqlite3", SqliteDatabases.railsSqliteFile("sqlite3:///data/app.sqlite3?timeout=5000"));
        assertNull(SqliteDatabases.railsSqliteFile("sqlite3::memory:"));
        assertNull(SqliteDatabases.railsSqliteFile("postgres://app@db:5432/app"));
        assertNull(SqliteDatabases.railsSqliteFile("sqlite3://host/app.sqlite3"));
    }
}
