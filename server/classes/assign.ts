/**
 * Where an arriving student sits: which table, which seat, which ministry. Pure: the caller
 * passes what is free and a random source. Balanced fills the emptiest table and, in it, the
 * emptiest seat, so every country gets people before any gets a second; random picks among
 * tables and seats that still have room; a roster names the table and the rest is balanced.
 * With teams, a student takes one ministry (docs/TEACHING.md "Class mode").
 */
import { ROLES, type Role } from "../../shared/engine/vocabulary.ts";

export type TableRoom = { students: number; seats: { id: string; free: Role[] }[] };
export type Placement = { table: number; seat: string; roles: Role[] };

export function place(tables: TableRoom[], options: { mode: "balanced" | "random" | "roster"; teams: boolean; rosterTable?: number; random: () => number }): Placement | undefined {
  const open = (seat: { free: Role[] }) => (options.teams ? seat.free.length > 0 : seat.free.length === ROLES.length);
  const withRoom = tables.map((t, i) => ({ t, i })).filter(({ t }) => t.seats.some(open));
  if (!withRoom.length) return undefined;
  const pick = <T>(items: T[]): T => items[Math.min(items.length - 1, Math.floor(options.random() * items.length))]!;
  const fewest = <T>(items: T[], count: (x: T) => number) => {
    const min = Math.min(...items.map(count));
    return items.filter((x) => count(x) === min);
  };
  const rostered = options.rosterTable !== undefined ? withRoom.find(({ i }) => i === options.rosterTable) : undefined;
  const table = rostered ?? (options.mode === "random" ? pick(withRoom) : fewest(withRoom, ({ t }) => t.students)[0]!);
  const seats = table.t.seats.filter(open);
  // The emptiest seats (most ministries free) first, so countries fill evenly.
  const emptiest = fewest(seats, (s) => -s.free.length);
  const seat = options.mode === "random" ? pick(emptiest) : emptiest[0]!;
  return { table: table.i, seat: seat.id, roles: options.teams ? [seat.free[0]!] : [...ROLES] };
}
