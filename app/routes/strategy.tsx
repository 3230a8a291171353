import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { can, requirePermission } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { pageTitle } from "~/modules/shell/meta";
import { withParams } from "~/modules/table/params";
import { countNodes, isOpen, parseOpenMode, type OpenMode, type TreeNode } from "~/modules/strategy/tree";
import { loadStrategyTree, type AgencyRef, type StrategyNodeRow } from "~/modules/strategy/tree.server";
import { ArchivedTag, Notice, RollupLine } from "~/modules/strategy/ui";
import { localized } from "~/utils/localized";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "strategy.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = requirePermission(request, "read", "strategy");
  const params = new URL(request.url).searchParams;
  const showArchived = params.get("archived") === "1";
  const tree = loadStrategyTree(getDb(), { includeArchived: showArchived });
  const deleted = Number(params.get("deleted"));
  return {
    tree,
    open: parseOpenMode(params.get("open")),
    showArchived,
    nodeCount: countNodes(tree),
    canCreate: can(user, "create", "strategy"),
    deleted: Number.isInteger(deleted) && deleted > 0 ? deleted : null,
  };
}

function Agency({ agency }: { agency: AgencyRef }) {
  const { locale } = useT();
  return <Link to={`/organisations/${agency.id}`}>{localized(locale, agency.nameVi, agency.nameEn)}</Link>;
}

function NodeMeta({ node }: { node: TreeNode<StrategyNodeRow> }) {
  const { t, num } = useT();
  return (
    <span className="node-meta">
      {node.lead ? (
        <span className="node-meta__item">
          {t("strategy.lead")}: <Agency agency={node.lead} />
        </span>
      ) : null}
      {node.cooperators.length > 0 ? (
        <span className="node-meta__item">
          {t("strategy.cooperators")}:{" "}
          {node.cooperators.map((c, i) => (
            <span key={c.id}>
              {i > 0 ? ", " : null}
              <Agency agency={c} />
            </span>
          ))}
        </span>
      ) : null}
      {node.periodStart || node.periodEnd ? (
        <span className="node-meta__item">
          {t("strategy.period")}: {node.periodStart ?? "…"}–{node.periodEnd ?? "…"}
        </span>
      ) : null}
      <span className="node-meta__item node-meta__rollup">
        <RollupLine rollup={node.rollup} />
        {node.children.length > 0 && node.directProjectCount > 0
          ? ` ${t("strategy.projectsDirect", { count: num(node.directProjectCount) })}`
          : null}
      </span>
    </span>
  );
}

/**
 * One item: its row (code, title linking to the item's page, agencies and
 * roll-up) is always visible; its sub-items sit in a native details element
 * whose summary is the keyboard-operable toggle.
 */
function Node({ node, mode }: { node: TreeNode<StrategyNodeRow>; mode: OpenMode }) {
  const { t, locale, num } = useT();
  const title = localized(locale, node.titleVi, node.titleEn);
  return (
    <li data-node-code={node.code} className={node.archivedAt !== null ? "tree__node--archived" : undefined}>
      <div className="tree__row">
        <span className="node-code">{node.code}</span>
        <Link
          to={`/strategy/${encodeURIComponent(node.code)}`}
          className="node-title"
          lang={locale === "en" && !node.titleEn ? "vi" : undefined}
        >
          {title}
        </Link>
        {node.archivedAt !== null ? (
          <>
            {" "}
            <ArchivedTag />
          </>
        ) : null}
        <NodeMeta node={node} />
      </div>
      {node.children.length > 0 ? (
        <details open={isOpen(node.level, mode)}>
          <summary>
            {t("strategy.children", { count: num(node.children.length) })}
            <span className="visually-hidden"> {t("strategy.childrenOf", { code: node.code })}</span>
          </summary>
          <ul>
            {node.children.map((c) => (
              <Node key={c.id} node={c} mode={mode} />
            ))}
          </ul>
        </details>
      ) : null}
    </li>
  );
}

export default function StrategyTree() {
  const { tree, open, nodeCount, showArchived, canCreate, deleted } = useLoaderData<typeof loader>();
  const { t, num } = useT();
  const { search } = useLocation();
  return (
    <>
      <h1>{t("strategy.title")}</h1>
      <p className="lead">{t("strategy.intro")}</p>
      {deleted ? <Notice>{t("strategy.delete.done", { count: num(deleted) })}</Notice> : null}
      <p className="tree-tools">
        <span>
          {t("strategy.nodeCount", { count: num(nodeCount) })}
          {showArchived ? ` ${t("strategy.archivedShown")}` : null}
        </span>{" "}
        <Link
          to={withParams(search, { open: "all", deleted: null })}
          preventScrollReset
          aria-current={open === "all" ? "true" : undefined}
          data-testid="expand-all"
        >
          {t("strategy.expandAll")}
        </Link>{" "}
        <Link
          to={withParams(search, { open: "none", deleted: null })}
          preventScrollReset
          aria-current={open === "none" ? "true" : undefined}
          data-testid="collapse-all"
        >
          {t("strategy.collapseAll")}
        </Link>{" "}
        <Link
          to={withParams(search, { archived: showArchived ? null : "1", deleted: null })}
          preventScrollReset
          data-testid="toggle-archived"
        >
          {showArchived ? t("strategy.hideArchived") : t("strategy.showArchived")}
        </Link>
        {canCreate ? (
          <>
            {" "}
            <Link to="/strategy/new" className="button button--small" data-testid="add-top">
              {t("strategy.addTop")}
            </Link>
          </>
        ) : null}
      </p>
      {tree.length === 0 ? (
        <p>{t("strategy.empty")}</p>
      ) : (
        // Remount on mode change so native <details> state follows the link.
        <ul className="tree" key={open} aria-label={t("strategy.title")} data-testid="strategy-tree">
          {tree.map((n) => (
            <Node key={n.id} node={n} mode={open} />
          ))}
        </ul>
      )}
    </>
  );
}

export { GeneralErrorBoundary as ErrorBoundary };
