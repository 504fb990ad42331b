CREATE TABLE notes (id serial primary key);
