/**
 * Loads the board (and Phaser with it) once. main.ts runs it right after the first page is
 * shown, or on a game's page once the join request is out, so the game screen rarely waits,
 * and a server that was redeployed while a page was open (new chunk names) cannot strand a
 * player who has not entered a game yet. If the chunk is gone anyway, the page reloads once to
 * pick up the new build.
 */
type BoardModule = typeof import("../board/board.ts");

let loading: Promise<BoardModule> | undefined;

export function loadBoardModule(): Promise<BoardModule> {
  loading ??= import("../board/board.ts").catch((e: unknown) => {
    loading = undefined;
    const stale = /dynamically imported module|Importing a module script failed|error loading dynamically/i.test(String(e));
    try {
      if (stale && !sessionStorage.getItem("chokepoint:reloaded")) {
        sessionStorage.setItem("chokepoint:reloaded", "1");
        window.location.reload();
      }
    } catch {
      // storage blocked: no automatic reload
    }
    throw e;
  });
  return loading;
}
