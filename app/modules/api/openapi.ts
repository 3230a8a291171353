/**
 * The OpenAPI 3.1 document of the JSON API, written by hand next to the
 * routes (a test checks every API route file has its path here and every
 * path here has a route). Enumerations come from db/enums so they cannot
 * drift; the bodies mirror the zod schemas in ./schemas.ts.
 */
import { DOMAINS, FUNDING_SOURCES, HOSTING_MODELS, OPERATOR_TYPES, PERSONAL_DATA_CATEGORIES, PROJECT_PHASES, TRANSACTION_KINDS, BUDGET_CATEGORIES } from "#db/enums";
import { APP_PLATFORMS } from "~/modules/projects/schema";
import { DEFAULT_LIMIT, MAX_LIMIT, MAX_BODY_BYTES } from "./limits";
import { RATE_LIMIT } from "./tokens";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const str = { type: "string" } as const;
const int = { type: "integer" } as const;
const date = { type: "string", format: "date" } as const;
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: "null" }] });
const orgRef = {
  type: "object",
  required: ["id", "code"],
  properties: { id: int, code: str },
};

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ref("Error") } },
});

const STANDARD_ERRORS = {
  "401": errorResponse("No token, a malformed, unknown, revoked or expired token (`token_missing`, `token_malformed`, `token_unknown`, `token_revoked`, `token_expired`)."),
  "403": errorResponse("The token's role may not do this for this organisation."),
  "429": errorResponse(`More than ${RATE_LIMIT.requests} requests per minute for this token; see Retry-After.`),
};
const WRITE_ERRORS = {
  ...STANDARD_ERRORS,
  "400": errorResponse("The body is not JSON (`invalid_json`)."),
  "413": errorResponse(`The body is larger than ${MAX_BODY_BYTES} bytes.`),
  "415": errorResponse("The body is not application/json."),
  "422": { description: "Field errors.", content: { "application/json": { schema: ref("ValidationError") } } },
};

const codeParam = { name: "code", in: "path", required: true, schema: str, description: "Project code, e.g. HCM-2026-014." };
const idParam = (name: string, description: string) => ({ name, in: "path", required: true, schema: int, description });
const pageParams = [
  { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT } },
  { name: "cursor", in: "query", schema: str, description: "Opaque cursor from `page.nextCursor` (or follow `page.next`)." },
];
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });
const page = (item: string) => ({
  type: "object",
  required: ["data", "page"],
  properties: { data: { type: "array", items: ref(item) }, page: ref("Page") },
});

const projectBodyProperties = {
  organisationId: { ...int, description: "Owning organisation (default on create: the token's organisation)." },
  planId: nullable(int),
  titleVi: str,
  titleEn: nullable(str),
  descriptionVi: str,
  descriptionEn: nullable(str),
  domain: { enum: [...DOMAINS] },
  primaryNodeId: { ...int, description: "Primary strategy node." },
  otherNodeIds: { type: "array", items: int },
  cooperatorIds: { type: "array", items: int },
  provinceId: nullable(int),
  cityId: nullable(int),
  hostingModel: { enum: [...HOSTING_MODELS] },
  handlesPersonalData: { type: "boolean" },
  personalDataCategories: { type: "array", items: { enum: [...PERSONAL_DATA_CATEGORIES] } },
  operatorType: { enum: [...OPERATOR_TYPES] },
  operatorName: nullable(str),
  citizenAppName: nullable(str),
  citizenAppPlatforms: { type: "array", items: { enum: [...APP_PLATFORMS] } },
  startDate: nullable(date),
  endDate: nullable(date),
  components: { type: "array", items: { type: "string", pattern: "^[a-z0-9][a-z0-9-]{0,39}$" }, maxItems: 30 },
};

const milestoneFields = {
  nameVi: { type: "string", minLength: 1, maxLength: 300 },
  nameEn: { type: "string", maxLength: 300 },
  dueDate: date,
  weight: { type: "integer", minimum: 1, maximum: 1000 },
  evidence: { type: "string", maxLength: 1000, description: "A note, or an http(s) link." },
  sortOrder: { type: "integer", minimum: 0, maximum: 100000 },
};

export const API_PATHS = {
  "/api/v1/projects": {
    get: {
      operationId: "listProjects",
      summary: "Projects the token may read, by id, with cursor pagination.",
      parameters: [
        { name: "organisation", in: "query", schema: str, description: "Owner organisation code (merged predecessors/successors included)." },
        { name: "province", in: "query", schema: str, description: "Province code (merged units included)." },
        { name: "phase", in: "query", schema: { enum: [...PROJECT_PHASES] } },
        { name: "domain", in: "query", schema: { enum: [...DOMAINS] } },
        { name: "plan", in: "query", schema: str, description: "Plan code." },
        { name: "updatedSince", in: "query", schema: { type: "string", format: "date-time" } },
        ...pageParams,
      ],
      responses: {
        "200": { description: "A page of projects.", ...json({ ...page("ProjectSummary"), properties: { ...page("ProjectSummary").properties, page: ref("CountedPage") } }) },
        "400": errorResponse("The cursor is not one the API gave out."),
        "422": { description: "Unknown filter values.", ...json(ref("ValidationError")) },
        ...STANDARD_ERRORS,
      },
    },
    post: {
      operationId: "createProject",
      summary: "Create a project (phase proposed); same rules as the web form.",
      requestBody: { required: true, ...json(ref("ProjectCreate")) },
      responses: {
        "201": { description: "Created; Location names the project.", ...json({ type: "object", properties: { data: ref("ProjectSummary") } }) },
        "409": errorResponse("The plan is submitted or approved (`plan_locked`)."),
        ...WRITE_ERRORS,
      },
    },
  },
  "/api/v1/projects/{code}": {
    parameters: [codeParam],
    get: {
      operationId: "getProject",
      summary: "A project with its budget lines, planned disbursements, milestones, indicators and active flags.",
      responses: {
        "200": { description: "The project.", ...json({ type: "object", properties: { data: ref("Project") } }) },
        "404": errorResponse("No such project."),
        ...STANDARD_ERRORS,
      },
    },
    patch: {
      operationId: "updateProject",
      summary: "Change some fields of a project, from the version read.",
      requestBody: { required: true, ...json(ref("ProjectUpdate")) },
      responses: {
        "200": {
          description: "Updated (or unchanged: `changed` is empty).",
          ...json({ type: "object", properties: { data: ref("Project"), changed: { type: "array", items: str } } }),
        },
        "404": errorResponse("No such project."),
        "409": errorResponse("Someone saved since `version` (`stale_version`), or the plan is locked (`plan_locked`)."),
        ...WRITE_ERRORS,
      },
    },
  },
  "/api/v1/projects/{code}/transactions": {
    parameters: [codeParam],
    get: {
      operationId: "listTransactions",
      summary: "The project's ledger by id (cursor pages).",
      parameters: pageParams,
      responses: { "200": { description: "A page of entries.", ...json(page("Transaction")) }, "404": errorResponse("No such project."), ...STANDARD_ERRORS },
    },
    post: {
      operationId: "createTransaction",
      summary: "Book a commitment, disbursement or expenditure (integer VND) against a budget line of the project.",
      description:
        "Same rules as the ledger page: not after today; inside the line's fiscal year (and the project's years) unless `override` with a reason; disbursed never above committed, spent never above disbursed.",
      requestBody: { required: true, ...json(ref("TransactionCreate")) },
      responses: { "201": { description: "Booked.", ...json({ type: "object", properties: { data: ref("Transaction") } }) }, "404": errorResponse("No such project."), ...WRITE_ERRORS },
    },
  },
  "/api/v1/projects/{code}/transactions/{id}/reversal": {
    parameters: [codeParam, idParam("id", "Transaction id (of this project).")],
    post: {
      operationId: "reverseTransaction",
      summary: "Book the reversing entry (negative amount, today) of a transaction.",
      requestBody: {
        required: true,
        ...json({ type: "object", required: ["reason"], additionalProperties: false, properties: { reason: { type: "string", minLength: 1, maxLength: 1000 } } }),
      },
      responses: {
        "201": { description: "The reversing entry.", ...json({ type: "object", properties: { data: ref("Transaction") } }) },
        "404": errorResponse("No such project or transaction of this project."),
        "409": errorResponse("The entry is itself a reversal or is reversed already (`already_reversed`)."),
        ...WRITE_ERRORS,
      },
    },
  },
  "/api/v1/projects/{code}/milestones": {
    parameters: [codeParam],
    get: {
      operationId: "listMilestones",
      summary: "The project's milestones in display order.",
      responses: { "200": { description: "Milestones.", ...json({ type: "object", properties: { data: { type: "array", items: ref("Milestone") } } }) }, "404": errorResponse("No such project."), ...STANDARD_ERRORS },
    },
    post: {
      operationId: "createMilestone",
      summary: "Add a milestone.",
      requestBody: {
        required: true,
        ...json({ type: "object", required: ["nameVi", "dueDate", "weight"], additionalProperties: false, properties: milestoneFields }),
      },
      responses: { "201": { description: "Added.", ...json({ type: "object", properties: { data: ref("Milestone") } }) }, "404": errorResponse("No such project."), ...WRITE_ERRORS },
    },
  },
  "/api/v1/projects/{code}/milestones/{id}": {
    parameters: [codeParam, idParam("id", "Milestone id (of this project).")],
    get: {
      operationId: "getMilestone",
      summary: "One milestone.",
      responses: { "200": { description: "The milestone.", ...json({ type: "object", properties: { data: ref("Milestone") } }) }, "404": errorResponse("No such milestone of this project."), ...STANDARD_ERRORS },
    },
    patch: {
      operationId: "updateMilestone",
      summary: "Edit fields of a milestone, or set/clear its done date (alone), from the version read.",
      requestBody: {
        required: true,
        ...json({
          type: "object",
          required: ["version"],
          additionalProperties: false,
          properties: { version: int, ...milestoneFields, doneDate: nullable(date) },
        }),
      },
      responses: {
        "200": { description: "Updated.", ...json({ type: "object", properties: { data: ref("Milestone") } }) },
        "404": errorResponse("No such milestone of this project."),
        "409": errorResponse("Someone saved since `version` (`stale_version`)."),
        ...WRITE_ERRORS,
      },
    },
  },
  "/api/v1/plans": {
    get: {
      operationId: "listPlans",
      summary: "Plans the token may read, with their project codes (cursor pages).",
      parameters: pageParams,
      responses: { "200": { description: "A page of plans.", ...json(page("Plan")) }, ...STANDARD_ERRORS },
    },
  },
} as const;

export function openApiDocument(serverUrl = "/") {
  return {
    openapi: "3.1.0",
    info: {
      title: "CityPilot API",
      version: "1.0.0",
      description:
        "JSON API for provincial and ministerial systems. Authenticate with a per-organisation token issued by an administrator at /admin/api-tokens: `Authorization: Bearer <id>.<secret>`. A token acts with its role for its organisation (and the units merged into it), with the same permissions, validation, audit trail and optimistic versions as the web application. Money is integer VND; dates are ISO `YYYY-MM-DD`. Errors are always JSON: `{error: {code, message}}`, plus `errors` (field → messages, in English or Vietnamese by Accept-Language) and `errorCodes` (field → message keys) on 422.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerAuth: [] }],
    paths: API_PATHS,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "<id>.<secret> (two 24-character base32 strings)" },
      },
      schemas: {
        Error: {
          type: "object",
          required: ["error"],
          properties: { error: { type: "object", required: ["code", "message"], properties: { code: str, message: str } } },
        },
        ValidationError: {
          type: "object",
          required: ["error", "errors"],
          properties: {
            error: { type: "object", properties: { code: { const: "validation_failed" }, message: str } },
            errors: { type: "object", additionalProperties: { type: "array", items: str } },
            errorCodes: { type: "object", additionalProperties: { type: "array", items: str } },
          },
        },
        Page: {
          type: "object",
          required: ["limit", "nextCursor", "next"],
          properties: { limit: int, nextCursor: nullable(str), next: nullable({ type: "string", description: "Path and query of the next page." }) },
        },
        CountedPage: {
          type: "object",
          required: ["limit", "total", "nextCursor", "next"],
          properties: { limit: int, total: int, nextCursor: nullable(str), next: nullable(str) },
        },
        ProjectSummary: {
          type: "object",
          properties: {
            id: int,
            code: str,
            titleVi: str,
            titleEn: nullable(str),
            organisation: orgRef,
            province: nullable(orgRef),
            city: nullable(orgRef),
            plan: nullable(orgRef),
            domain: { enum: [...DOMAINS] },
            phase: { enum: [...PROJECT_PHASES] },
            hostingModel: { enum: [...HOSTING_MODELS] },
            startDate: nullable(date),
            endDate: nullable(date),
            published: { type: "boolean" },
            version: int,
            updatedAt: { type: "string", format: "date-time" },
          },
        },
        Project: {
          allOf: [
            ref("ProjectSummary"),
            {
              type: "object",
              properties: {
                descriptionVi: str,
                descriptionEn: nullable(str),
                components: { type: "array", items: str },
                strategyNodes: { type: "array", items: { type: "object", properties: { id: int, code: str, primary: { type: "boolean" } } } },
                cooperators: { type: "array", items: orgRef },
                budgetLines: { type: "array", items: ref("BudgetLine"), description: "Present when the token may read budgets." },
                plannedDisbursements: {
                  type: "array",
                  items: { type: "object", properties: { id: int, budgetLineId: nullable(int), fiscalYear: int, quarter: { type: "integer", minimum: 1, maximum: 4 }, amount: int } },
                },
                milestones: { type: "array", items: ref("Milestone") },
                indicators: { type: "array", items: { type: "object" } },
                flags: { type: "array", items: { type: "object", properties: { id: int, rule: str, severity: str, state: str, moneyAtStake: int, evidence: { type: "object" } } } },
              },
            },
          ],
        },
        ProjectCreate: {
          type: "object",
          required: ["titleVi", "descriptionVi", "domain", "primaryNodeId", "hostingModel", "operatorType"],
          additionalProperties: false,
          properties: projectBodyProperties,
        },
        ProjectUpdate: {
          type: "object",
          required: ["version"],
          additionalProperties: false,
          properties: { version: int, ...projectBodyProperties },
        },
        BudgetLine: {
          type: "object",
          properties: {
            id: int,
            fiscalYear: int,
            fundingSource: { enum: [...FUNDING_SOURCES] },
            category: { enum: [...BUDGET_CATEGORIES] },
            approvedAmount: int,
            originalAmount: int,
            committed: int,
            disbursed: int,
            planned: int,
            version: int,
          },
        },
        Transaction: {
          type: "object",
          properties: {
            id: int,
            budgetLineId: int,
            kind: { enum: [...TRANSACTION_KINDS] },
            date,
            amount: { ...int, description: "Integer VND; negative on a reversing entry." },
            documentRef: nullable(str),
            note: nullable(str),
            reversesId: nullable(int),
            origin: str,
            externalRef: nullable(str),
          },
        },
        TransactionCreate: {
          type: "object",
          required: ["budgetLineId", "kind", "date", "amount"],
          additionalProperties: false,
          properties: {
            budgetLineId: int,
            kind: { enum: [...TRANSACTION_KINDS] },
            date,
            amount: { type: "integer", minimum: 1 },
            documentRef: { type: "string", maxLength: 100, description: "Required for disbursements and expenditures." },
            note: { type: "string", maxLength: 1000 },
            override: { type: "boolean", description: "Book a date outside the line's fiscal year (needs overrideReason)." },
            overrideReason: { type: "string", maxLength: 1000 },
          },
        },
        Milestone: {
          type: "object",
          properties: { id: int, ...milestoneFields, doneDate: nullable(date), version: int, overdue: { type: "boolean" } },
        },
        Plan: {
          type: "object",
          properties: {
            id: int,
            code: str,
            titleVi: str,
            titleEn: nullable(str),
            organisation: orgRef,
            periodStart: int,
            periodEnd: int,
            status: str,
            revision: int,
            version: int,
            projectCodes: { type: "array", items: str },
          },
        },
      },
    },
  };
}
