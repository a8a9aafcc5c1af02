/**
 * Loads Prisma's WebAssembly schema engine (the same Rust code as the native
 * `schema-engine` binary that `prisma migrate` downloads) in plain Node, with
 * @prisma/adapter-pg as its database driver. No network, no native binary.
 *
 * Glue JS: npm @prisma/schema-engine-wasm. Wasm: by default the copy shipped inside
 * the installed `prisma` CLI package (node_modules/prisma/build/schema_engine_bg.wasm),
 * whose version hash equals the CLI's engines hash; falls back to the wasm of
 * @prisma/schema-engine-wasm. Override with SCHEMA_ENGINE_WASM=/path/to.wasm.
 */
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { parseIntoClientConfig } from "pg-connection-string";

const require = createRequire(import.meta.url);

type Bg = typeof import("@prisma/schema-engine-wasm/schema_engine_bg") & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
};

let bgPromise: Promise<Bg> | undefined;

function wasmPath(): string {
  if (process.env.SCHEMA_ENGINE_WASM) return path.resolve(process.env.SCHEMA_ENGINE_WASM);
  const fromCli = path.join(path.dirname(require.resolve("prisma/package.json")), "build/schema_engine_bg.wasm");
  if (fs.existsSync(fromCli)) return fromCli;
  return path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
}

/** The wasm calls global PRISMA_WASM_PANIC_REGISTRY.set_message() on a Rust panic (set up by the Prisma CLI). */
const panicRegistry = {
  message: "",
  get() {
    return this.message;
  },
  set_message(m: string) {
    this.message = `RuntimeError: ${m}`;
  },
};
(globalThis as Record<string, unknown>).PRISMA_WASM_PANIC_REGISTRY ??= panicRegistry;
export const lastPanic = () => panicRegistry.message;

async function loadBg(): Promise<Bg> {
  // schema_engine.js does `import * as wasm from "./schema_engine_bg.wasm"` (bundler
  // target), which plain Node 20 cannot import; instantiate the module by hand.
  const bg = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as Bg;
  const mod = new WebAssembly.Module(fs.readFileSync(wasmPath()));
  const instance = new WebAssembly.Instance(mod, { "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bg;
}

export async function engineVersion(): Promise<string> {
  bgPromise ??= loadBg();
  return (await bgPromise).version();
}

/**
 * @prisma/adapter-pg 7.10.1 (and 8.1.0-dev.7) cannot map the internal one-byte
 * "char" type (OID 18: pg_class.relkind, pg_constraint.contype, ...) that the engine's
 * Postgres describer selects: without this patch the engine fails with
 * "Column type 'char' could not be deserialized from the database"; mapping it to Text
 * is not enough either (the describer reads those columns as Rust `char` and panics).
 * Report them as ColumnTypeEnum.Character. Patched only inside this migration process.
 */
const CHAR_OID = 18;
const TEXT_OID = 25;
let adapterPatched = false;
async function patchAdapterPg(factory: PrismaPg) {
  if (adapterPatched) return;
  const probe = await factory.connect(); // lazy pg.Pool, no connection yet
  const adapterProto = Object.getPrototypeOf(probe); // PrismaPgAdapter.prototype
  const proto = Object.getPrototypeOf(adapterProto); // PgQueryable.prototype
  await probe.dispose();
  // adapter-pg's executeScript splits the script on every ";", which breaks
  // dollar-quoted function bodies (our audit trigger). Send the whole script in one
  // simple-query round trip instead, as the native engine and our runner do.
  adapterProto.executeScript = async function (this: { client: { query(s: string): Promise<unknown> }; onError(e: unknown): never }, script: string) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
  const { performIO, queryRaw } = proto;
  if (typeof performIO !== "function" || typeof queryRaw !== "function") {
    throw new Error("@prisma/adapter-pg internals changed (performIO/queryRaw); re-check this patch");
  }
  proto.queryRaw = async function (this: object, query: unknown) {
    let charCols: number[] = [];
    // per-call view of the adapter whose performIO hides OID 18 from fieldToColumnType()
    const self = Object.create(this, {
      performIO: {
        value: async (q: unknown) => {
          const res = await performIO.call(this, q);
          charCols = [];
          res?.fields?.forEach((f: { dataTypeID: number }, i: number) => {
            if (f.dataTypeID === CHAR_OID) {
              charCols.push(i);
              f.dataTypeID = TEXT_OID;
            }
          });
          return res;
        },
      },
    });
    const out = await queryRaw.call(self, query);
    for (const i of charCols) out.columnTypes[i] = ColumnTypeEnum.Character;
    return out;
  };
  adapterPatched = true;
}

/**
 * PrismaPg with a fixed shadow-database lifecycle. adapter-pg 7.10.1's
 * connectToShadowDb() disposes by running DROP DATABASE *before* closing the
 * shadow pool => "database ... is being accessed by other users" and a leaked
 * prisma_migrate_shadow_db_<uuid>. Also tracks every pool so close() can end them.
 */
class MigratePg extends PrismaPg {
  readonly open = new Set<{ dispose(): Promise<void> }>();
  constructor(private readonly cfg: ReturnType<typeof parseIntoClientConfig>) {
    super(cfg);
  }
  override async connect() {
    const a = await super.connect();
    this.open.add(a);
    return a;
  }
  override async connectToShadowDb() {
    const admin = await this.connect();
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg({ ...this.cfg, database }).connect();
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow(); // end the shadow pool first
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.dispose();
      this.open.delete(admin);
    };
    return shadow;
  }
  async disposeAll() {
    for (const a of this.open) await a.dispose().catch(() => {});
    this.open.clear();
  }
}

export interface Engine {
  engine: SchemaEngine;
  close(): Promise<void>;
}

/**
 * @param url database URL (used for the target DB, and to create throw-away
 *            `prisma_migrate_shadow_db_<uuid>` databases; needs CREATEDB).
 * @param schemaFiles optional [path, content] pairs of the Prisma schema.
 */
export async function openEngine(url: string, schemaFiles?: [string, string][], debug = !!process.env.DEBUG_SCHEMA_ENGINE): Promise<Engine> {
  bgPromise ??= loadBg();
  const bg = await bgPromise;
  // PITFALL: PrismaPg.connectToShadowDb() opens the shadow DB with {...config, database}.
  // With {connectionString} node-postgres lets the URL override `database`, so the
  // "shadow" replay would run against the MAIN database. Pass discrete fields instead.
  const factory = new MigratePg(parseIntoClientConfig(url));
  await patchAdapterPg(new PrismaPg(parseIntoClientConfig(url)));
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const log = (msg: string) => {
    if (debug) console.error("[schema-engine]", msg);
  };
  try {
    const engine = await bg.SchemaEngine.new({ datamodels: schemaFiles }, log, adapter);
    return {
      engine,
      close: async () => {
        engine.free();
        await factory.disposeAll();
      },
    };
  } catch (e) {
    await factory.disposeAll();
    throw e;
  }
}

/**
 * Engine with NO database: SchemaEngine.new() always runs one probe query
 * (`SELECT EXISTS(... pg_namespace ...), version(), current_setting('server_version_num')`),
 * so a stub adapter answers it and rejects everything else. Enough for
 * datamodel -> datamodel diffs (`--from-schema old.prisma`); anything else fails loudly.
 */
export async function openOfflineEngine(serverVersionNum = 180000): Promise<Engine> {
  bgPromise ??= loadBg();
  const bg = await bgPromise;
  const fail = async (what: string) => {
    throw new Error(`offline schema engine has no database (${what})`);
  };
  const stub = {
    provider: "postgres" as const,
    adapterName: "offline-stub",
    async queryRaw(q: { sql: string }) {
      if (!q.sql.includes("server_version_num")) return fail(q.sql.slice(0, 80));
      return {
        columnNames: ["exists", "version", "numeric_version"],
        columnTypes: [ColumnTypeEnum.Boolean, ColumnTypeEnum.Text, ColumnTypeEnum.Int32],
        rows: [[true, `PostgreSQL ${serverVersionNum / 10000} (offline stub)`, serverVersionNum]],
      };
    },
    executeRaw: () => fail("executeRaw"),
    executeScript: () => fail("executeScript"),
    startTransaction: () => fail("startTransaction"),
    getConnectionInfo: () => ({ schemaName: "public", supportsRelationJoins: true }),
    dispose: async () => {},
  };
  const adapter = bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: "offline-stub",
    connect: async () => stub,
    connectToShadowDb: async () => stub,
  } as unknown as Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0]);
  const engine = await bg.SchemaEngine.new({ datamodels: undefined }, () => {}, adapter);
  return { engine, close: async () => engine.free() };
}
