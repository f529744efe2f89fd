/**
 * One HTTP request with exactly the headers and body bytes given, from a chosen local address
 * if asked (tests speak from 127.0.0.N as separate machines would; to 127.0.0.1 unless another
 * host is given, such as ::1 from ::1), and its answer with the
 * body parsed as JSON where it is JSON.
 */
import http from "node:http";

export type Answer = { status: number; body: Record<string, unknown> };

export function httpRequest(port: number, method: string, path: string, options: { headers?: Record<string, string>; body?: string | Buffer; localAddress?: string; host?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: options.host ?? "127.0.0.1", port, method, path, headers: options.headers ?? {}, ...(options.localAddress ? { localAddress: options.localAddress } : {}) }, (res) => {
      let text = "";
      res.on("data", (d: Buffer) => (text += d.toString()));
      res.on("end", () => {
        let parsed: Record<string, unknown> = {};
        try {
          parsed = JSON.parse(text) as Record<string, unknown>;
        } catch {
          parsed = { text };
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on("error", reject);
    req.end(options.body);
  });
}
