/**
 * The declared access-control policy: for every route (by Remix route id)
 * and method, the expected outcome for each role, in the order of ROLES:
 *
 *   admin  coordinator  planner-own  planner-foreign  leader  auditor  anonymous
 *
 * Outcomes: `ok` 200 · `deny` 403 or 404 · `login` redirect to /login (or 401) ·
 * `redir` another redirect · `allow` the request reached the command (200,
 * a redirect that is not to /login, 400/409/422 for the empty or invalid
 * form the matrix posts) · `404` · `401` · `405` · `any` anything but a 5xx.
 * Route parameters point at resources of Ho Chi Minh City (P-HCM), so
 * planner-own may and planner-foreign (Lai Châu) may not.
 *
 * A route that is not listed here is printed as "undeclared" by the matrix
 * test (never a failure): declare it when the route is finished.
 */
import { ROLES } from "./matrix-harness";

export const OUTCOMES = ["ok", "deny", "login", "redir", "allow", "404", "401", "405", "any"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type Expectation = readonly Outcome[];

function row(spec: string): Expectation {
  const cells = spec.trim().split(/\s+/) as Outcome[];
  if (cells.length !== ROLES.length || cells.some((c) => !OUTCOMES.includes(c))) {
    throw new Error(`matrix policy: bad row "${spec}"`);
  }
  return cells;
}

// GET
const READ_ALL = row("ok ok ok ok ok ok login");
const READ_OWN = row("ok ok ok deny ok ok login");
/** Pages that change a resource of one organisation (coordinator any, planner own). */
const EDIT_OWN_PAGE = row("deny ok ok deny deny deny login");
/** Pages that create something for the user's own organisation. */
const CREATE_PAGE = row("deny ok ok ok deny deny login");
/** Strategy editing pages: coordinators only. */
const COORDINATOR_PAGE = row("deny ok deny deny deny deny login");

// POST
const WRITE_OWN = row("deny allow allow deny deny deny login");
const CREATE_OWN = row("deny allow allow allow deny deny login");
const COORDINATOR_ONLY = row("deny allow deny deny deny deny login");
const ADMIN_PAGE = row("ok deny deny deny deny deny login");
const ADMIN_ONLY = row("allow deny deny deny deny deny login");
const COORDINATOR_READ = row("deny ok deny deny deny deny login");
/** Importers: planners for their own organisation, coordinators any (admins, leaders, auditors not). */
const IMPORT_PAGE = row("deny ok ok ok deny deny login");
const IMPORT_POST = row("deny allow allow allow deny deny login");
/** Public portal: the same page for everyone, signed in or not. */
const PUBLIC = row("ok ok ok ok ok ok ok");
/** The JSON API takes bearer tokens only: a session cookie is not a credential there. */
const API_TOKEN_ONLY = row("401 401 401 401 401 401 401");
const API_NO_METHOD = row("405 405 405 405 405 405 405");
const AUDIT_READ = row("ok deny deny deny deny ok login");

export interface RoutePolicy {
  GET?: Expectation;
  POST?: Expectation;
  /** Form fields the matrix POSTs (default: an empty form). */
  postBody?: Record<string, string>;
  /** Why, when it is not obvious from the permissions. */
  note?: string;
}

export const POLICY: Record<string, RoutePolicy> = {
  "routes/_index": { GET: READ_ALL },
  "routes/$": { GET: row("404 404 404 404 404 404 404") },
  "routes/healthz": { GET: row("ok ok ok ok ok ok ok") },
  "routes/login": {
    GET: row("redir redir redir redir redir redir ok"),
    POST: row("allow allow allow allow allow allow allow"),
    note: "signed-in users are sent home; anyone may try to sign in (throttled)",
  },
  "routes/logout": {
    GET: row("redir redir redir redir redir redir redir"),
    POST: row("login login login login login login login"),
    note: "POST ends the session and sends to the sign-in page",
  },
  "routes/locale": {
    GET: row("redir redir redir redir redir redir redir"),
    POST: row("redir redir redir redir redir redir redir"),
    note: "language choice is a cookie, for everyone",
  },
  "routes/account.password": {
    GET: READ_ALL,
    POST: row("allow allow allow allow allow allow login"),
    note: "everyone signed in changes their own password (and only their own)",
  },
  "routes/admin.users": {
    GET: row("ok ok deny deny deny ok login"),
    note: "read:user — admin, coordinator, auditor",
  },
  "routes/audit": { GET: row("ok deny deny deny deny ok login"), note: "read:audit — admin, auditor" },
  "routes/flags": {
    GET: READ_ALL,
    POST: row("deny allow deny deny deny deny login"),
    note: "planners see their own flags (filtered); only coordinators triage",
  },
  "routes/rollout": { GET: READ_ALL },
  "routes/organisations._index": { GET: READ_ALL },
  "routes/organisations.$id": { GET: READ_ALL, note: "organisations are public within the programme" },
  "routes/organisations.$id_.plans": { GET: READ_OWN },
  "routes/plans._index": { GET: READ_ALL, note: "a planner's list shows only their own plans" },
  "routes/plans.new": { GET: CREATE_PAGE, POST: CREATE_OWN },
  "routes/plans.$id": {
    GET: READ_OWN,
    POST: row("deny deny allow deny deny deny login"),
    postBody: { intent: "submit", version: "99999" },
    note: "POST submit (stale version → 409): only the plan's own planner submits; the action parses the intent before its per-intent check, so an empty form gets 400 from every reader",
  },
  "routes/plans.$id_.edit": { GET: EDIT_OWN_PAGE, POST: WRITE_OWN },
  "routes/plans.$id_.gantt": { GET: READ_OWN },
  "routes/plans.$id_.revisions": { GET: READ_OWN },
  "routes/projects._index": { GET: READ_ALL, note: "a planner's register shows only their own projects" },
  "routes/projects[.]csv": { GET: READ_ALL, note: "same scope as the register" },
  "routes/projects.new": { GET: CREATE_PAGE, POST: CREATE_OWN },
  "routes/projects.$code": { GET: READ_OWN },
  "routes/projects.$code_.edit": { GET: EDIT_OWN_PAGE, POST: WRITE_OWN },
  "routes/projects.$code_.phase": { GET: EDIT_OWN_PAGE, POST: WRITE_OWN },
  "routes/projects.$code_.lessons": { GET: EDIT_OWN_PAGE, POST: WRITE_OWN },
  "routes/projects.$code_.replicate": {
    GET: CREATE_PAGE,
    POST: CREATE_OWN,
    note: "a pilot in a replicable phase may be copied into the planner's own organisation",
  },
  "routes/projects.$code_.gantt": { GET: READ_OWN },
  "routes/projects.$code_.budget": { GET: READ_OWN, POST: WRITE_OWN },
  "routes/projects.$code_.budget_.$lineId": { GET: READ_OWN, POST: WRITE_OWN },
  "routes/projects.$code_.transactions": { GET: READ_OWN, POST: WRITE_OWN },
  "routes/projects.$code_.transactions_.batch": { GET: EDIT_OWN_PAGE, POST: WRITE_OWN },
  "routes/projects.$code_.milestones": { GET: READ_OWN, POST: WRITE_OWN },
  "routes/projects.$code_.milestones_.batch": { GET: EDIT_OWN_PAGE, POST: WRITE_OWN },
  "routes/projects.$code_.indicators": { GET: READ_OWN, POST: WRITE_OWN },
  "routes/strategy": { GET: READ_ALL },
  "routes/strategy_.$code": { GET: READ_ALL, POST: COORDINATOR_ONLY },
  "routes/strategy_.new": { GET: COORDINATOR_PAGE, POST: COORDINATOR_ONLY },
  "routes/strategy_.$code_.edit": { GET: COORDINATOR_PAGE, POST: COORDINATOR_ONLY },
  "routes/strategy_.$code_.move": { GET: COORDINATOR_PAGE, POST: COORDINATOR_ONLY },
  "routes/strategy_.$code_.delete": { GET: COORDINATOR_PAGE, POST: COORDINATOR_ONLY },
  "routes/strategy_.$code_.targets": { GET: COORDINATOR_PAGE, POST: COORDINATOR_ONLY },
  // Issue 5–8 routes
  "routes/projects.similar": {
    GET: READ_ALL,
    note: "similar proposals of every organisation as summaries, linked only when readable; ?reviewsOf= checks the project's organisation",
  },
  "routes/projects.$code_.publish": {
    GET: row("redir redir redir redir redir redir redir"),
    POST: COORDINATOR_ONLY,
    note: "publish:project — coordinators choose what is public; GET goes back to the project page",
  },
  "routes/projects.$code_.data": { GET: READ_OWN, POST: WRITE_OWN, note: "data register: update:register own/any" },
  "routes/moderation": { GET: COORDINATOR_READ, POST: COORDINATOR_ONLY, note: "manage:feedback — coordinators" },
  "routes/public": { GET: PUBLIC, note: "layout of the public portal" },
  "routes/public._index": { GET: PUBLIC },
  "routes/public.data": { GET: PUBLIC },
  "routes/public.projects.$code": {
    GET: PUBLIC,
    POST: row("allow allow allow allow allow allow allow"),
    note: "a published project; residents post feedback without an account (ID-checked, rate-limited)",
  },
  "routes/public.provinces.$id": { GET: PUBLIC },
  "routes/apps._index": { GET: READ_ALL },
  "routes/apps.$id": { GET: READ_ALL, note: "the app register is open to every signed-in role" },
  "routes/apps.$id_.edit": {
    GET: EDIT_OWN_PAGE,
    POST: WRITE_OWN,
    note: "a provincial app of Ho Chi Minh City: its planner and coordinators edit it",
  },
  "routes/apps.new": { GET: CREATE_PAGE, POST: CREATE_OWN },
  "routes/dashboard._index": { GET: READ_ALL },
  "routes/dashboard[.]xlsx": { GET: READ_ALL },
  "routes/dashboard.list": { GET: READ_ALL, note: "planners' lists keep only their own organisations' rows" },
  "routes/dashboard.provinces.$id": { GET: READ_ALL },
  "routes/dashboard.ministries.$id": { GET: READ_ALL },
  "routes/admin.api-tokens": { GET: ADMIN_PAGE, POST: ADMIN_ONLY, note: "manage:setting — admins issue and revoke API tokens" },
  "routes/api.$": {
    GET: row("404 404 404 404 404 404 404"),
    POST: row("404 404 404 404 404 404 404"),
    note: "unknown API paths answer a JSON 404",
  },
  "routes/api.openapi[.]json": { GET: PUBLIC, note: "the API description is public" },
  "routes/api.v1.plans": { GET: API_TOKEN_ONLY, POST: API_NO_METHOD },
  "routes/api.v1.projects": { GET: API_TOKEN_ONLY, POST: API_TOKEN_ONLY },
  "routes/api.v1.projects_.$code": { GET: API_TOKEN_ONLY, POST: API_NO_METHOD, note: "updates are PATCH" },
  "routes/api.v1.projects_.$code_.milestones": { GET: API_TOKEN_ONLY, POST: API_TOKEN_ONLY },
  "routes/api.v1.projects_.$code_.milestones_.$id": { GET: API_TOKEN_ONLY, POST: API_NO_METHOD, note: "updates are PATCH" },
  "routes/api.v1.projects_.$code_.transactions": { GET: API_TOKEN_ONLY, POST: API_TOKEN_ONLY },
  "routes/api.v1.projects_.$code_.transactions_.$id.reversal": { GET: API_NO_METHOD, POST: API_TOKEN_ONLY },
  "routes/iati.export[.]xml": {
    GET: row("any any any any any any login"),
    note: "ODA projects in the caller's budget scope; 404 when the scope has none (the fixture has none)",
  },
  "routes/iati.import": { GET: IMPORT_PAGE, POST: IMPORT_POST, note: "planners import into their own projects only (checked per activity)" },
  "routes/plans.$id_.import": { GET: EDIT_OWN_PAGE, POST: WRITE_OWN },
  "routes/plans.$id_.export[.]xlsx": { GET: READ_OWN },
  "routes/templates.plan[.]xlsx": { GET: READ_ALL },
  "routes/projects[.]xlsx": { GET: READ_ALL, note: "same scope as the register" },
  "routes/organisations[.]csv": { GET: READ_ALL },
  "routes/organisations[.]xlsx": { GET: READ_ALL },
  "routes/plans[.]csv": { GET: READ_ALL, note: "a planner's export holds only their own plans" },
  "routes/plans[.]xlsx": { GET: READ_ALL, note: "a planner's export holds only their own plans" },
  "routes/flags[.]csv": { GET: READ_ALL, note: "planners: their own flags" },
  "routes/flags[.]xlsx": { GET: READ_ALL, note: "planners: their own flags" },
  "routes/audit[.]csv": { GET: AUDIT_READ },
  "routes/audit[.]xlsx": { GET: AUDIT_READ },
  "routes/projects.$code_.budget[.]csv": { GET: READ_OWN },
  "routes/projects.$code_.budget[.]xlsx": { GET: READ_OWN },
  "routes/projects.$code_.milestones[.]csv": { GET: READ_OWN },
  "routes/projects.$code_.milestones[.]xlsx": { GET: READ_OWN },
  "routes/projects.$code_.transactions[.]csv": { GET: READ_OWN },
  "routes/projects.$code_.transactions[.]xlsx": { GET: READ_OWN },
};
