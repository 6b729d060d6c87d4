import type { IncomingMessage, ServerResponse } from 'node:http';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: HttpError): void {
  sendJson(res, err.status, { error: err.message, ...err.extra });
}

/** Reads a JSON body of at most maxBytes. Oversized and malformed bodies become HttpErrors. */
export function readJson(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      req.resume();
      reject(new HttpError(413, `body too large: ${declared} bytes (at most ${maxBytes})`));
      return;
    }
    const type = req.headers['content-type'];
    if (type !== undefined && !/^application\/(.+\+)?json\b/i.test(type)) {
      req.resume();
      reject(new HttpError(415, `content-type must be application/json, got "${type}"`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        reject(new HttpError(413, `body too large: more than ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (err) => reject(new HttpError(400, `could not read body: ${err.message}`)));
    req.on('end', () => {
      if (failed) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return reject(new HttpError(400, 'body is empty; expected a JSON array'));
      try {
        resolve(JSON.parse(text));
      } catch (err) {
        reject(new HttpError(400, `malformed JSON: ${(err as Error).message}`));
      }
    });
  });
}
