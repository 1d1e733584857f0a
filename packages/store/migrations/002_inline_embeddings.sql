-- A chunk row (vector and text) outgrows PostgreSQL's 2 kB inline limit, and the vector was the
-- column moved out to TOAST storage, so an exact scan fetched and reassembled every vector
-- separately (about a third of a search's server time on a small knowledge base). Vectors stay
-- in the row; the text moves out instead. Rows written from now on are stored so; `npm run
-- kb:import` rewrites a tenant's chunks.
ALTER TABLE article_chunks ALTER COLUMN embedding SET STORAGE PLAIN;
