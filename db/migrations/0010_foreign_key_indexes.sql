CREATE INDEX `flags_plan_idx` ON `flags` (`plan_id`);--> statement-breakpoint
CREATE INDEX `planned_disbursements_line_idx` ON `planned_disbursements` (`budget_line_id`);--> statement-breakpoint
CREATE INDEX `projects_app_idx` ON `projects` (`app_id`);