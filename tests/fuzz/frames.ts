/** The hostile frames of tests/fuzz: every kind an honest client never sends. */
import { dataFrame, pack, PROTOCOL, requestFrame } from "../helpers/raw-client.ts";

/** Frame i of a hostile connection; sixteen kinds in turn. */
export function hostileFrame(i: number): Buffer {
  const big = "x".repeat(3900);
  switch (i % 16) {
    case 0:
      return dataFrame("a".repeat(100)); // the frame that once ended the process
    case 1:
      return dataFrame("é".repeat(300), { x: 1 });
    case 2:
      return requestFrame(i % 120, "z".repeat(200));
    case 3:
      return dataFrame(i % 70000);
    case 4:
      return Buffer.from([[0, 5, 9, 11, 14, 15, 16, 19, 20, 22, 31, 99, 200, 255][i % 14]!, 0xa3, 0x61, 0x63, 0x74]);
    case 5:
      return Buffer.from([PROTOCOL.ROOM_REQUEST, 0xcd]);
    case 6:
      return Buffer.from([PROTOCOL.ROOM_DATA, 0xd9, 50, 0x61]);
    case 7:
      return Buffer.concat([requestFrame(i % 120, "act"), Buffer.from([0xdf, 0xff, 0xff])]);
    case 8:
      return requestFrame(i % 120, "act", { type: "propose", draft: { terms: { type: "loan", amount: -1e308 }, parties: "everyone" }, actionId: "x" });
    case 9:
      return requestFrame(i % 120, "preview", { draft: { terms: { type: "supply", suppliers: Array(60).fill("US") }, parties: [], duration: 1e9 } });
    case 10:
      return requestFrame(i % 120, "facilitator", { type: "end-game", actionId: "fuzzfuzzfuzz" });
    case 11:
      return requestFrame(i % 120, "act", { type: "chat", channel: "plenary", text: big, actionId: `fuzz-${i}` });
    case 12:
      return Buffer.concat([Buffer.from([PROTOCOL.ROOM_DATA_BYTES]), pack("q".repeat(150)), Buffer.alloc(64)]);
    case 13:
      return Buffer.from([PROTOCOL.ROOM_DATA, 0xdb, 0xff, 0xff, 0xff, 0xff]);
    case 14:
      return requestFrame(i % 120, "ask-bot", [1, 2, [3, [4, [5]]]]);
    default:
      return Buffer.from([PROTOCOL.ROOM_REQUEST]);
  }
}

