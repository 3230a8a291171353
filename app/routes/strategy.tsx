import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getDb } from "#db/client.server";
import { requirePermission } from "~/auth/guard.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useT } from "~/i18n/useT";
import { pageTitle } from "~/modules/shell/meta";
import { countNodes, isOpen, parseOpenMode, type OpenMode, type TreeNode } from "~/modules/strategy/tree";
import { loadStrategyTree, type AgencyRef, type StrategyNodeRow } from "~/modules/strategy/tree.server";
import { localized } from "~/utils/localized";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "strategy.title");

export async function loader({ request }: LoaderFunctionArgs) {
  requirePermission(request, "read", "strategy");
  const tree = loadStrategyTree(getDb());
  const open = parseOpenMode(new URL(request.url).searchParams.get("open"));
  return { tree, open, nodeCount: countNodes(tree) };
}

function Agency({ agency }: { agency: AgencyRef }) {
  const { locale } = useT();
  return (
    <Link to={`/organisations/${agency.id}`} title={localized(locale, agency.nameVi, agency.nameEn)}>
      {localized(locale, agency.nameVi, agency.nameEn)}
    </Link>
  );
}

function NodeBody({ node }: { node: TreeNode<StrategyNodeRow> }) {
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
      <span className="node-meta__item" data-testid="node-projects">
        {t("strategy.projects", { count: num(node.projectCount) })}
        {node.children.length > 0 && node.directProjectCount > 0
          ? ` ${t("strategy.projectsDirect", { count: num(node.directProjectCount) })}`
          : null}
      </span>
    </span>
  );
}

function NodeTitle({ node }: { node: TreeNode<StrategyNodeRow> }) {
  const { locale, num } = useT();
  const title = localized(locale, node.titleVi, node.titleEn);
  return (
    <>
      <span className="node-code">{node.code}</span>
      <span className="node-title" lang={locale === "en" && !node.titleEn ? "vi" : undefined}>
        {title}
      </span>{" "}
      <span className="node-count" aria-hidden="true">
        ({num(node.projectCount)})
      </span>
    </>
  );
}

function Node({ node, mode }: { node: TreeNode<StrategyNodeRow>; mode: OpenMode }) {
  if (node.children.length === 0) {
    return (
      <li data-node-code={node.code} className="tree__leaf">
        <div className="tree__label">
          <NodeTitle node={node} />
        </div>
        <NodeBody node={node} />
      </li>
    );
  }
  return (
    <li data-node-code={node.code}>
      <details open={isOpen(node.level, mode)}>
        <summary>
          <NodeTitle node={node} />
        </summary>
        <NodeBody node={node} />
        <ul>
          {node.children.map((c) => (
            <Node key={c.id} node={c} mode={mode} />
          ))}
        </ul>
      </details>
    </li>
  );
}

export default function StrategyTree() {
  const { tree, open, nodeCount } = useLoaderData<typeof loader>();
  const { t, num } = useT();
  return (
    <>
      <h1>{t("strategy.title")}</h1>
      <p className="lead">{t("strategy.intro")}</p>
      <p className="tree-tools">
        <span>{t("strategy.nodeCount", { count: num(nodeCount) })}</span>{" "}
        <Link
          to="?open=all"
          preventScrollReset
          aria-current={open === "all" ? "true" : undefined}
          data-testid="expand-all"
        >
          {t("strategy.expandAll")}
        </Link>{" "}
        <Link
          to="?open=none"
          preventScrollReset
          aria-current={open === "none" ? "true" : undefined}
          data-testid="collapse-all"
        >
          {t("strategy.collapseAll")}
        </Link>
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
