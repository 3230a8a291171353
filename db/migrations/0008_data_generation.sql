-- A generation counter of the domain data, bumped by a trigger on every insert,
-- update and delete of a domain table. Read models memoised "until the data
-- changes" key on it, so sign-ins, session refreshes, login throttling, API
-- token use and audit rows (written alongside a domain change anyway) no
-- longer throw away national aggregates. See docs/decisions/0012.
-- A new domain table needs the same three triggers (a test checks it).
CREATE TABLE `data_generation` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`n` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `data_generation` (`id`, `n`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `app_register_gen_insert` AFTER INSERT ON `app_register` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `app_register_gen_update` AFTER UPDATE ON `app_register` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `app_register_gen_delete` AFTER DELETE ON `app_register` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `budget_lines_gen_insert` AFTER INSERT ON `budget_lines` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `budget_lines_gen_update` AFTER UPDATE ON `budget_lines` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `budget_lines_gen_delete` AFTER DELETE ON `budget_lines` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `budget_revisions_gen_insert` AFTER INSERT ON `budget_revisions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `budget_revisions_gen_update` AFTER UPDATE ON `budget_revisions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `budget_revisions_gen_delete` AFTER DELETE ON `budget_revisions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_register_gen_insert` AFTER INSERT ON `data_register` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_register_gen_update` AFTER UPDATE ON `data_register` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `data_register_gen_delete` AFTER DELETE ON `data_register` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `feedback_gen_insert` AFTER INSERT ON `feedback` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `feedback_gen_update` AFTER UPDATE ON `feedback` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `feedback_gen_delete` AFTER DELETE ON `feedback` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_members_gen_insert` AFTER INSERT ON `flag_members` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_members_gen_update` AFTER UPDATE ON `flag_members` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flag_members_gen_delete` AFTER DELETE ON `flag_members` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flags_gen_insert` AFTER INSERT ON `flags` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flags_gen_update` AFTER UPDATE ON `flags` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `flags_gen_delete` AFTER DELETE ON `flags` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `indicator_values_gen_insert` AFTER INSERT ON `indicator_values` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `indicator_values_gen_update` AFTER UPDATE ON `indicator_values` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `indicator_values_gen_delete` AFTER DELETE ON `indicator_values` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `indicators_gen_insert` AFTER INSERT ON `indicators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `indicators_gen_update` AFTER UPDATE ON `indicators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `indicators_gen_delete` AFTER DELETE ON `indicators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `lessons_learned_gen_insert` AFTER INSERT ON `lessons_learned` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `lessons_learned_gen_update` AFTER UPDATE ON `lessons_learned` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `lessons_learned_gen_delete` AFTER DELETE ON `lessons_learned` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `memberships_gen_insert` AFTER INSERT ON `memberships` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `memberships_gen_update` AFTER UPDATE ON `memberships` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `memberships_gen_delete` AFTER DELETE ON `memberships` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `milestones_gen_insert` AFTER INSERT ON `milestones` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `milestones_gen_update` AFTER UPDATE ON `milestones` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `milestones_gen_delete` AFTER DELETE ON `milestones` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organisation_successions_gen_insert` AFTER INSERT ON `organisation_successions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organisation_successions_gen_update` AFTER UPDATE ON `organisation_successions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organisation_successions_gen_delete` AFTER DELETE ON `organisation_successions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organisations_gen_insert` AFTER INSERT ON `organisations` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organisations_gen_update` AFTER UPDATE ON `organisations` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `organisations_gen_delete` AFTER DELETE ON `organisations` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revisions_gen_insert` AFTER INSERT ON `plan_revisions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revisions_gen_update` AFTER UPDATE ON `plan_revisions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `plan_revisions_gen_delete` AFTER DELETE ON `plan_revisions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `planned_disbursements_gen_insert` AFTER INSERT ON `planned_disbursements` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `planned_disbursements_gen_update` AFTER UPDATE ON `planned_disbursements` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `planned_disbursements_gen_delete` AFTER DELETE ON `planned_disbursements` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `plans_gen_insert` AFTER INSERT ON `plans` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `plans_gen_update` AFTER UPDATE ON `plans` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `plans_gen_delete` AFTER DELETE ON `plans` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `project_cooperators_gen_insert` AFTER INSERT ON `project_cooperators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `project_cooperators_gen_update` AFTER UPDATE ON `project_cooperators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `project_cooperators_gen_delete` AFTER DELETE ON `project_cooperators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `project_phase_changes_gen_insert` AFTER INSERT ON `project_phase_changes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `project_phase_changes_gen_update` AFTER UPDATE ON `project_phase_changes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `project_phase_changes_gen_delete` AFTER DELETE ON `project_phase_changes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `project_strategy_nodes_gen_insert` AFTER INSERT ON `project_strategy_nodes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `project_strategy_nodes_gen_update` AFTER UPDATE ON `project_strategy_nodes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `project_strategy_nodes_gen_delete` AFTER DELETE ON `project_strategy_nodes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `projects_gen_insert` AFTER INSERT ON `projects` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `projects_gen_update` AFTER UPDATE ON `projects` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `projects_gen_delete` AFTER DELETE ON `projects` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `regions_gen_insert` AFTER INSERT ON `regions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `regions_gen_update` AFTER UPDATE ON `regions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `regions_gen_delete` AFTER DELETE ON `regions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `review_comments_gen_insert` AFTER INSERT ON `review_comments` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `review_comments_gen_update` AFTER UPDATE ON `review_comments` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `review_comments_gen_delete` AFTER DELETE ON `review_comments` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `similarity_reviews_gen_insert` AFTER INSERT ON `similarity_reviews` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `similarity_reviews_gen_update` AFTER UPDATE ON `similarity_reviews` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `similarity_reviews_gen_delete` AFTER DELETE ON `similarity_reviews` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `strategy_node_cooperators_gen_insert` AFTER INSERT ON `strategy_node_cooperators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `strategy_node_cooperators_gen_update` AFTER UPDATE ON `strategy_node_cooperators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `strategy_node_cooperators_gen_delete` AFTER DELETE ON `strategy_node_cooperators` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `strategy_nodes_gen_insert` AFTER INSERT ON `strategy_nodes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `strategy_nodes_gen_update` AFTER UPDATE ON `strategy_nodes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `strategy_nodes_gen_delete` AFTER DELETE ON `strategy_nodes` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `strategy_targets_gen_insert` AFTER INSERT ON `strategy_targets` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `strategy_targets_gen_update` AFTER UPDATE ON `strategy_targets` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `strategy_targets_gen_delete` AFTER DELETE ON `strategy_targets` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `transactions_gen_insert` AFTER INSERT ON `transactions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `transactions_gen_update` AFTER UPDATE ON `transactions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `transactions_gen_delete` AFTER DELETE ON `transactions` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `users_gen_insert` AFTER INSERT ON `users` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `users_gen_update` AFTER UPDATE ON `users` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `users_gen_delete` AFTER DELETE ON `users` BEGIN UPDATE `data_generation` SET `n` = `n` + 1 WHERE `id` = 1; END;
