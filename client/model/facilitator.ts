/** Facilitator helpers. Pure. */

/**
 * The view gives the remaining deck as card ids only (never titles or order); an id like
 * "gallium-licensing" reads as "Gallium licensing".
 */
export function cardTitle(id: string): string {
  const words = id.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
