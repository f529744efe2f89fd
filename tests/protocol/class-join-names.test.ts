/**
 * A class refuses student names that would read as the teacher's or the facilitator's own
 * ("Teacher", "Facilitator", 老师, 主持人, in any case, with spaces or punctuation), saying why
 * in plain words; names that merely contain those words, and ordinary names, are let in.
 */
import { describe, expect, it } from "vitest";
import { ClassJoinSchema } from "../../shared/protocol/classes.ts";
import { saidInvalid } from "../../server/said.ts";

const refusal = (name: string) => {
  const parsed = ClassJoinSchema.safeParse({ name });
  return parsed.success ? undefined : saidInvalid(parsed.error.issues, { name }, ClassJoinSchema).message;
};

describe("a class's student names", () => {
  it("refuses the teacher's and the facilitator's titles, in English and Chinese, with the reason", () => {
    for (const name of ["Teacher", "teacher", " TEACHER ", "The Teacher", "Teacher!", "Facilitator", "facilitator.", "老师", "主持人", "教师"]) {
      expect(refusal(name), name).toMatch(/that name is your teacher's \(or the facilitator's\): type your own name/);
    }
  });

  it("lets ordinary names in, and names that only contain those words", () => {
    for (const name of ["Ana", "Dan", "Teacher's pet", "Tea", "王老师的学生", "Chloe"]) expect(refusal(name), name).toBeUndefined();
  });
});
