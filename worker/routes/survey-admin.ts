import { Hono, type Context } from "hono";
import { z } from "zod";
import { chooseSurvey, officialsUnder, publishVersion, surveyById, surveyIdsOwnedBy, surveysFor, type UsableSurvey } from "../db/surveys.ts";
import type { UnitView } from "../domain/access.ts";
import { decodeDraft, MAX_DRAFT_TOKEN } from "../domain/draft-token.ts";
import { receiptSchema, SUBMISSION_LABELS, submissionSchema, checkAgainstSurvey, type Receipt } from "../domain/submission.ts";
import { bankStatementSchema, definitionFromDraft, newSurveyId, STATEMENT_BANK, surveyDraftSchema, type SurveyDraft } from "../domain/survey-draft.ts";
import { publicSurvey, publicSurveySchema, slug, surveyDefinitionSchema, type SurveyDefinition } from "../domain/survey.ts";
import { unitCode } from "../domain/units.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../middleware/errors/index.ts";
import { fieldErrors, invalid, jsonBody, requireJson } from "../middleware/json-body/index.ts";
import { openUnitToChange } from "../http/open-unit.ts";
import { signedIn, unitInScope, type PrivateEnv } from "../middleware/session/index.ts";
import { errors, json, parameters } from "../openapi.ts";

/** Field names as managers call them, for the 400's message. */
const DRAFT_LABELS = {
  title: { vi: "Tên khảo sát", en: "Survey title" },
  overall: { vi: "Câu hỏi chung", en: "Overall question" },
  reasonPrompt: { vi: "Câu hỏi lý do", en: "Reason question" },
  elements: { vi: "Các bước", en: "Steps" },
  statements: { vi: "Các tiêu chí", en: "Statements" },
  survey: { vi: "Khảo sát", en: "Survey" },
};

const choiceBody = z.strictObject({
  survey: z.union([z.literal("inherit"), slug]).describe('A survey the unit may use, or "inherit" to use its parent\'s choice again'),
});

const surveyView = z.object({
  id: z.string(),
  owner: z.object({ code: z.string(), name: z.string() }),
  versions: z.array(z.object({ version: z.int(), publishedAt: z.string(), definition: surveyDefinitionSchema })),
});
const surveysView = z.object({
  unit: z.string(),
  choice: z.object({
    survey: z.string(),
    from: z.object({ code: z.string(), name: z.string() }).nullable().describe("Whose choice it is: the unit's own, an ancestor's, or null for the national default"),
  }),
  surveys: z.array(surveyView).describe("The national templates, the unit's own and its ancestors' surveys, newest version first"),
});
const publishedView = z.object({ survey: surveyView, version: z.int() });

const unknownSurvey = (id: string, unit: UnitView) =>
  new ApiError(404, "unknown_survey", {
    en: `${unit.name} (${unit.code}) owns no survey "${id}".`,
    vi: `${unit.name} (${unit.code}) không có khảo sát "${id}".`,
  });

const publishedMeanwhile = new ApiError(409, "survey_changed", {
  en: "Another version of this survey was published meanwhile. Reload the page to build on it.",
  vi: "Một phiên bản khác của khảo sát vừa được phát hành. Vui lòng tải lại trang để sửa tiếp trên phiên bản đó.",
});

const notADraft = invalid({ draft: "not a survey draft from the builder" }, { draft: { vi: "Bản nháp", en: "Draft" } });

/** The definition a draft makes as the next version of `survey` (a new survey if none), or its 400. */
function definitionOrInvalid(draft: SurveyDraft, id: string, survey: UsableSurvey | null): SurveyDefinition {
  const made = definitionFromDraft(draft, id, survey?.versions.map((v) => v.definition) ?? []);
  if ("fields" in made) throw invalid(made.fields, DRAFT_LABELS);
  const checked = surveyDefinitionSchema.safeParse(made.definition);
  if (!checked.success) throw invalid(fieldErrors(checked.error), DRAFT_LABELS);
  return checked.data;
}

/** Publishes the next version of a survey a unit owns, or refuses: 409 when another was published meanwhile. */
async function publish(c: Context<PrivateEnv>, owner: UnitView, id: string, survey: UsableSurvey | null, draft: SurveyDraft) {
  const definition = definitionOrInvalid(draft, id, survey);
  const version = (survey?.versions[0]?.version ?? 0) + 1;
  const published = await publishVersion(c.var.store, { id, version, owner: owner.code, definition }, { actor: c.var.user.id, at: new Date() });
  if (!published) throw publishedMeanwhile;
  return c.json({ survey: (await surveyById(c.var.store, id))!, version }, 201);
}

/** A survey the unit owns, or 404. */
async function ownedSurvey(c: Context<PrivateEnv>, unit: UnitView, id: string): Promise<UsableSurvey> {
  const survey = await surveyById(c.var.store, id);
  if (!survey || survey.owner.code !== unit.code) throw unknownSurvey(id, unit);
  return survey;
}

/**
 * The draft a preview token carries, as the public survey of the unit in the path: a
 * version of a survey the unit may use, or of a new one. 400 for a token or draft that
 * does not hold.
 */
async function previewOf(c: Context<PrivateEnv>, token: string, code: string) {
  const unit = await unitInScope(c, code, { change: true });
  const preview = await decodeDraft(token);
  if (!preview) throw notADraft;
  const draft = surveyDraftSchema.safeParse(preview.draft);
  if (!draft.success) throw invalid(fieldErrors(draft.error), DRAFT_LABELS);
  const usable = preview.survey ? (await surveysFor(c.var.store, unit.code)).surveys.find((s) => s.id === preview.survey) : undefined;
  if (preview.survey && !usable) throw unknownSurvey(preview.survey, unit);
  const id = usable?.id ?? "preview";
  const definition = definitionOrInvalid(draft.data, id, usable ?? null);
  return { id, version: (usable?.versions[0]?.version ?? 0) + 1, definition, unit };
}

/**
 * Surveys as managers run them: the SIPAS statement bank, the surveys a unit may use and the
 * one it uses, own surveys and their versions (immutable once published), the unit's choice,
 * and a preview of a draft in the real widget.
 */
export const surveyAdmin = new Hono<AppEnv>()
  .get("/statements", signedIn, (c) => c.json({ statements: STATEMENT_BANK }, 200))
  .get("/units/:code/surveys", signedIn, async (c) => {
    const unit = await unitInScope(c, c.req.param("code"));
    return c.json({ unit: unit.code, ...(await surveysFor(c.var.store, unit.code)) }, 200);
  })
  .post("/units/:code/surveys", signedIn, requireJson(64 * 1024), jsonBody(surveyDraftSchema, DRAFT_LABELS), async (c) => {
    const unit = await openUnitToChange(c, c.req.param("code"));
    const id = newSurveyId(unit.code, await surveyIdsOwnedBy(c.var.store, unit.code));
    return publish(c, unit, id, null, c.req.valid("json"));
  })
  .post("/units/:code/surveys/:id/versions", signedIn, requireJson(64 * 1024), jsonBody(surveyDraftSchema, DRAFT_LABELS), async (c) => {
    const unit = await openUnitToChange(c, c.req.param("code"));
    const survey = await ownedSurvey(c, unit, c.req.param("id"));
    return publish(c, unit, survey.id, survey, c.req.valid("json"));
  })
  .put("/units/:code/survey-choice", signedIn, requireJson(1024), jsonBody(choiceBody, DRAFT_LABELS), async (c) => {
    const unit = await openUnitToChange(c, c.req.param("code"));
    const { survey } = c.req.valid("json");
    if (survey === "inherit" && unit.parent === null) throw invalid({ survey: "the country has no parent to inherit from: choose a survey" }, DRAFT_LABELS);
    const usable = await surveysFor(c.var.store, unit.code);
    if (survey !== "inherit" && !usable.surveys.some((s) => s.id === survey)) {
      throw invalid({ survey: "not a survey this unit may use: the national templates, its own or its ancestors'" }, DRAFT_LABELS);
    }
    await chooseSurvey(c.var.store, unit.code, survey === "inherit" ? null : survey, { actor: c.var.user.id, at: new Date() });
    return c.json({ unit: unit.code, ...(await surveysFor(c.var.store, unit.code)) }, 200);
  })
  .get("/survey-previews/:draft/api/v1/units/:code/survey", signedIn, async (c) => {
    const { id, version, definition, unit } = await previewOf(c, c.req.param("draft"), c.req.param("code"));
    return c.json(publicSurvey({ id, version, definition }, unit, await officialsUnder(c.var.store, unit.code), null), 200);
  })
  .post("/survey-previews/:draft/api/v1/responses", signedIn, requireJson(16 * 1024), jsonBody(submissionSchema, SUBMISSION_LABELS), async (c) => {
    const sub = c.req.valid("json");
    const { definition } = await previewOf(c, c.req.param("draft"), sub.unit);
    const fields = checkAgainstSurvey(sub, definition);
    if (Object.keys(fields).length > 0) throw invalid(fields, SUBMISSION_LABELS);
    return c.json({ id: sub.id, status: "accepted" } satisfies Receipt, 200);
  });

const codeParam = parameters("path", z.object({ code: unitCode }));
const previewParams = parameters("path", z.object({ draft: z.string().max(MAX_DRAFT_TOKEN).describe("The draft, deflated, in base64url"), code: unitCode }));
const draftBody = { required: true, ...json(surveyDraftSchema, "The whole version: steps, statements, what else to ask") };

/** OpenAPI description of this module's paths. */
export const surveyAdminDoc = {
  "/statements": {
    get: {
      summary: "The SIPAS statement bank, for building a survey",
      responses: { "200": json(z.object({ statements: z.array(bankStatementSchema) }), "Each statement with its id, element and wording"), ...errors(401, 503) },
    },
  },
  "/units/{code}/surveys": {
    get: {
      summary: "The surveys a unit may use, with their versions, and the one it uses",
      parameters: codeParam,
      responses: { "200": json(surveysView, "Surveys and the unit's choice"), ...errors(401, 403, 404, 503) },
    },
    post: {
      summary: "Create an own survey of the unit and publish its version 1 (managers and admins)",
      description:
        "The id is made from the unit's code (`u00004_1`). SIPAS statements are sent by their bank id and keep the bank's element and wording; own statements need Vietnamese text (English optional: without it the English widget shows the Vietnamese) and get ids of this survey. Audited as `survey.publish`. 409 `unit_closed` for a closed unit.",
      parameters: codeParam,
      requestBody: draftBody,
      responses: { "201": json(publishedView, "Published"), ...errors(400, 401, 403, 404, 409, 413, 415, 503) },
    },
  },
  "/units/{code}/surveys/{id}/versions": {
    post: {
      summary: "Publish a new version of a survey the unit owns (managers and admins)",
      description:
        "A published version never changes; answers keep pointing at the version they answered. Send the id of each own statement kept from an earlier version, so its trend continues; a statement without an id is new and gets an id this survey never used. 409 when another version was published meanwhile. Audited as `survey.publish`. 409 `unit_closed` for a closed unit.",
      parameters: [...codeParam, ...parameters("path", z.object({ id: slug }))],
      requestBody: draftBody,
      responses: { "201": json(publishedView, "Published"), ...errors(400, 401, 403, 404, 409, 413, 415, 503) },
    },
  },
  "/units/{code}/survey-choice": {
    put: {
      summary: "Choose the survey the unit and its subtree use (managers and admins)",
      description: "Inherited by the subtree until a unit below chooses another; \"inherit\" clears the unit's own choice. The widget shows it within `UNIT_CONTEXT_TTL_S` (20 s). Audited as `survey.choose`. 409 `unit_closed` for a closed unit.",
      parameters: codeParam,
      requestBody: { required: true, ...json(choiceBody, "The survey") },
      responses: { "200": json(surveysView, "Surveys and the unit's choice now"), ...errors(400, 401, 403, 404, 409, 413, 415, 503) },
    },
  },
  "/survey-previews/{draft}/api/v1/units/{code}/survey": {
    get: {
      summary: "A draft as the widget shows it (managers and admins)",
      description:
        "Point the widget's `api` at /api/v1/survey-previews/{draft} to preview a draft exactly as it will be shown: the same public survey `GET /units/{code}/survey` gives, made from the draft. Nothing is stored.",
      parameters: previewParams,
      responses: { "200": json(publicSurveySchema, "The draft's public survey"), ...errors(400, 401, 403, 404, 503) },
    },
  },
  "/survey-previews/{draft}/api/v1/responses": {
    post: {
      summary: "Try an answer set on a draft (managers and admins)",
      description: "Checked as `POST /responses` checks it against the draft, and never stored: 200 with a receipt.",
      parameters: parameters("path", z.object({ draft: z.string().max(MAX_DRAFT_TOKEN) })),
      requestBody: { required: true, ...json(submissionSchema, "An answer set") },
      responses: { "200": json(receiptSchema, "Valid; nothing stored"), ...errors(400, 401, 403, 404, 413, 415, 503) },
    },
  },
};
