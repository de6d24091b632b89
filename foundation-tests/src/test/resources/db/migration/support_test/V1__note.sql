CREATE TABLE note (
    id        uuid PRIMARY KEY,
    community text NOT NULL,
    text      text NOT NULL
);
