/**
 * Table views as downloads: each builds the same query as its page (the
 * page's own parser and list function, same filters and sort) without the
 * paging, and turns the rows into a header and cells. Money stays exact
 * integer VND, dates ISO (date cells in XLSX), labels in the user's language.
 */
import type { Db } from "#db/client.server";
import type { Principal } from "~/auth/permissions";
import { translator, type MessageKey } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locales";
import { listAuditEvents } from "~/modules/admin/audit.server";
import { parseAuditQuery } from "~/modules/admin/audit";
import { budgetLinesOf } from "~/modules/budget/budget.server";
import { listFlags } from "~/modules/flags/list.server";
import { parseFlagsQuery } from "~/modules/flags/query";
import { listMilestones } from "~/modules/milestones/milestones.server";
import { parseRegisterQuery } from "~/modules/organisations/register";
import { listOrganisations } from "~/modules/organisations/register.server";
import { parsePlanListQuery } from "~/modules/plans/list";
import { listPlans, planReadScope } from "~/modules/plans/queries.server";
import { csvHeader, csvValue, parseProjectRegisterQuery } from "~/modules/projects/register";
import { listAllProjects, type RegisterScope } from "~/modules/projects/register.server";
import { ledgerPage, parseLedgerFilters } from "~/modules/transactions/ledger.server";
import { localized } from "~/utils/localized";
import { todayIso } from "~/utils/today";
import type { TableExport } from "./download.server";

/** Rows in one download at most. */
export const EXPORT_MAX_ROWS = 100_000;

const allRows = <T extends { page: number; pageSize: number }>(table: T): T => ({ ...table, page: 1, pageSize: EXPORT_MAX_ROWS });
const isoOf = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 10));

export function projectsTable(db: Db, search: URLSearchParams, scope: RegisterScope, locale: Locale): TableExport {
  const t = translator(locale);
  const query = parseProjectRegisterQuery(search);
  const { rows } = listAllProjects(db, query, scope, locale);
  const cols = query.columns;
  const header = cols.map((c) => csvHeader(c, t));
  return {
    file: `${t("imports.file.projects")}-${todayIso()}`,
    sheet: t("imports.sheet.projects"),
    header,
    rows: rows.map((r) => cols.map((c) => csvValue(r, c, t, locale))),
    dateColumns: cols.flatMap((c, i) => (c === "start" || c === "end" || c === "updated" ? [i] : [])),
    moneyColumns: cols.flatMap((c, i) => (c === "approved" ? [i] : [])),
  };
}

export function organisationsTable(db: Db, search: URLSearchParams, locale: Locale): TableExport {
  const t = translator(locale);
  const query = parseRegisterQuery(search);
  const { rows } = listOrganisations(db, { ...query, table: allRows(query.table) }, locale);
  return {
    file: `${t("imports.file.organisations")}-${todayIso()}`,
    sheet: t("org.register.title"),
    header: [t("org.col.code"), t("org.col.name"), t("org.col.kind"), t("org.col.region"), t("org.col.population"), t("org.col.projects"), t("org.col.validFrom"), t("org.col.validTo")],
    rows: rows.map((o) => [
      o.code,
      localized(locale, o.nameVi, o.nameEn),
      t(`enums.orgKind.${o.kind}` as MessageKey),
      o.regionNameVi ? localized(locale, o.regionNameVi, o.regionNameEn) : null,
      o.population,
      o.projectCount,
      o.validFrom,
      o.validTo,
    ]),
    dateColumns: [6, 7],
  };
}

export function plansTable(db: Db, principal: Principal, search: URLSearchParams, locale: Locale): TableExport {
  const t = translator(locale);
  const query = parsePlanListQuery(search);
  const { rows } = listPlans(db, planReadScope(principal), { ...query, table: allRows(query.table) }, locale);
  return {
    file: `${t("imports.file.plans")}-${todayIso()}`,
    sheet: t("imports.file.plans"),
    header: [
      t("plans.list.col.code"),
      t("plans.list.col.title"),
      t("plans.list.col.organisation"),
      t("plans.list.col.period"),
      t("plans.list.col.status"),
      t("plans.list.col.revision"),
      t("plans.list.col.projects"),
      t("plans.list.col.openComments"),
      t("plans.list.col.updated"),
    ],
    rows: rows.map((p) => [
      p.code,
      localized(locale, p.titleVi, p.titleEn),
      localized(locale, p.orgNameVi, p.orgNameEn),
      `${p.periodStart}–${p.periodEnd}`,
      t(`enums.planStatus.${p.status}` as MessageKey),
      p.revision,
      p.projectCount,
      p.openComments,
      isoOf(p.updatedAt),
    ]),
    dateColumns: [8],
  };
}

export function auditTable(db: Db, search: URLSearchParams, locale: Locale): TableExport {
  const t = translator(locale);
  const query = parseAuditQuery(search);
  const { rows } = listAuditEvents(db, { ...query, table: allRows(query.table) });
  return {
    file: `${t("imports.file.audit")}-${todayIso()}`,
    sheet: t("imports.file.audit"),
    header: [t("admin.audit.col.at"), t("admin.audit.col.actor"), t("admin.audit.col.action"), t("admin.audit.col.entity"), t("admin.audit.col.organisation"), t("admin.audit.col.hash")],
    rows: rows.map((a) => [
      new Date(a.at).toISOString(),
      a.actorLabel,
      a.action,
      a.entityId ? `${a.entityType} #${a.entityId}` : a.entityType,
      a.organisationNameVi ? localized(locale, a.organisationNameVi, a.organisationNameEn) : null,
      a.hash,
    ]),
  };
}

export interface ProjectHead {
  id: number;
  code: string;
}

export function transactionsTable(db: Db, project: ProjectHead, search: URLSearchParams, locale: Locale): TableExport {
  const t = translator(locale);
  const { page: _page, ...filters } = parseLedgerFilters(search);
  void _page;
  const { rows } = ledgerPage(db, project.id, filters, 1, EXPORT_MAX_ROWS);
  return {
    file: `${t("imports.file.transactions")}-${project.code}`,
    sheet: project.code,
    header: [
      t("transactions.ledger.date"),
      t("transactions.ledger.kind"),
      t("budget.field.fiscalYear"),
      t("budget.col.source"),
      t("budget.col.category"),
      t("transactions.ledger.amount"),
      t("transactions.ledger.document"),
      t("transactions.ledger.note"),
      t("transactions.ledger.status"),
    ],
    rows: rows.map((r) => [
      r.date,
      t(`transactions.kind.${r.kind}` as MessageKey),
      r.fiscalYear,
      t(`budget.source.${r.fundingSource}` as MessageKey),
      t(`budget.category.${r.category}` as MessageKey),
      r.amount,
      r.documentRef,
      r.note,
      r.reversedById ? t("transactions.ledger.reversed", { id: r.reversedById }) : t("transactions.ledger.booked"),
    ]),
    dateColumns: [0],
    moneyColumns: [5],
  };
}

export function budgetTable(db: Db, project: ProjectHead, locale: Locale): TableExport {
  const t = translator(locale);
  const lines = budgetLinesOf(db, project.id);
  return {
    file: `${t("imports.file.budget")}-${project.code}`,
    sheet: project.code,
    header: [
      t("budget.field.fiscalYear"),
      t("budget.col.source"),
      t("budget.col.category"),
      t("budget.col.original"),
      t("budget.col.approved"),
      t("budget.col.committed"),
      t("budget.col.disbursed"),
      ...[1, 2, 3, 4].map((q) => t("budget.col.q", { q })),
      t("budget.col.planned"),
    ],
    rows: lines.map((l) => [
      l.fiscalYear,
      t(`budget.source.${l.fundingSource}` as MessageKey),
      t(`budget.category.${l.category}` as MessageKey),
      l.originalAmount,
      l.approvedAmount,
      l.committed,
      l.disbursed,
      l.q1,
      l.q2,
      l.q3,
      l.q4,
      l.planned,
    ]),
    moneyColumns: [3, 4, 5, 6, 7, 8, 9, 10, 11],
  };
}

export function milestonesTable(db: Db, project: ProjectHead, locale: Locale): TableExport {
  const t = translator(locale);
  const rows = listMilestones(db, project.id, todayIso());
  return {
    file: `${t("imports.file.milestones")}-${project.code}`,
    sheet: project.code,
    header: [
      t("milestones.field.nameVi"),
      t("milestones.field.nameEn"),
      t("milestones.field.dueDate"),
      t("imports.col.milestones.doneDate"),
      t("milestones.col.weight"),
      t("milestones.col.evidence"),
    ],
    rows: rows.map((m) => [m.nameVi, m.nameEn, m.dueDate, m.doneDate, m.weight, m.evidence]),
    dateColumns: [2, 3],
  };
}

export function flagsTable(db: Db, search: URLSearchParams, own: readonly number[] | null, locale: Locale): TableExport {
  const t = translator(locale);
  const query = parseFlagsQuery(search);
  const { rows } = listFlags(db, { ...query, table: allRows(query.table) }, own);
  return {
    file: `${t("imports.file.flags")}-${todayIso()}`,
    sheet: t("imports.file.flags"),
    header: [t("flags.col.flag"), t("flags.col.severity"), t("flags.col.state"), t("flags.col.subject"), t("imports.col.projects.code"), t("flags.col.money"), t("org.col.name")],
    rows: rows.map((f) => [
      t(`flags.rule.${f.ruleCode}.title` as MessageKey),
      t(`flags.severity.${f.severity}` as MessageKey),
      t(`flags.state.${f.state}` as MessageKey),
      f.projectTitleVi ? localized(locale, f.projectTitleVi, f.projectTitleEn) : f.subjectType,
      f.projectCode,
      f.moneyAtStake,
      f.orgNameVi ? localized(locale, f.orgNameVi, f.orgNameEn ?? null) : null,
    ]),
    moneyColumns: [5],
  };
}
