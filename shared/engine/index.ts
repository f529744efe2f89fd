/** The rules engine's public face. Pure: no I/O, no clock, no Math.random. */
export * from "./vocabulary.ts";
export * from "./actions.ts";
export * from "./types.ts";
export * from "./result.ts";
export { createGame, cloneState, seatIds } from "./setup.ts";
export { apply, applyInput } from "./apply.ts";
export { preview, previewRuling, type Preview, type PreviewLine, type RulingLine, type RulingPreview } from "./preview.ts";
export { legalActions, type LegalActions } from "./legal.ts";
export { viewFor, canReadChannel, canSeeAgreement, seesSecretsOf, type Viewer, type GameView, type CountryView } from "./views.ts";
export { againstPar, computeScores, tableOutcome, conditionMet, checkCondition, missedTargetsCut, type Score, type TableOutcome } from "./scoring.ts";
export { replay } from "./replay.ts";
export { causeSource, groupCauses } from "./cause-groups.ts";
export {
  AGREEMENTS,
  AGREEMENT_TYPES,
  ROLE_FOR_TYPE,
  kindOf,
  checkTerms,
  describe,
  partiesOf,
  outlay,
  committed,
  available,
  type AgreementType,
} from "./agreements/index.ts";
export { regimeEffectiveness, regimeTargets } from "./agreements/export-control.ts";
export { agreementById, countryName } from "./world.ts";
export * from "./text.ts";
export { nextRandom, randomInt, seedFrom, shuffle } from "./rng.ts";
