-- Project register: covering indexes for its two set filters, measured at scale 10 (≈20,000 projects,
-- ≈70,000 budget lines, ≈25,000 project–node links). Without them each matching row costs a table
-- look-up to read project_id; with them the id sets are read from the index alone (about 2x faster
-- for "strategy branch + funding source + year", the slowest combination).
CREATE INDEX `budget_lines_year_source_project_idx` ON `budget_lines` (`fiscal_year`, `funding_source`, `project_id`);
--> statement-breakpoint
CREATE INDEX `project_strategy_nodes_node_project_idx` ON `project_strategy_nodes` (`node_id`, `project_id`);
