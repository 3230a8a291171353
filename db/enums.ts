/**
 * Enumerations of the data model. The tuples are the single source for
 * TypeScript types, zod schemas and i18n keys (`enum.<name>.<value>`).
 */
export const ORGANISATION_KINDS = ["ministry", "province", "city", "task_force", "partner"] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ROLES = ["admin", "coordinator", "planner", "leader", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const PLAN_STATUSES = ["draft", "submitted", "returned", "approved"] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PROJECT_PHASES = [
  "proposed",
  "approved",
  "pilot",
  "evaluation",
  "scaling",
  "operational",
  "cancelled",
] as const;
export type ProjectPhase = (typeof PROJECT_PHASES)[number];

export const DOMAINS = [
  "governance",
  "transport",
  "environment",
  "energy",
  "water",
  "health",
  "education",
  "safety",
  "planning",
  "tourism",
  "agriculture",
  "digital_infrastructure",
  "data_platform",
] as const;
export type Domain = (typeof DOMAINS)[number];

export const HOSTING_MODELS = ["government_cloud", "commercial_cloud", "on_premise", "hybrid"] as const;
export type HostingModel = (typeof HOSTING_MODELS)[number];

export const OPERATOR_TYPES = ["government_agency", "state_owned_enterprise", "private_contractor"] as const;
export type OperatorType = (typeof OPERATOR_TYPES)[number];

export const FUNDING_SOURCES = [
  "central_budget",
  "local_budget",
  "oda_loan",
  "oda_grant",
  "ppp",
  "community",
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const BUDGET_CATEGORIES = [
  "general",
  "hardware",
  "software",
  "services",
  "security",
  "training",
] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

export const TRANSACTION_KINDS = ["commitment", "disbursement", "expenditure"] as const;
export type TransactionKind = (typeof TRANSACTION_KINDS)[number];

export const FLAG_SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type FlagSeverity = (typeof FLAG_SEVERITIES)[number];

export const FLAG_STATES = ["open", "acknowledged", "resolved", "dismissed"] as const;
export type FlagState = (typeof FLAG_STATES)[number];

export const FEEDBACK_KINDS = ["comment", "support", "oppose"] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const FEEDBACK_STATES = ["pending", "published", "rejected"] as const;
export type FeedbackState = (typeof FEEDBACK_STATES)[number];

export const ENTRY_ORIGINS = ["manual", "import", "iati", "api", "seed"] as const;
export type EntryOrigin = (typeof ENTRY_ORIGINS)[number];

export const PERSONAL_DATA_CATEGORIES = [
  "identity",
  "contact",
  "location",
  "health",
  "camera_images",
  "biometric",
  "financial",
  "vehicle",
] as const;
export type PersonalDataCategory = (typeof PERSONAL_DATA_CATEGORIES)[number];
