ALTER TABLE note ADD COLUMN written_at timestamptz NOT NULL DEFAULT now();
