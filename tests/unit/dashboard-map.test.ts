import { describe, expect, it } from "vitest";
import {
  classBreaks,
  classOf,
  layoutMap,
  projectSeats,
  SEAT_RADIUS,
  separate,
  type MapBox,
} from "~/modules/dashboard/map";

const BOX: MapBox = { width: 360, height: 640, padding: 24 };
// Seats of a few provinces (from the reference data).
const SEATS = [
  { id: 1, lat: 21.03, lon: 105.85 }, // Hà Nội
  { id: 2, lat: 10.78, lon: 106.7 }, // TP HCM
  { id: 3, lat: 16.05, lon: 108.2 }, // Đà Nẵng
  { id: 4, lat: 22.4, lon: 103.46 }, // Lai Châu
  { id: 5, lat: 9.18, lon: 105.15 }, // Cà Mau
  { id: 6, lat: 21.19, lon: 106.07 }, // Bắc Ninh (close to Hà Nội)
];

describe("schematic map projection", () => {
  it("north is up, east is right, everything inside the padded box", () => {
    const p = new Map(projectSeats(SEATS, BOX).map((x) => [x.id, x]));
    expect(p.get(1)!.y).toBeLessThan(p.get(3)!.y); // Hà Nội north of Đà Nẵng
    expect(p.get(3)!.y).toBeLessThan(p.get(2)!.y);
    expect(p.get(4)!.x).toBeLessThan(p.get(1)!.x); // Lai Châu west of Hà Nội
    expect(p.get(3)!.x).toBeGreaterThan(p.get(2)!.x); // Đà Nẵng east of HCM
    for (const x of p.values()) {
      expect(x.x).toBeGreaterThanOrEqual(BOX.padding - 1e-9);
      expect(x.x).toBeLessThanOrEqual(BOX.width - BOX.padding + 1e-9);
      expect(x.y).toBeGreaterThanOrEqual(BOX.padding - 1e-9);
      expect(x.y).toBeLessThanOrEqual(BOX.height - BOX.padding + 1e-9);
    }
    // The northernmost and southernmost seats touch the padding (the tall country fills the height).
    const ys = [...p.values()].map((x) => x.y);
    expect(Math.min(...ys)).toBeCloseTo(BOX.padding, 6);
    expect(Math.max(...ys)).toBeCloseTo(BOX.height - BOX.padding, 6);
  });

  it("keeps the aspect: one degree of latitude is as long as one of longitude times cos(latitude)", () => {
    const p = projectSeats(
      [
        { id: 1, lat: 10, lon: 100 },
        { id: 2, lat: 20, lon: 110 },
      ],
      { width: 1000, height: 1000, padding: 0 },
    );
    const dx = p[1].x - p[0].x;
    const dy = p[0].y - p[1].y;
    expect(dx / dy).toBeCloseTo(Math.cos((15 * Math.PI) / 180), 9);
  });

  it("separates overlapping circles deterministically and stays in the box", () => {
    const placed = projectSeats(SEATS, BOX);
    const a = separate(placed, SEAT_RADIUS, BOX);
    const b = separate(placed, SEAT_RADIUS, BOX);
    expect(a).toEqual(b);
    for (let i = 0; i < a.length; i++)
      for (let j = i + 1; j < a.length; j++)
        expect(Math.hypot(a[i].x - a[j].x, a[i].y - a[j].y)).toBeGreaterThanOrEqual(2 * SEAT_RADIUS);
    const same = separate(
      [
        { id: 1, x: 100, y: 100 },
        { id: 2, x: 100, y: 100 },
      ],
      SEAT_RADIUS,
      BOX,
    );
    expect(Math.hypot(same[0].x - same[1].x, same[0].y - same[1].y)).toBeGreaterThanOrEqual(2 * SEAT_RADIUS);
  });

  it("skips seats without coordinates", () => {
    expect(projectSeats([{ id: 1, lat: Number.NaN, lon: 105 }], BOX)).toEqual([]);
  });
});

describe("value classes", () => {
  it("equal-count breaks over positive values; zero and null are class 0", () => {
    const values = [0, null, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const breaks = classBreaks(values);
    expect(breaks).toEqual([2, 4, 6, 8, 10]);
    expect(classOf(0, breaks)).toBe(0);
    expect(classOf(null, breaks)).toBe(0);
    expect(classOf(1, breaks)).toBe(1);
    expect(classOf(2, breaks)).toBe(1);
    expect(classOf(2.5, breaks)).toBe(2);
    expect(classOf(10, breaks)).toBe(5);
    expect(classOf(11, breaks)).toBe(5);
  });

  it("fewer distinct values give fewer classes; no values, no classes", () => {
    expect(classBreaks([5, 5, 5, 5])).toEqual([5]);
    expect(classBreaks([0, null])).toEqual([]);
    expect(classOf(3, [])).toBe(0);
  });

  it("layoutMap gives every seat a class consistent with the breaks", () => {
    const { items, breaks } = layoutMap(
      SEATS.map((s, i) => ({ ...s, value: i * 10 })),
      BOX,
    );
    expect(items).toHaveLength(SEATS.length);
    for (const it of items) expect(it.cls).toBe(classOf(it.value, breaks));
  });
});
