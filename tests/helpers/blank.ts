/** Source scanning for the architecture tests. */

/**
 * Blanks out comments, and the insides of string and template literals when `strings` is set,
 * keeping line breaks so positions still point at the right line. A small scanner rather than
 * a regex, so "//" inside a string or a quote inside a comment cannot fool it.
 */
export function blank(code: string, strings: boolean): string {
  let out = "";
  let i = 0;
  const keep = (ch: string) => (ch === "\n" ? "\n" : " ");
  while (i < code.length) {
    const ch = code[i]!;
    const next = code[i + 1];
    if (ch === "/" && next === "/") {
      while (i < code.length && code[i] !== "\n") (out += " "), i++;
    } else if (ch === "/" && next === "*") {
      const end = code.indexOf("*/", i + 2);
      const stop = end === -1 ? code.length : end + 2;
      for (; i < stop; i++) out += keep(code[i]!);
    } else if (ch === '"' || ch === "'" || ch === "`") {
      out += ch;
      i++;
      while (i < code.length && code[i] !== ch) {
        if (code[i] === "\\") (out += strings ? "  " : code.slice(i, i + 2)), (i += 2);
        else if (ch === "`" && code[i] === "$" && code[i + 1] === "{") {
          // A template's ${…} is code: copy it (nested templates are rare enough here).
          out += "${";
          i += 2;
          let depth = 1;
          while (i < code.length && depth > 0) {
            if (code[i] === "{") depth++;
            if (code[i] === "}") depth--;
            out += code[i];
            i++;
          }
        } else (out += strings ? keep(code[i]!) : code[i]), i++;
      }
      if (i < code.length) (out += ch), i++;
    } else if (ch === "/" && /[(,=:[!&|?{};]\s*$/.test(out.slice(-20)) && next !== " ") {
      // A regex literal: skip it whole (its contents may hold quotes).
      out += ch;
      i++;
      let inClass = false;
      while (i < code.length && (code[i] !== "/" || inClass) && code[i] !== "\n") {
        if (code[i] === "\\") (out += "  "), (i += 2);
        else {
          if (code[i] === "[") inClass = true;
          if (code[i] === "]") inClass = false;
          out += " ";
          i++;
        }
      }
      if (i < code.length && code[i] === "/") (out += "/"), i++;
    } else (out += ch), i++;
  }
  return out;
}
