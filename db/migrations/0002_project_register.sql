-- Register (project list) support, measured at scale 10 (≈20,000 projects, ≈70,000 budget lines).
--
-- 1. A narrow covering index over every column the register filters and sorts on, so that
--    filter + sort + page reads ~3 MB of index instead of the ~47 MB projects table (rows carry
--    long titles and descriptions in two languages). The two expressions are the title sort keys
--    (Vietnamese: the folded search text begins with the folded Vietnamese title; English: the
--    English title, else the Vietnamese one). The register's SQL uses exactly these expressions.
CREATE INDEX `projects_register_idx` ON `projects` (
  `phase`, `domain`, `organisation_id`, `province_id`, `start_date`, `updated_at`, `code`,
  substr(`search_text`, 1, 48),
  lower(substr(coalesce(`title_en`, `title_vi`), 1, 48))
);
--> statement-breakpoint
-- 2. Approved budget per project, summed from the index alone (sort by approved budget).
CREATE INDEX `budget_lines_project_amount_idx` ON `budget_lines` (`project_id`, `approved_amount`);
--> statement-breakpoint
-- 3. The full-text index again, with prefix indexes for 2- and 3-character prefixes: a query's
--    last word is prefix-matched ("da nang" finds "Đà Nẵng…"), and short prefixes would otherwise
--    merge thousands of doclists.
DROP TRIGGER IF EXISTS `projects_fts_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `projects_fts_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `projects_fts_au`;
--> statement-breakpoint
DROP TABLE IF EXISTS `projects_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `projects_fts` USING fts5(
  search_text,
  content='projects',
  content_rowid='id',
  tokenize='unicode61 remove_diacritics 2',
  prefix='2 3'
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
