import { describe, expect, it } from "vitest";
import { canonicalJson, checkAgainstSurvey, submissionSchema, type Submission } from "../../worker/domain/submission.ts";
import { QUICK, SIPAS } from "../../worker/domain/templates.ts";

const base: Submission = {
  id: "7d0f4b6e-3c39-4d39-9d43-3f4f7a3b2a10",
  unit: "00004",
  survey: "sipas",
  version: 1,
  answers: { overall: 2, e3_polite: 5 },
  channel: "web",
  lang: "vi",
};

describe("checkAgainstSurvey", () => {
  it("accepts a complete SIPAS answer set", () => {
    expect(checkAgainstSurvey({ ...base, caseCode: "H12.34-250101-0001", comment: "Tốt" }, SIPAS)).toEqual({});
  });

  it("names every problem by field", () => {
    const errors = checkAgainstSurvey(
      { ...base, answers: { overall: 5, e9_unknown: 3 }, reason: "Chờ lâu" },
      SIPAS,
    );
    expect(errors).toEqual({
      "answers.overall": "a level from 1 to 3",
      "answers.e9_unknown": "not a statement of this survey version",
      reason: "only with overall = 1 (Không hài lòng)",
    });
  });

  it("requires the overall answer and refuses parts the survey does not ask for", () => {
    expect(checkAgainstSurvey({ ...base, survey: "quick", answers: {}, caseCode: "X1" }, QUICK)).toEqual({
      "answers.overall": "required",
      caseCode: "this survey asks for no case code",
    });
  });
});

describe("submissionSchema", () => {
  it("rejects unknown fields and out-of-range levels", () => {
    const parsed = submissionSchema.safeParse({ ...base, extra: 1, answers: { overall: 0 } });
    expect(parsed.success).toBe(false);
    const codes = parsed.error?.issues.map((i) => i.code);
    expect(codes).toContain("unrecognized_keys");
    expect(codes).toContain("too_small");
  });

  it("limits free text to 1,000 characters", () => {
    expect(submissionSchema.safeParse({ ...base, comment: "a".repeat(1000) }).success).toBe(true);
    expect(submissionSchema.safeParse({ ...base, comment: "a".repeat(1001) }).success).toBe(false);
  });
});

describe("canonicalJson", () => {
  it("is the same for the same content in any key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: "x" } })).toBe(canonicalJson({ a: { c: "x", d: [1, 2] }, b: 1 }));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: 2 }));
  });
});
