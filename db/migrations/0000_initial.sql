CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` integer NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`secret_hash` blob NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `api_tokens_org_idx` ON `api_tokens` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `app_register` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text,
	`owner_organisation_id` integer NOT NULL,
	`scope` text NOT NULL,
	`domain` text NOT NULL,
	`platforms` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'live' NOT NULL,
	`url` text,
	`launched_on` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`owner_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `app_register_owner_idx` ON `app_register` (`owner_organisation_id`);--> statement-breakpoint
CREATE INDEX `app_register_domain_idx` ON `app_register` (`domain`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_user_id` integer,
	`actor_label` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`organisation_id` integer,
	`before` text,
	`after` text,
	`ip_address` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_events` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_events` (`actor_user_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_org_idx` ON `audit_events` (`organisation_id`,`at`);--> statement-breakpoint
CREATE TABLE `budget_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`fiscal_year` integer NOT NULL,
	`funding_source` text NOT NULL,
	`category` text DEFAULT 'general' NOT NULL,
	`approved_amount` integer NOT NULL,
	`original_amount` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `budget_lines_unique` ON `budget_lines` (`project_id`,`fiscal_year`,`funding_source`,`category`);--> statement-breakpoint
CREATE INDEX `budget_lines_year_idx` ON `budget_lines` (`fiscal_year`,`funding_source`);--> statement-breakpoint
CREATE TABLE `budget_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`budget_line_id` integer NOT NULL,
	`from_amount` integer NOT NULL,
	`to_amount` integer NOT NULL,
	`reason` text NOT NULL,
	`changed_by` integer,
	`changed_on` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`budget_line_id`) REFERENCES `budget_lines`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `budget_revisions_line_idx` ON `budget_revisions` (`budget_line_id`);--> statement-breakpoint
CREATE TABLE `data_register` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`category` text NOT NULL,
	`purpose_vi` text NOT NULL,
	`purpose_en` text,
	`legal_basis` text,
	`retention` text,
	`operator_type` text NOT NULL,
	`operator_name` text,
	`aggregated_only` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `data_register_project_idx` ON `data_register` (`project_id`);--> statement-breakpoint
CREATE TABLE `feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`kind` text NOT NULL,
	`body` text,
	`citizen_key` text NOT NULL,
	`province_id` integer,
	`state` text DEFAULT 'pending' NOT NULL,
	`moderation_reason` text,
	`moderated_by` integer,
	`moderated_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`province_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`moderated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `feedback_project_idx` ON `feedback` (`project_id`,`state`);--> statement-breakpoint
CREATE INDEX `feedback_citizen_idx` ON `feedback` (`citizen_key`,`created_at`);--> statement-breakpoint
CREATE INDEX `feedback_state_idx` ON `feedback` (`state`,`created_at`);--> statement-breakpoint
CREATE TABLE `flag_members` (
	`flag_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	PRIMARY KEY(`flag_id`, `project_id`),
	FOREIGN KEY (`flag_id`) REFERENCES `flags`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `flag_members_project_idx` ON `flag_members` (`project_id`);--> statement-breakpoint
CREATE TABLE `flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`fingerprint` text NOT NULL,
	`rule_code` text NOT NULL,
	`severity` text NOT NULL,
	`subject_type` text NOT NULL,
	`project_id` integer,
	`plan_id` integer,
	`organisation_id` integer,
	`evidence` text NOT NULL,
	`money_at_stake` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`state` text DEFAULT 'open' NOT NULL,
	`state_reason` text,
	`state_changed_by` integer,
	`state_changed_at` integer,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`state_changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `flags_fingerprint_unique` ON `flags` (`fingerprint`);--> statement-breakpoint
CREATE INDEX `flags_rule_idx` ON `flags` (`rule_code`,`state`);--> statement-breakpoint
CREATE INDEX `flags_project_idx` ON `flags` (`project_id`);--> statement-breakpoint
CREATE INDEX `flags_org_idx` ON `flags` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `flags_state_idx` ON `flags` (`state`,`severity`);--> statement-breakpoint
CREATE TABLE `indicator_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`indicator_id` integer NOT NULL,
	`period` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`value` real NOT NULL,
	`note` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`indicator_id`) REFERENCES `indicators`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `indicator_values_unique` ON `indicator_values` (`indicator_id`,`period`);--> statement-breakpoint
CREATE TABLE `indicators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text,
	`unit` text NOT NULL,
	`baseline` real,
	`baseline_year` integer,
	`target` real,
	`target_year` integer,
	`strategy_target_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`strategy_target_id`) REFERENCES `strategy_targets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `indicators_project_idx` ON `indicators` (`project_id`);--> statement-breakpoint
CREATE INDEX `indicators_target_idx` ON `indicators` (`strategy_target_id`);--> statement-breakpoint
CREATE TABLE `lessons_learned` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`recorded_on` text NOT NULL,
	`body_vi` text NOT NULL,
	`body_en` text,
	`author_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `lessons_project_idx` ON `lessons_learned` (`project_id`);--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`window_started_at` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_unique` ON `memberships` (`user_id`,`organisation_id`,`role`);--> statement-breakpoint
CREATE INDEX `memberships_org_idx` ON `memberships` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text,
	`due_date` text NOT NULL,
	`done_date` text,
	`weight` integer DEFAULT 1 NOT NULL,
	`evidence` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `milestones_project_idx` ON `milestones` (`project_id`,`due_date`);--> statement-breakpoint
CREATE INDEX `milestones_due_idx` ON `milestones` (`due_date`,`done_date`);--> statement-breakpoint
CREATE TABLE `organisation_successions` (
	`predecessor_id` integer NOT NULL,
	`successor_id` integer NOT NULL,
	`effective_date` text NOT NULL,
	`legal_basis` text,
	PRIMARY KEY(`predecessor_id`, `successor_id`),
	FOREIGN KEY (`predecessor_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`successor_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `successions_successor_idx` ON `organisation_successions` (`successor_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`abbr` text NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text NOT NULL,
	`search_name` text NOT NULL,
	`municipality` integer DEFAULT false NOT NULL,
	`parent_id` integer,
	`region_code` text,
	`gso_code` text,
	`population` integer,
	`area_km2` real,
	`seat_name` text,
	`seat_lat` real,
	`seat_lon` real,
	`valid_from` text,
	`valid_to` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_code_unique` ON `organisations` (`code`);--> statement-breakpoint
CREATE INDEX `organisations_kind_idx` ON `organisations` (`kind`,`valid_to`);--> statement-breakpoint
CREATE INDEX `organisations_parent_idx` ON `organisations` (`parent_id`);--> statement-breakpoint
CREATE INDEX `organisations_region_idx` ON `organisations` (`region_code`);--> statement-breakpoint
CREATE INDEX `organisations_search_idx` ON `organisations` (`search_name`);--> statement-breakpoint
CREATE TABLE `plan_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`revision` integer NOT NULL,
	`status` text NOT NULL,
	`snapshot` text NOT NULL,
	`reason` text,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `plan_revisions_plan_idx` ON `plan_revisions` (`plan_id`,`revision`);--> statement-breakpoint
CREATE TABLE `planned_disbursements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`budget_line_id` integer,
	`fiscal_year` integer NOT NULL,
	`quarter` integer NOT NULL,
	`amount` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`budget_line_id`) REFERENCES `budget_lines`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `planned_disbursements_project_idx` ON `planned_disbursements` (`project_id`,`fiscal_year`,`quarter`);--> statement-breakpoint
CREATE INDEX `planned_disbursements_year_idx` ON `planned_disbursements` (`fiscal_year`,`quarter`);--> statement-breakpoint
CREATE TABLE `plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`organisation_id` integer NOT NULL,
	`title_vi` text NOT NULL,
	`title_en` text,
	`summary_vi` text,
	`summary_en` text,
	`period_start` integer NOT NULL,
	`period_end` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`revision` integer DEFAULT 1 NOT NULL,
	`submitted_at` integer,
	`approved_at` integer,
	`approved_by` integer,
	`created_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plans_code_unique` ON `plans` (`code`);--> statement-breakpoint
CREATE INDEX `plans_org_idx` ON `plans` (`organisation_id`,`period_start`);--> statement-breakpoint
CREATE INDEX `plans_status_idx` ON `plans` (`status`);--> statement-breakpoint
CREATE TABLE `project_cooperators` (
	`project_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	PRIMARY KEY(`project_id`, `organisation_id`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `project_cooperators_org_idx` ON `project_cooperators` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `project_phase_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`from_phase` text,
	`to_phase` text NOT NULL,
	`reason` text,
	`changed_by` integer,
	`changed_on` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `project_phase_changes_project_idx` ON `project_phase_changes` (`project_id`,`changed_on`);--> statement-breakpoint
CREATE TABLE `project_strategy_nodes` (
	`project_id` integer NOT NULL,
	`node_id` integer NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`project_id`, `node_id`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`node_id`) REFERENCES `strategy_nodes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `project_strategy_nodes_node_idx` ON `project_strategy_nodes` (`node_id`);--> statement-breakpoint
CREATE TABLE `projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`plan_id` integer,
	`organisation_id` integer NOT NULL,
	`province_id` integer,
	`city_id` integer,
	`title_vi` text NOT NULL,
	`title_en` text,
	`description_vi` text NOT NULL,
	`description_en` text,
	`domain` text NOT NULL,
	`components` text DEFAULT '[]' NOT NULL,
	`phase` text DEFAULT 'proposed' NOT NULL,
	`phase_changed_at` integer,
	`cancellation_reason` text,
	`hosting_model` text NOT NULL,
	`hardware_capex` integer DEFAULT 0 NOT NULL,
	`handles_personal_data` integer DEFAULT false NOT NULL,
	`personal_data_categories` text DEFAULT '[]' NOT NULL,
	`operator_type` text NOT NULL,
	`operator_name` text,
	`citizen_app_name` text,
	`citizen_app_platforms` text DEFAULT '[]' NOT NULL,
	`app_id` integer,
	`replicates_project_id` integer,
	`start_date` text,
	`end_date` text,
	`published` integer DEFAULT false NOT NULL,
	`published_at` integer,
	`search_text` text DEFAULT '' NOT NULL,
	`created_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`province_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`city_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`app_id`) REFERENCES `app_register`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`replicates_project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `projects_code_unique` ON `projects` (`code`);--> statement-breakpoint
CREATE INDEX `projects_org_idx` ON `projects` (`organisation_id`,`phase`);--> statement-breakpoint
CREATE INDEX `projects_province_idx` ON `projects` (`province_id`,`phase`);--> statement-breakpoint
CREATE INDEX `projects_phase_idx` ON `projects` (`phase`);--> statement-breakpoint
CREATE INDEX `projects_plan_idx` ON `projects` (`plan_id`);--> statement-breakpoint
CREATE INDEX `projects_domain_idx` ON `projects` (`domain`);--> statement-breakpoint
CREATE INDEX `projects_replicates_idx` ON `projects` (`replicates_project_id`);--> statement-breakpoint
CREATE INDEX `projects_published_idx` ON `projects` (`published`);--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text NOT NULL,
	`disadvantaged` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `review_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_id` integer NOT NULL,
	`project_id` integer,
	`revision` integer NOT NULL,
	`author_id` integer NOT NULL,
	`body` text NOT NULL,
	`resolved_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `review_comments_plan_idx` ON `review_comments` (`plan_id`);--> statement-breakpoint
CREATE INDEX `review_comments_project_idx` ON `review_comments` (`project_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`secret_hash` blob NOT NULL,
	`created_at` integer NOT NULL,
	`last_verified_at` integer NOT NULL,
	`ip_address` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `strategy_node_cooperators` (
	`node_id` integer NOT NULL,
	`organisation_id` integer NOT NULL,
	PRIMARY KEY(`node_id`, `organisation_id`),
	FOREIGN KEY (`node_id`) REFERENCES `strategy_nodes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `strategy_nodes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`parent_id` integer,
	`code` text NOT NULL,
	`path` text NOT NULL,
	`depth` integer DEFAULT 0 NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`title_vi` text NOT NULL,
	`title_en` text,
	`description_vi` text,
	`description_en` text,
	`lead_organisation_id` integer,
	`period_start` integer,
	`period_end` integer,
	`archived_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `strategy_nodes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `strategy_nodes_code_unique` ON `strategy_nodes` (`code`);--> statement-breakpoint
CREATE INDEX `strategy_nodes_parent_idx` ON `strategy_nodes` (`parent_id`,`sort_order`);--> statement-breakpoint
CREATE INDEX `strategy_nodes_path_idx` ON `strategy_nodes` (`path`);--> statement-breakpoint
CREATE TABLE `strategy_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`node_id` integer NOT NULL,
	`name_vi` text NOT NULL,
	`name_en` text,
	`unit` text NOT NULL,
	`baseline` real,
	`target` real NOT NULL,
	`target_year` integer,
	FOREIGN KEY (`node_id`) REFERENCES `strategy_nodes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `strategy_targets_node_idx` ON `strategy_targets` (`node_id`);--> statement-breakpoint
CREATE TABLE `transactions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`budget_line_id` integer NOT NULL,
	`kind` text NOT NULL,
	`date` text NOT NULL,
	`amount` integer NOT NULL,
	`document_ref` text,
	`note` text,
	`reverses_id` integer,
	`origin` text DEFAULT 'manual' NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`budget_line_id`) REFERENCES `budget_lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reverses_id`) REFERENCES `transactions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `transactions_project_idx` ON `transactions` (`project_id`,`kind`,`date`);--> statement-breakpoint
CREATE INDEX `transactions_line_idx` ON `transactions` (`budget_line_id`,`kind`);--> statement-breakpoint
CREATE INDEX `transactions_date_idx` ON `transactions` (`date`,`kind`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`locale` text DEFAULT 'vi' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`password_changed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);