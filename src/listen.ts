/**
 * Listening on a port with a clear failure: a busy or forbidden port is one line that names the
 * variable to change (`main.ts` prints it and exits with code 1), not a stack trace.
 */
import type { Server } from 'node:http';

/** A port the gateway could not listen on, with the one line that says what to change. */
export class ListenError extends Error {
  readonly port: number;
  readonly code: string | undefined;
  constructor(message: string, port: number, code: string | undefined) {
    super(message);
    this.name = 'ListenError';
    this.port = port;
    this.code = code;
  }
}

/** `server.listen` as a promise; a busy or forbidden port becomes a {@link ListenError}. */
export function listenOn(
  server: Server,
  port: number,
  host: string,
  variable: string,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const code = error.code;
      if (code === 'EADDRINUSE') {
        reject(
          new ListenError(`port ${port} is in use; set ${variable} to a free port`, port, code),
        );
      } else if (code === 'EACCES') {
        reject(
          new ListenError(
            `port ${port} needs privileges; set ${variable} to a port above 1023`,
            port,
            code,
          ),
        );
      } else if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
        reject(
          new ListenError(
            `cannot listen on ${host}: no such local address; check HOST`,
            port,
            code,
          ),
        );
      } else {
        reject(error);
      }
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
