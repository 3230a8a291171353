ALTER TABLE `api_tokens` ADD `expires_at` integer;--> statement-breakpoint
ALTER TABLE `transactions` ADD `external_ref` text;--> statement-breakpoint
CREATE UNIQUE INDEX `transactions_external_ref_unique` ON `transactions` (`project_id`,`external_ref`);