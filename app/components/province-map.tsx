/**
 * Schematic map of the provinces: one circle per province at its seat's
 * coordinates (no map tiles), drawn on the server as plain SVG, so it shows
 * before any script and prints. Each province is a link to its dashboard.
 * The class of its value is shown three ways: fill colour, a hatch pattern
 * (denser for higher classes) and the class number in the link's name and
 * tooltip; the legend explains them. The same numbers are in the table next
 * to it (`tableId`).
 */
import { Link } from "@remix-run/react";
import { CLASS_COLOURS, CLASS_TEXT, DEFAULT_MAP_BOX, layoutMap, SEAT_RADIUS } from "~/modules/dashboard/map";

export interface MapProvince {
  id: number;
  abbr: string;
  name: string;
  lat: number | null;
  lon: number | null;
  value: number | null;
  href: string;
}

/** Hatch spacing per class (0 = none): the darker the class, the denser the lines. */
const HATCH = [0, 8, 6, 4.5, 3.5, 2.5];

export function ProvinceMap({
  provinces,
  title,
  measureLabel,
  format,
  classLabel,
  rangeLabel,
  noneLabel,
  legendTitle,
  tableId,
  tableNote,
}: {
  provinces: MapProvince[];
  title: string;
  measureLabel: string;
  format: (v: number) => string;
  /** "Class 3". */
  classLabel: (cls: number) => string;
  /** "above 1 to 2". */
  rangeLabel: (from: string, to: string) => string;
  noneLabel: string;
  legendTitle: string;
  tableId: string;
  tableNote: string;
}) {
  const box = DEFAULT_MAP_BOX;
  const { items, breaks } = layoutMap(
    provinces
      .filter((p) => p.lat !== null && p.lon !== null)
      .map((p) => ({ id: p.id, lat: p.lat!, lon: p.lon!, value: p.value })),
    box,
  );
  const byId = new Map(provinces.map((p) => [p.id, p]));
  const legend = [
    { cls: 0, text: noneLabel },
    ...breaks.map((b, i) => ({
      cls: i + 1,
      text: `${classLabel(i + 1)}: ${rangeLabel(i === 0 ? format(0) : format(breaks[i - 1]), format(b))}`,
    })),
  ];
  return (
    <figure className="province-map" data-testid="province-map">
      <figcaption className="chart__title">
        {title}{" "}
        <a href={`#${tableId}`} className="chart__note">
          {tableNote}
        </a>
      </figcaption>
      <div className="province-map__body">
        <svg
          viewBox={`0 0 ${box.width} ${box.height}`}
          width={box.width}
          height={box.height}
          className="province-map__svg"
          role="group"
          aria-label={title}
        >
          <defs>
            {HATCH.map((gap, cls) =>
              gap > 0 ? (
                <pattern
                  key={cls}
                  id={`map-hatch-${cls}`}
                  width={gap}
                  height={gap}
                  patternUnits="userSpaceOnUse"
                  patternTransform="rotate(45)"
                >
                  <line
                    x1="0"
                    y1="0"
                    x2="0"
                    y2={gap}
                    stroke={CLASS_TEXT[cls]}
                    strokeWidth="1"
                    strokeOpacity="0.45"
                  />
                </pattern>
              ) : null,
            )}
          </defs>
          {items.map((it) => {
            const p = byId.get(it.id)!;
            const value = it.value === null ? noneLabel : format(it.value);
            const name = `${p.name}: ${measureLabel} ${value}${it.cls > 0 ? ` (${classLabel(it.cls)})` : ""}`;
            return (
              <Link
                key={it.id}
                to={p.href}
                aria-label={name}
                className="province-map__link"
                data-province-id={it.id}
              >
                <title>{name}</title>
                <circle
                  cx={it.x}
                  cy={it.y}
                  r={SEAT_RADIUS}
                  fill={CLASS_COLOURS[it.cls]}
                  stroke="#1f2933"
                  strokeWidth="1"
                />
                {it.cls > 0 ? (
                  <circle cx={it.x} cy={it.y} r={SEAT_RADIUS} fill={`url(#map-hatch-${it.cls})`} />
                ) : null}
                <text
                  x={it.x}
                  y={it.y + 3}
                  textAnchor="middle"
                  fontSize="8.5"
                  fontWeight="700"
                  fill={CLASS_TEXT[it.cls]}
                  aria-hidden="true"
                >
                  {p.abbr}
                </text>
              </Link>
            );
          })}
        </svg>
        <div className="province-map__legend">
          <p className="province-map__legend-title">{legendTitle}</p>
          <ul className="plain-list">
            {legend.map((l) => (
              <li key={l.cls}>
                <svg width="22" height="22" aria-hidden="true" focusable="false">
                  <circle cx="11" cy="11" r="9" fill={CLASS_COLOURS[l.cls]} stroke="#1f2933" />
                  {l.cls > 0 ? <circle cx="11" cy="11" r="9" fill={`url(#map-hatch-${l.cls})`} /> : null}
                </svg>{" "}
                {l.text}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </figure>
  );
}
