-- Full-text search over projects.search_text (already folded by foldVietnamese:
-- lower case, no diacritics, "đ" → "d"). External-content FTS5 table: the text
-- lives once, in projects; the index is kept in sync by the triggers below.
CREATE VIRTUAL TABLE `projects_fts` USING fts5(
  search_text,
  content='projects',
  content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `projects_fts_ai` AFTER INSERT ON `projects` BEGIN
  INSERT INTO projects_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `projects_fts_ad` AFTER DELETE ON `projects` BEGIN
  INSERT INTO projects_fts(projects_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `projects_fts_au` AFTER UPDATE OF `id`, `search_text` ON `projects`
WHEN old.id IS NOT new.id OR old.search_text IS NOT new.search_text BEGIN
  INSERT INTO projects_fts(projects_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
  INSERT INTO projects_fts(rowid, search_text) VALUES (new.id, new.search_text);
END;
--> statement-breakpoint
INSERT INTO projects_fts(projects_fts) VALUES ('rebuild');
