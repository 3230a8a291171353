-- A generation per domain table beside the global one (0008): a read model that
-- depends on a few tables (a part of the dashboard facts) is kept until one of
-- ITS tables changes, and `rewrites` (updates and deletes only) tells a table
-- that was only appended to, so an aggregate can read just the new rows (the
-- transactions of the dashboard facts). See docs/decisions/0014.
-- A new domain table needs a row here and the same three triggers (a test checks it).
CREATE TABLE `table_generation` (
	`tbl` text PRIMARY KEY NOT NULL,
	`n` integer NOT NULL DEFAULT 0,
	`rewrites` integer NOT NULL DEFAULT 0
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `table_generation` (`tbl`) VALUES ('app_register'), ('budget_lines'), ('budget_revisions'), ('data_register'), ('feedback'), ('flag_members'), ('flags'), ('indicator_values'), ('indicators'), ('lessons_learned'), ('memberships'), ('milestones'), ('organisation_successions'), ('organisations'), ('plan_revisions'), ('planned_disbursements'), ('plans'), ('project_cooperators'), ('project_phase_changes'), ('project_strategy_nodes'), ('projects'), ('regions'), ('review_comments'), ('similarity_reviews'), ('strategy_node_cooperators'), ('strategy_nodes'), ('strategy_targets'), ('transactions'), ('users');
--> statement-breakpoint
DROP TRIGGER `app_register_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `app_register_gen_insert` AFTER INSERT ON `app_register` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'app_register'; END;
--> statement-breakpoint
DROP TRIGGER `app_register_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `app_register_gen_update` AFTER UPDATE ON `app_register` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'app_register'; END;
--> statement-breakpoint
DROP TRIGGER `app_register_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `app_register_gen_delete` AFTER DELETE ON `app_register` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'app_register'; END;
--> statement-breakpoint
DROP TRIGGER `budget_lines_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `budget_lines_gen_insert` AFTER INSERT ON `budget_lines` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'budget_lines'; END;
--> statement-breakpoint
DROP TRIGGER `budget_lines_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `budget_lines_gen_update` AFTER UPDATE ON `budget_lines` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'budget_lines'; END;
--> statement-breakpoint
DROP TRIGGER `budget_lines_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `budget_lines_gen_delete` AFTER DELETE ON `budget_lines` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'budget_lines'; END;
--> statement-breakpoint
DROP TRIGGER `budget_revisions_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `budget_revisions_gen_insert` AFTER INSERT ON `budget_revisions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'budget_revisions'; END;
--> statement-breakpoint
DROP TRIGGER `budget_revisions_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `budget_revisions_gen_update` AFTER UPDATE ON `budget_revisions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'budget_revisions'; END;
--> statement-breakpoint
DROP TRIGGER `budget_revisions_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `budget_revisions_gen_delete` AFTER DELETE ON `budget_revisions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'budget_revisions'; END;
--> statement-breakpoint
DROP TRIGGER `data_register_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `data_register_gen_insert` AFTER INSERT ON `data_register` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'data_register'; END;
--> statement-breakpoint
DROP TRIGGER `data_register_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `data_register_gen_update` AFTER UPDATE ON `data_register` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'data_register'; END;
--> statement-breakpoint
DROP TRIGGER `data_register_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `data_register_gen_delete` AFTER DELETE ON `data_register` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'data_register'; END;
--> statement-breakpoint
DROP TRIGGER `feedback_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `feedback_gen_insert` AFTER INSERT ON `feedback` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'feedback'; END;
--> statement-breakpoint
DROP TRIGGER `feedback_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `feedback_gen_update` AFTER UPDATE ON `feedback` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'feedback'; END;
--> statement-breakpoint
DROP TRIGGER `feedback_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `feedback_gen_delete` AFTER DELETE ON `feedback` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'feedback'; END;
--> statement-breakpoint
DROP TRIGGER `flag_members_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `flag_members_gen_insert` AFTER INSERT ON `flag_members` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'flag_members'; END;
--> statement-breakpoint
DROP TRIGGER `flag_members_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `flag_members_gen_update` AFTER UPDATE ON `flag_members` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'flag_members'; END;
--> statement-breakpoint
DROP TRIGGER `flag_members_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `flag_members_gen_delete` AFTER DELETE ON `flag_members` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'flag_members'; END;
--> statement-breakpoint
DROP TRIGGER `flags_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `flags_gen_insert` AFTER INSERT ON `flags` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'flags'; END;
--> statement-breakpoint
DROP TRIGGER `flags_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `flags_gen_update` AFTER UPDATE ON `flags` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'flags'; END;
--> statement-breakpoint
DROP TRIGGER `flags_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `flags_gen_delete` AFTER DELETE ON `flags` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'flags'; END;
--> statement-breakpoint
DROP TRIGGER `indicator_values_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `indicator_values_gen_insert` AFTER INSERT ON `indicator_values` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'indicator_values'; END;
--> statement-breakpoint
DROP TRIGGER `indicator_values_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `indicator_values_gen_update` AFTER UPDATE ON `indicator_values` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'indicator_values'; END;
--> statement-breakpoint
DROP TRIGGER `indicator_values_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `indicator_values_gen_delete` AFTER DELETE ON `indicator_values` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'indicator_values'; END;
--> statement-breakpoint
DROP TRIGGER `indicators_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `indicators_gen_insert` AFTER INSERT ON `indicators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'indicators'; END;
--> statement-breakpoint
DROP TRIGGER `indicators_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `indicators_gen_update` AFTER UPDATE ON `indicators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'indicators'; END;
--> statement-breakpoint
DROP TRIGGER `indicators_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `indicators_gen_delete` AFTER DELETE ON `indicators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'indicators'; END;
--> statement-breakpoint
DROP TRIGGER `lessons_learned_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `lessons_learned_gen_insert` AFTER INSERT ON `lessons_learned` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'lessons_learned'; END;
--> statement-breakpoint
DROP TRIGGER `lessons_learned_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `lessons_learned_gen_update` AFTER UPDATE ON `lessons_learned` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'lessons_learned'; END;
--> statement-breakpoint
DROP TRIGGER `lessons_learned_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `lessons_learned_gen_delete` AFTER DELETE ON `lessons_learned` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'lessons_learned'; END;
--> statement-breakpoint
DROP TRIGGER `memberships_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `memberships_gen_insert` AFTER INSERT ON `memberships` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'memberships'; END;
--> statement-breakpoint
DROP TRIGGER `memberships_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `memberships_gen_update` AFTER UPDATE ON `memberships` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'memberships'; END;
--> statement-breakpoint
DROP TRIGGER `memberships_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `memberships_gen_delete` AFTER DELETE ON `memberships` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'memberships'; END;
--> statement-breakpoint
DROP TRIGGER `milestones_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `milestones_gen_insert` AFTER INSERT ON `milestones` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'milestones'; END;
--> statement-breakpoint
DROP TRIGGER `milestones_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `milestones_gen_update` AFTER UPDATE ON `milestones` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'milestones'; END;
--> statement-breakpoint
DROP TRIGGER `milestones_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `milestones_gen_delete` AFTER DELETE ON `milestones` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'milestones'; END;
--> statement-breakpoint
DROP TRIGGER `organisation_successions_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `organisation_successions_gen_insert` AFTER INSERT ON `organisation_successions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'organisation_successions'; END;
--> statement-breakpoint
DROP TRIGGER `organisation_successions_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `organisation_successions_gen_update` AFTER UPDATE ON `organisation_successions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'organisation_successions'; END;
--> statement-breakpoint
DROP TRIGGER `organisation_successions_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `organisation_successions_gen_delete` AFTER DELETE ON `organisation_successions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'organisation_successions'; END;
--> statement-breakpoint
DROP TRIGGER `organisations_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `organisations_gen_insert` AFTER INSERT ON `organisations` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'organisations'; END;
--> statement-breakpoint
DROP TRIGGER `organisations_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `organisations_gen_update` AFTER UPDATE ON `organisations` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'organisations'; END;
--> statement-breakpoint
DROP TRIGGER `organisations_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `organisations_gen_delete` AFTER DELETE ON `organisations` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'organisations'; END;
--> statement-breakpoint
DROP TRIGGER `plan_revisions_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `plan_revisions_gen_insert` AFTER INSERT ON `plan_revisions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'plan_revisions'; END;
--> statement-breakpoint
DROP TRIGGER `plan_revisions_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `plan_revisions_gen_update` AFTER UPDATE ON `plan_revisions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'plan_revisions'; END;
--> statement-breakpoint
DROP TRIGGER `plan_revisions_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `plan_revisions_gen_delete` AFTER DELETE ON `plan_revisions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'plan_revisions'; END;
--> statement-breakpoint
DROP TRIGGER `planned_disbursements_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `planned_disbursements_gen_insert` AFTER INSERT ON `planned_disbursements` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'planned_disbursements'; END;
--> statement-breakpoint
DROP TRIGGER `planned_disbursements_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `planned_disbursements_gen_update` AFTER UPDATE ON `planned_disbursements` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'planned_disbursements'; END;
--> statement-breakpoint
DROP TRIGGER `planned_disbursements_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `planned_disbursements_gen_delete` AFTER DELETE ON `planned_disbursements` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'planned_disbursements'; END;
--> statement-breakpoint
DROP TRIGGER `plans_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `plans_gen_insert` AFTER INSERT ON `plans` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'plans'; END;
--> statement-breakpoint
DROP TRIGGER `plans_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `plans_gen_update` AFTER UPDATE ON `plans` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'plans'; END;
--> statement-breakpoint
DROP TRIGGER `plans_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `plans_gen_delete` AFTER DELETE ON `plans` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'plans'; END;
--> statement-breakpoint
DROP TRIGGER `project_cooperators_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `project_cooperators_gen_insert` AFTER INSERT ON `project_cooperators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'project_cooperators'; END;
--> statement-breakpoint
DROP TRIGGER `project_cooperators_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `project_cooperators_gen_update` AFTER UPDATE ON `project_cooperators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'project_cooperators'; END;
--> statement-breakpoint
DROP TRIGGER `project_cooperators_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `project_cooperators_gen_delete` AFTER DELETE ON `project_cooperators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'project_cooperators'; END;
--> statement-breakpoint
DROP TRIGGER `project_phase_changes_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `project_phase_changes_gen_insert` AFTER INSERT ON `project_phase_changes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'project_phase_changes'; END;
--> statement-breakpoint
DROP TRIGGER `project_phase_changes_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `project_phase_changes_gen_update` AFTER UPDATE ON `project_phase_changes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'project_phase_changes'; END;
--> statement-breakpoint
DROP TRIGGER `project_phase_changes_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `project_phase_changes_gen_delete` AFTER DELETE ON `project_phase_changes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'project_phase_changes'; END;
--> statement-breakpoint
DROP TRIGGER `project_strategy_nodes_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `project_strategy_nodes_gen_insert` AFTER INSERT ON `project_strategy_nodes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'project_strategy_nodes'; END;
--> statement-breakpoint
DROP TRIGGER `project_strategy_nodes_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `project_strategy_nodes_gen_update` AFTER UPDATE ON `project_strategy_nodes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'project_strategy_nodes'; END;
--> statement-breakpoint
DROP TRIGGER `project_strategy_nodes_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `project_strategy_nodes_gen_delete` AFTER DELETE ON `project_strategy_nodes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'project_strategy_nodes'; END;
--> statement-breakpoint
DROP TRIGGER `projects_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `projects_gen_insert` AFTER INSERT ON `projects` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'projects'; END;
--> statement-breakpoint
DROP TRIGGER `projects_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `projects_gen_update` AFTER UPDATE ON `projects` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'projects'; END;
--> statement-breakpoint
DROP TRIGGER `projects_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `projects_gen_delete` AFTER DELETE ON `projects` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'projects'; END;
--> statement-breakpoint
DROP TRIGGER `regions_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `regions_gen_insert` AFTER INSERT ON `regions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'regions'; END;
--> statement-breakpoint
DROP TRIGGER `regions_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `regions_gen_update` AFTER UPDATE ON `regions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'regions'; END;
--> statement-breakpoint
DROP TRIGGER `regions_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `regions_gen_delete` AFTER DELETE ON `regions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'regions'; END;
--> statement-breakpoint
DROP TRIGGER `review_comments_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `review_comments_gen_insert` AFTER INSERT ON `review_comments` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'review_comments'; END;
--> statement-breakpoint
DROP TRIGGER `review_comments_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `review_comments_gen_update` AFTER UPDATE ON `review_comments` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'review_comments'; END;
--> statement-breakpoint
DROP TRIGGER `review_comments_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `review_comments_gen_delete` AFTER DELETE ON `review_comments` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'review_comments'; END;
--> statement-breakpoint
DROP TRIGGER `similarity_reviews_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `similarity_reviews_gen_insert` AFTER INSERT ON `similarity_reviews` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'similarity_reviews'; END;
--> statement-breakpoint
DROP TRIGGER `similarity_reviews_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `similarity_reviews_gen_update` AFTER UPDATE ON `similarity_reviews` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'similarity_reviews'; END;
--> statement-breakpoint
DROP TRIGGER `similarity_reviews_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `similarity_reviews_gen_delete` AFTER DELETE ON `similarity_reviews` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'similarity_reviews'; END;
--> statement-breakpoint
DROP TRIGGER `strategy_node_cooperators_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `strategy_node_cooperators_gen_insert` AFTER INSERT ON `strategy_node_cooperators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'strategy_node_cooperators'; END;
--> statement-breakpoint
DROP TRIGGER `strategy_node_cooperators_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `strategy_node_cooperators_gen_update` AFTER UPDATE ON `strategy_node_cooperators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'strategy_node_cooperators'; END;
--> statement-breakpoint
DROP TRIGGER `strategy_node_cooperators_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `strategy_node_cooperators_gen_delete` AFTER DELETE ON `strategy_node_cooperators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'strategy_node_cooperators'; END;
--> statement-breakpoint
DROP TRIGGER `strategy_nodes_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `strategy_nodes_gen_insert` AFTER INSERT ON `strategy_nodes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'strategy_nodes'; END;
--> statement-breakpoint
DROP TRIGGER `strategy_nodes_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `strategy_nodes_gen_update` AFTER UPDATE ON `strategy_nodes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'strategy_nodes'; END;
--> statement-breakpoint
DROP TRIGGER `strategy_nodes_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `strategy_nodes_gen_delete` AFTER DELETE ON `strategy_nodes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'strategy_nodes'; END;
--> statement-breakpoint
DROP TRIGGER `strategy_targets_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `strategy_targets_gen_insert` AFTER INSERT ON `strategy_targets` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'strategy_targets'; END;
--> statement-breakpoint
DROP TRIGGER `strategy_targets_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `strategy_targets_gen_update` AFTER UPDATE ON `strategy_targets` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'strategy_targets'; END;
--> statement-breakpoint
DROP TRIGGER `strategy_targets_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `strategy_targets_gen_delete` AFTER DELETE ON `strategy_targets` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'strategy_targets'; END;
--> statement-breakpoint
DROP TRIGGER `transactions_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `transactions_gen_insert` AFTER INSERT ON `transactions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'transactions'; END;
--> statement-breakpoint
DROP TRIGGER `transactions_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `transactions_gen_update` AFTER UPDATE ON `transactions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'transactions'; END;
--> statement-breakpoint
DROP TRIGGER `transactions_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `transactions_gen_delete` AFTER DELETE ON `transactions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'transactions'; END;
--> statement-breakpoint
DROP TRIGGER `users_gen_insert`;
--> statement-breakpoint
CREATE TRIGGER `users_gen_insert` AFTER INSERT ON `users` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1 WHERE `tbl` = 'users'; END;
--> statement-breakpoint
DROP TRIGGER `users_gen_update`;
--> statement-breakpoint
CREATE TRIGGER `users_gen_update` AFTER UPDATE ON `users` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'users'; END;
--> statement-breakpoint
DROP TRIGGER `users_gen_delete`;
--> statement-breakpoint
CREATE TRIGGER `users_gen_delete` AFTER DELETE ON `users` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; UPDATE `table_generation` SET `n` = `n` + 1, `rewrites` = `rewrites` + 1 WHERE `tbl` = 'users'; END;
