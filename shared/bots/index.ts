/**
 * The bots' public face. See bot.ts for the decision API, context.ts for what a bot
 * may know, balance.ts for the balance lab, self-play.ts for bot-only games.
 */
export { decideBotAction, whatWouldItTake, appraise, botChooser, type BotDecision, type BotOptions } from "./bot.ts";
export { botContext, type BotContext, type PreviewSubject } from "./context.ts";
export { profileFor, STRATEGIES, type Profile, type Strategy } from "./personality.ts";
export { playGame, Turns, type PlayedGame, type SeatPlayer, type Decision } from "./game-loop.ts";
export { runLab, formatReport, playersFor, checkMix, type LabReport, type LabOptions } from "./balance.ts";
