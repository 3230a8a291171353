/**
 * Create a real user on any database (production included; no demo data).
 *
 *   npm run user:create -- --email an@moc.gov.vn --name "Nguyễn Văn An" --role planner --org P-HCM
 *
 * The password is read from USER_PASSWORD or asked for on the terminal.
 */
import { parseArgs } from "node:util";
import readline from "node:readline/promises";
import { defaultDatabasePath, migrateDatabase, openDatabase } from "../db/client.server";
import { createUser } from "../app/modules/users/create-user.server";

const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string" },
    org: { type: "string" },
    locale: { type: "string", default: "vi" },
  },
});

async function readPassword(): Promise<string> {
  if (process.env.USER_PASSWORD) return process.env.USER_PASSWORD;
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const answer = await rl.question("Password (at least 12 characters): ");
  rl.close();
  return answer;
}

const missing = ["email", "name", "role", "org"].filter((k) => !values[k as keyof typeof values]);
if (missing.length) {
  console.error(`Missing --${missing.join(", --")}\nUsage: npm run user:create -- --email E --name N --role admin|coordinator|planner|leader|auditor --org ORG-CODE`);
  process.exit(2);
}

const db = openDatabase(defaultDatabasePath());
migrateDatabase(db);
try {
  const id = await createUser(
    db,
    {
      email: values.email!,
      name: values.name!,
      role: values.role as never,
      organisation: values.org!,
      locale: values.locale as "vi" | "en",
      password: await readPassword(),
    },
    { userId: null, label: `cli:${process.env.USER ?? "operator"}` },
  );
  console.log(`Created user #${id} ${values.email} (${values.role} at ${values.org})`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  db.$client.close();
}
