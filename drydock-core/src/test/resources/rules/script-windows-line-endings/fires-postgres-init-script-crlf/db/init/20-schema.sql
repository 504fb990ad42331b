CREATE TABLE notes (id serial PRIMARY KEY);
