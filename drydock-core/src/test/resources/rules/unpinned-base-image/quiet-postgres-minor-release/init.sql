CREATE TABLE shelves (id serial PRIMARY KEY);
