/** Apply the committed drizzle-kit migrations to DATABASE_PATH. */
import { defaultDatabasePath, migrateDatabase, openDatabase } from "../db/client.server";

const file = defaultDatabasePath();
const db = openDatabase(file);
migrateDatabase(db);
db.$client.close();
console.log(`Migrated ${file}`);
