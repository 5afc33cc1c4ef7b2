import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded PostgreSQL: PGlite (PostgreSQL compiled to WASM) kept in a folder, reached
 * through its wire-protocol socket server on 127.0.0.1 by the ordinary `pg` driver, so the
 * application and its migrations run exactly as on a PostgreSQL server.
 * PGlite is single-session: use a pool of one connection.
 */
export class EmbeddedPostgres {
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly url: string,
    readonly dataDir: string,
  ) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const dir = resolve(dataDir);
    // PGlite creates only the last folder of its path.
    await mkdir(dirname(dir), { recursive: true });
    const db = await PGlite.create({ dataDir: dir });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
    await server.start();
    const url = `postgres://postgres@${server.getServerConn()}/postgres`;
    return new EmbeddedPostgres(db, server, url, dir);
  }

  /** Idempotent: closing PGlite twice crashes the process. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.server.stop();
      await this.db.close();
    })();
    return this.closing;
  }
}
