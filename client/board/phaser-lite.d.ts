/** The board's Phaser (./phaser-lite.js): a subset of the package, with the package's types. */
declare const Phaser: typeof import("phaser");
export default Phaser;
