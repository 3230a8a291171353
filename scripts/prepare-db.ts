/**
 * Apply migrations to DATABASE_PATH and seed it if it is empty (see
 * server/prepare-db.ts), without starting the server. `npm run dev` runs it
 * first; the production server does the same in-process before it listens.
 * Also bundled as <build>/prepare-db.mjs (`node build/prepare-db.mjs`), e.g.
 * to migrate a restored database ahead of a start.
 */
import { prepareDatabase } from "../server/prepare-db";

await prepareDatabase();
