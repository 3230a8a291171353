CREATE INDEX `projects_city_idx` ON `projects` (`city_id`);--> statement-breakpoint
CREATE INDEX `transactions_project_amount_idx` ON `transactions` (`project_id`,`kind`,`amount`);