/**
 * The schematic province map (pure: no database, no Remix, no DOM).
 *
 * Each province is a circle at its seat's coordinates, projected
 * equirectangularly (longitude scaled by the cosine of the middle latitude,
 * so distances look right at Vietnam's latitudes) into a fixed SVG box, then
 * nudged apart where circles would overlap (the Red River delta seats are
 * close together). Values are put into classes (equal-count breaks) that the
 * map shows by colour AND by a hatch pattern and a class number, never by
 * colour alone.
 */

export interface SeatPoint {
  id: number;
  lat: number;
  lon: number;
}

export interface PlacedPoint {
  id: number;
  x: number;
  y: number;
}

export interface MapBox {
  width: number;
  height: number;
  /** Space kept free on every side. */
  padding: number;
}

export const DEFAULT_MAP_BOX: MapBox = { width: 360, height: 640, padding: 24 };

/**
 * Project seats into the box: north up, east right, one scale for both axes
 * (after the cosine correction), centred. Points without coordinates are left out.
 */
export function projectSeats(points: readonly SeatPoint[], box: MapBox = DEFAULT_MAP_BOX): PlacedPoint[] {
  const valid = points.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lon));
  if (valid.length === 0) return [];
  const lats = valid.map((p) => p.lat);
  const lons = valid.map((p) => p.lon);
  const minLat = Math.min(...lats);
  const maxLat = Math.max(...lats);
  const minLon = Math.min(...lons);
  const maxLon = Math.max(...lons);
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const innerW = box.width - 2 * box.padding;
  const innerH = box.height - 2 * box.padding;
  const scale = Math.min(innerW / spanX, innerH / spanY);
  const offX = box.padding + (innerW - spanX * scale) / 2;
  const offY = box.padding + (innerH - spanY * scale) / 2;
  return valid.map((p) => ({
    id: p.id,
    x: offX + (p.lon - minLon) * k * scale,
    y: offY + (maxLat - p.lat) * scale,
  }));
}

/**
 * Push circles of `radius` apart until no two overlap (or `iterations` run
 * out), keeping them inside the box. Deterministic: same input, same output.
 */
export function separate(
  points: readonly PlacedPoint[],
  radius: number,
  box: MapBox = DEFAULT_MAP_BOX,
  iterations = 200,
): PlacedPoint[] {
  const out = points.map((p) => ({ ...p }));
  const min = 2 * radius + 1;
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  for (let it = 0; it < iterations; it++) {
    let moved = false;
    for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i];
        const b = out[j];
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        let d = Math.hypot(dx, dy);
        if (d >= min) continue;
        if (d < 1e-6) {
          // Same spot: split along a fixed direction depending on the ids.
          dx = a.id < b.id ? 1 : -1;
          dy = 0.5;
          d = Math.hypot(dx, dy);
        }
        const push = (min - d) / 2 + 0.01;
        const ux = dx / d;
        const uy = dy / d;
        a.x -= ux * push;
        a.y -= uy * push;
        b.x += ux * push;
        b.y += uy * push;
        moved = true;
      }
    }
    for (const p of out) {
      p.x = clamp(p.x, radius, box.width - radius);
      p.y = clamp(p.y, radius, box.height - radius);
    }
    if (!moved) break;
  }
  return out;
}

/** Number of value classes on the map (besides "no data"). */
export const CLASS_COUNT = 5;

/**
 * Upper bounds of `CLASS_COUNT` classes with about as many positive values in
 * each (equal-count breaks, rounded to distinct values). Zero and null values
 * get class 0 ("none").
 */
export function classBreaks(values: readonly (number | null)[], count = CLASS_COUNT): number[] {
  const v = values
    .filter((x): x is number => x !== null && Number.isFinite(x) && x > 0)
    .sort((a, b) => a - b);
  if (v.length === 0) return [];
  const breaks: number[] = [];
  for (let i = 1; i <= count; i++) {
    const at = v[Math.min(v.length - 1, Math.ceil((i * v.length) / count) - 1)];
    if (breaks.length === 0 || at > breaks[breaks.length - 1]) breaks.push(at);
  }
  return breaks;
}

/** Class of a value: 0 for none/zero, else 1…breaks.length (the first bound it does not exceed). */
export function classOf(value: number | null, breaks: readonly number[]): number {
  if (value === null || !Number.isFinite(value) || value <= 0 || breaks.length === 0) return 0;
  for (let i = 0; i < breaks.length; i++) if (value <= breaks[i]) return i + 1;
  return breaks.length;
}

/** Fill colours of classes 0…5 (light to dark blue; class 0 is grey). */
export const CLASS_COLOURS = ["#f1f1f1", "#dbe7f6", "#a9c4ea", "#6d9bd8", "#2f66b8", "#0b3d91"];
/** Text colour readable on each class colour. */
export const CLASS_TEXT = ["#1f2933", "#1f2933", "#1f2933", "#111111", "#ffffff", "#ffffff"];

/** Circle radius on the map. */
export const SEAT_RADIUS = 15;

export interface MapLayoutInput extends SeatPoint {
  value: number | null;
}

export interface MapLayoutItem extends PlacedPoint {
  value: number | null;
  cls: number;
}

/** Everything the map component draws: placed circles with their classes, and the breaks. */
export function layoutMap(
  items: readonly MapLayoutInput[],
  box: MapBox = DEFAULT_MAP_BOX,
): { items: MapLayoutItem[]; breaks: number[] } {
  const breaks = classBreaks(items.map((i) => i.value));
  const placed = separate(projectSeats(items, box), SEAT_RADIUS, box);
  const byId = new Map(items.map((i) => [i.id, i]));
  return {
    breaks,
    items: placed.map((p) => {
      const value = byId.get(p.id)?.value ?? null;
      return {
        ...p,
        x: Math.round(p.x * 10) / 10,
        y: Math.round(p.y * 10) / 10,
        value,
        cls: classOf(value, breaks),
      };
    }),
  };
}
