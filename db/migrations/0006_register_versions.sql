ALTER TABLE `app_register` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `data_register` ADD `version` integer DEFAULT 1 NOT NULL;