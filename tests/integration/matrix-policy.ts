/**
 * The declared access-control policy: for every route (by Remix route id)
 * and method, the expected outcome for each role, in the order of ROLES:
 *
 *   admin  coordinator  planner-own  planner-foreign  leader  auditor  anonymous
 *
 * Outcomes: `ok` 200 · `deny` 403 or 404 · `login` redirect to /login (or 401) ·
 * `redir` another redirect · `allow` the request reached the command (200,
 * a redirect that is not to /login, 400/409/422 for the empty or invalid
 * form the matrix posts) · `404` · `401` · `any` anything but a 5xx.
 * Route parameters point at resources of Ho Chi Minh City (P-HCM), so
 * planner-own may and planner-foreign (Lai Châu) may not.
 *
 * A route that is not listed here is printed as "undeclared" by the matrix
 * test (never a failure): declare it when the route is finished.
 */
import { ROLES } from "./matrix-harness";

export const OUTCOMES = ["ok", "deny", "login", "redir", "allow", "404", "401", "any"] as const;
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
};
