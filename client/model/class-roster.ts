/** The class form's pasted roster, read into rows the server accepts. Pure. */

/** A pasted roster: one student a line, "name, table" (or tab- or semicolon-separated); blank lines and a header are skipped. */
export function parseRoster(text: string): { roster: { name: string; table: number }[]; problems: string[] } {
  const roster: { name: string; table: number }[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const parts = line.split(/[,;\t]/).map((x) => x.trim());
    const table = Number(parts[1]);
    if (parts.length < 2 || !parts[0] || !Number.isInteger(table) || table < 1) {
      if (i > 0 || !/name/i.test(line)) problems.push(`line ${i + 1}: "${line.trim()}" is not "name, table number"`);
      return;
    }
    roster.push({ name: parts[0].slice(0, 40), table });
  });
  return { roster, problems };
}
