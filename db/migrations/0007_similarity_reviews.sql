CREATE TABLE `similarity_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` integer NOT NULL,
	`other_project_id` integer NOT NULL,
	`kind` text NOT NULL,
	`score` real NOT NULL,
	`decision` text NOT NULL,
	`statement` text,
	`decided_by` integer,
	`decided_at` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`other_project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `similarity_reviews_pair` ON `similarity_reviews` (`project_id`,`other_project_id`);--> statement-breakpoint
CREATE INDEX `similarity_reviews_other_idx` ON `similarity_reviews` (`other_project_id`);